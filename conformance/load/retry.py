"""When a load user tries an exchange again: after the hub left it unanswered.

A hub under load resets connections without answering (hub-protocol §5: national
systems time out and retry), and behind a gateway it answers 502-504. A national
system sends the same request again after a pause, so the load users do too;
every failed exchange still counts in the run's error rate. A SOAP fault is the
hub's answer, and is never retried.
"""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["ATTEMPTS", "pauses"]

# Four tries over about 3.5 s ride out a dropped connection or a short gateway
# outage; a hub down for longer should fail the run, not stretch it.
ATTEMPTS = 4
_FIRST_PAUSE_S = 0.5


def pauses(attempts: int = ATTEMPTS) -> Iterator[float]:
    """Seconds to wait before each try: 0 for the first, then doubling from 0.5."""
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1, got {attempts!r}")
    yield 0.0
    for retry in range(attempts - 1):
        yield _FIRST_PAUSE_S * 2**retry
