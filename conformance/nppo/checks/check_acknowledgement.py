"""Acknowledgement discipline over the whole run: pull first, once, only one's own."""

from __future__ import annotations

from conformance.nppo.evidence import (
    describe,
    not_addressed_requests,
    repeated_acknowledgements,
    unpulled_acknowledgements,
)
from conformance.nppo.observer import Exchange
from conformance.suite.registry import check


@check(
    "NPPO-ACK-001",
    title="The system never acknowledges an envelope it has not pulled",
    requirement="hub-protocol §4.1 steps 3-4; WSDL PULLSingleImportEnvelope, Acknowledge…",
)
def test_no_acknowledgement_without_pull(exchanges: list[Exchange]) -> None:
    """Example: acknowledging from GetImportEnvelopeHeaders alone fails this check."""
    unpulled = unpulled_acknowledgements(exchanges)

    assert not unpulled, (
        f"{len(unpulled)} acknowledgement(s) of envelopes not pulled before: "
        + "; ".join(describe(e) for e in unpulled[:5])
    )


@check(
    "NPPO-ACK-002",
    title="The system acknowledges each envelope once",
    requirement="WSDL AcknowledgeEnvelopeReceipt, HubWebException; D9",
)
def test_each_envelope_acknowledged_once(exchanges: list[Exchange]) -> None:
    """A second acknowledgement is refused by the hub and hides a receiver bug."""
    repeated = repeated_acknowledgements(exchanges)

    assert not repeated, (
        f"{len(repeated)} envelope(s) acknowledged more than once, e.g. "
        + "; ".join(
            f"{number}: " + ", ".join(describe(e) for e in attempts)
            for number, attempts in list(repeated.items())[:3]
        )
    )


@check(
    "NPPO-ACK-003",
    title="The system pulls and acknowledges only envelopes addressed to it",
    requirement="WSDL PULLSingleImportEnvelope, GetUnderDeliveryEnvelope; D9, D10",
)
def test_only_own_envelopes_requested(exchanges: list[Exchange]) -> None:
    """Example: pulling one's own sent envelopes is refused with EnvelopeNotExists."""
    refused = not_addressed_requests(exchanges)

    assert not refused, (
        f"{len(refused)} request(s) for envelopes not addressed to the system: "
        + "; ".join(describe(e) for e in refused[:5])
    )
