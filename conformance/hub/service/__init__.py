"""The reference hub's behaviour: one method per operation over the store."""

from __future__ import annotations

from conformance.hub.service.faults import (
    ENVELOPE_ALREADY_ACKNOWLEDGED,
    ENVELOPE_NOT_EXISTS,
    NPPO_NOT_FOUND,
    HubServiceFault,
)
from conformance.hub.service.hub_service import METHODS, HubService

__all__ = [
    "ENVELOPE_ALREADY_ACKNOWLEDGED",
    "ENVELOPE_NOT_EXISTS",
    "METHODS",
    "NPPO_NOT_FOUND",
    "HubService",
    "HubServiceFault",
]
