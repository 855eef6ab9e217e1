"""Injectable hub faults: realistic ways a hub goes wrong, around the clean hub.

Each fault wraps the reference hub without changing it: a ``HubService`` subclass
for behaviour, or an aiohttp middleware for the wire. ``ephyto-conformance
selftest`` runs the suite against each one and reports which checks caught it.
"""

from __future__ import annotations

from conformance.hub.faults.catalogue import FAULTS, fault_names, find_fault
from conformance.hub.faults.markdown import (
    FAULTS_BEGIN,
    FAULTS_END,
    faults_markdown,
)
from conformance.hub.faults.model import DEFAULT_CLIENT_TIMEOUT, Fault

__all__ = [
    "DEFAULT_CLIENT_TIMEOUT",
    "FAULTS",
    "FAULTS_BEGIN",
    "FAULTS_END",
    "Fault",
    "fault_names",
    "faults_markdown",
    "find_fault",
]
