"""Refusals the reference hub answers with a ``HubWebException`` fault."""

from __future__ import annotations

__all__ = [
    "ENVELOPE_ALREADY_ACKNOWLEDGED",
    "ENVELOPE_NOT_EXISTS",
    "NPPO_NOT_FOUND",
    "HubServiceFault",
]

# The text the production hub answers for an unregistered client certificate (D17).
NPPO_NOT_FOUND = "NPPO from client certificate not found"
# Prefixes of the acknowledgement and pull refusals (D9, D10).
ENVELOPE_NOT_EXISTS = "EnvelopeNotExists"
ENVELOPE_ALREADY_ACKNOWLEDGED = "EnvelopeAlreadyAcknowledged"


class HubServiceFault(Exception):
    """A refusal the contract returns as a SOAP fault; ``message`` is its text."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
