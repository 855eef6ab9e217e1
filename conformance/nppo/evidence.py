"""Reading the exchange log: who pulled and acknowledged what, and how the hub answered."""

from __future__ import annotations

from collections.abc import Iterable

from conformance.hub.service import ENVELOPE_NOT_EXISTS
from conformance.nppo.hub import NppoHub
from conformance.nppo.observer import ACKNOWLEDGEMENTS, PULLS, Exchange

__all__ = [
    "acknowledgement_attempts",
    "describe",
    "not_addressed_requests",
    "outcome_problem",
    "pulled_before",
    "repeated_acknowledgements",
    "unpulled_acknowledgements",
]


def acknowledgement_attempts(exchanges: Iterable[Exchange]) -> list[Exchange]:
    """Every acknowledgement call, accepted or refused."""
    return [e for e in exchanges if e.operation in ACKNOWLEDGEMENTS]


def pulled_before(exchanges: Iterable[Exchange], number: str, seq: int) -> bool:
    """Whether the system received envelope ``number`` before exchange ``seq``."""
    return any(
        e.ok and e.operation in PULLS and number in e.numbers and e.seq < seq
        for e in exchanges
    )


def unpulled_acknowledgements(exchanges: list[Exchange]) -> list[Exchange]:
    """Acknowledgements of envelopes the system had not pulled at that moment."""
    return [
        ack
        for ack in acknowledgement_attempts(exchanges)
        if not all(pulled_before(exchanges, n, ack.seq) for n in ack.numbers)
    ]


def repeated_acknowledgements(exchanges: list[Exchange]) -> dict[str, list[Exchange]]:
    """Envelopes acknowledged more than once, with every attempt."""
    by_number: dict[str, list[Exchange]] = {}
    for ack in acknowledgement_attempts(exchanges):
        for number in ack.numbers:
            by_number.setdefault(number, []).append(ack)
    return {number: acks for number, acks in by_number.items() if len(acks) > 1}


def not_addressed_requests(exchanges: Iterable[Exchange]) -> list[Exchange]:
    """Pulls and acknowledgements the hub refused as not the caller's envelope."""
    return [
        e
        for e in exchanges
        if e.operation in PULLS | ACKNOWLEDGEMENTS
        and e.refused is not None
        and e.refused.startswith(ENVELOPE_NOT_EXISTS)
    ]


def describe(exchange: Exchange) -> str:
    """One exchange as a line for a check message."""
    numbers = ", ".join(exchange.numbers) or "-"
    outcome = "accepted" if exchange.ok else f"refused: {exchange.refused}"
    return f"#{exchange.seq} {exchange.operation}({numbers}) {outcome}"


def outcome_problem(
    hub: NppoHub, number: str, expected: tuple[str, ...], timeout: float
) -> str | None:
    """What is wrong with how envelope ``number`` was acknowledged, or ``None``."""
    envelope = hub.envelope(number)
    label = (
        f"envelope {number} (certificate {envelope.nppo_certificate_number!r})"
        if envelope is not None
        else f"envelope {number}"
    )
    accepted = hub.service.store.acknowledgements(number)
    if not accepted:
        return (
            f"{label} is still {hub.state(number)} after {timeout:g} s: the system "
            f"did not acknowledge it; expected {' or '.join(expected)}"
        )
    first = accepted[0]
    if first.kind not in expected:
        said = f" ({first.message!r})" if first.message else ""
        return (
            f"{label} was acknowledged with {first.kind}{said}; expected "
            f"{' or '.join(expected)}"
        )
    return None
