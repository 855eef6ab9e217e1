"""Envelopes for load: certificate ``n`` of run ``seed``, routed between NPPOs.

Certificate numbers are derived from ``(seed, n)`` only, so two runs with the same
seed send the same certificates and a number names one certificate of one run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from conformance.generate import bulk_envelope
from conformance.hub.entities import Envelope

__all__ = ["Route", "load_envelope", "route"]


@dataclass(frozen=True, slots=True)
class Route:
    """Who sends certificate ``n`` and who receives it."""

    sender: str
    recipient: str


def route(n: int, codes: Sequence[str]) -> Route:
    """The sender and recipient of certificate ``n``: every ordered pair, evenly.

    Never self-addressed: production hubs carry certificates between two NPPOs
    (B4 rule 3), and the bulk generator keeps export and import countries apart.
    """
    count = len(codes)
    if count < 2:
        raise ValueError(f"a load needs at least two NPPOs, got {list(codes)!r}")
    sender = n % count
    offset = 1 + (n // count) % (count - 1)
    return Route(codes[sender], codes[(sender + offset) % count])


def load_envelope(seed: int, n: int, sender: str, recipient: str) -> Envelope:
    """The envelope of certificate ``n`` of run ``seed``, ``sender`` to ``recipient``.

    The certificate is the bulk generator's certificate ``n`` of corpus ``seed``,
    so runs are varied and repeatable, and its number names it alone.

    Example::

        envelope = load_envelope(7, 0, "NL", "KE")
    """
    return bulk_envelope(seed, n, exporter=sender, importer=recipient)
