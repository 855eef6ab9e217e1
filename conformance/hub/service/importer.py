"""Importer operations: list, pull and acknowledge the envelopes waiting for one."""

from __future__ import annotations

from conformance.hub.entities import Envelope, EnvelopeHeader, TrackingInfo
from conformance.hub.service.faults import (
    ENVELOPE_ALREADY_ACKNOWLEDGED,
    ENVELOPE_NOT_EXISTS,
    HubServiceFault,
)
from conformance.hub.store import AcknowledgeOutcome, HubStore

__all__ = ["acknowledge", "import_headers", "pull_all", "pull_single"]


def import_headers(
    store: HubStore, caller: str, country_code: str | None
) -> list[EnvelopeHeader]:
    """``GetImportEnvelopeHeaders``: waiting envelopes, by sender when given (D7)."""
    sender = country_code.strip() if country_code else None
    return [
        envelope.header()
        for envelope in store.pending_for(caller, sender=sender or None)
    ]


def pull_single(store: HubStore, caller: str, number: str) -> Envelope:
    """``PULLSingleImportEnvelope``: one envelope addressed to the caller."""
    envelope = store.envelope(number)
    if envelope is None or envelope.to != caller:
        raise HubServiceFault(
            f"{ENVELOPE_NOT_EXISTS}: no envelope {number!r} addressed to {caller!r}"
        )
    return envelope


def pull_all(store: HubStore, caller: str) -> list[Envelope]:
    """``PULLImportEnvelope``: every waiting envelope; pulling does not ack (D8)."""
    return store.pending_for(caller)


def acknowledge(
    store: HubStore,
    caller: str,
    number: str,
    *,
    kind: str,
    state: TrackingInfo,
    message: str | None = None,
) -> None:
    """Move a waiting envelope to a final ``state``, once only (D1, D9)."""
    outcome = store.acknowledge(
        number, by=caller, kind=kind, state=state, message=message
    )
    if outcome is AcknowledgeOutcome.NOT_EXISTS:
        raise HubServiceFault(
            f"{ENVELOPE_NOT_EXISTS}: no envelope {number!r} addressed to {caller!r}"
        )
    if outcome is AcknowledgeOutcome.ALREADY_ACKNOWLEDGED:
        current = store.envelope(number)
        state_text = current.hub_tracking_info if current is not None else "final"
        raise HubServiceFault(
            f"{ENVELOPE_ALREADY_ACKNOWLEDGED}: envelope {number!r} is already "
            f"{state_text}; acknowledge each envelope once"
        )
