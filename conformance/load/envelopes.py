"""Envelopes for load: certificate ``n`` of run ``seed``, routed between NPPOs.

Content derives from ``(seed, n)`` only, so two runs with the same seed send the
same certificates. The certificate number carries the run tag (``LOAD-<tag>-<n>``),
so importers on a shared hub take only their own run's envelopes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from conformance.generate import bulk_envelope
from conformance.hub.entities import Envelope, EnvelopeHeader

__all__ = [
    "Route",
    "is_run_envelope",
    "load_envelope",
    "route",
    "run_certificate_index",
    "run_certificate_number",
    "run_delivery_numbers",
    "run_headers",
]


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


def run_certificate_number(run_tag: str, n: int) -> str:
    """The NPPOCertificateNumber of certificate ``n`` of run ``run_tag``."""
    return f"LOAD-{run_tag}-{n}"


def run_certificate_index(certificate_number: str, run_tag: str) -> int | None:
    """``n`` of a ``LOAD-<run_tag>-<n>`` certificate number; None for any other."""
    prefix = f"LOAD-{run_tag}-"
    if not run_tag or not certificate_number.startswith(prefix):
        return None
    digits = certificate_number[len(prefix) :]
    return int(digits) if digits.isdigit() else None


def is_run_envelope(header: EnvelopeHeader, run_tag: str) -> bool:
    """True when ``header`` is one of run ``run_tag``'s envelopes (always, untagged)."""
    if not run_tag:
        return True
    return header.nppo_certificate_number.startswith(f"LOAD-{run_tag}-")


def run_headers(
    headers: Iterable[EnvelopeHeader], run_tag: str
) -> list[EnvelopeHeader]:
    """The run's envelopes among ``headers`` that carry a hubDeliveryNumber, in order."""
    return [h for h in headers if h.hub_delivery_number and is_run_envelope(h, run_tag)]


def run_delivery_numbers(headers: Iterable[EnvelopeHeader], run_tag: str) -> list[str]:
    """The hubDeliveryNumbers of the run's envelopes among ``headers``, in order."""
    return [h.hub_delivery_number or "" for h in run_headers(headers, run_tag)]


def load_envelope(
    seed: int, n: int, sender: str, recipient: str, run_tag: str = ""
) -> Envelope:
    """The envelope of certificate ``n`` of run ``seed``, ``sender`` to ``recipient``.

    The certificate is the bulk generator's certificate ``n`` of corpus ``seed``,
    so runs are varied and repeatable. With ``run_tag`` its number becomes
    ``LOAD-<run_tag>-<n>`` in the header and in the body alike.

    Example::

        envelope = load_envelope(7, 0, "NL", "KE", run_tag="3fa9c1d2")
    """
    envelope = bulk_envelope(seed, n, exporter=sender, importer=recipient)
    if not run_tag:
        return envelope
    old, new = envelope.nppo_certificate_number, run_certificate_number(run_tag, n)
    # The bulk number is unique text in the body (the document ID), so a plain
    # replace keeps header and body in agreement at no parsing cost.
    content = (envelope.content or "").replace(f">{old}<", f">{new}<", 1)
    return replace(envelope, nppo_certificate_number=new, content=content)
