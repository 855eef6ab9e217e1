"""Bulk corpora: valid certificates with a deterministic share of catalogued mutants.

Item ``n`` of corpus ``seed`` is a pure function of (seed, n, invalid_share): the
choice to break it, the kind and the damage all come from mixed hash bits, and
the damage is the catalogue's own :meth:`InvalidKind.mutate`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from random import Random

from conformance.errors import UsageError
from conformance.generate.bulk import bulk_certificate, mix
from conformance.generate.invalid import BULK_KINDS, INVALID_KINDS

__all__ = ["CorpusItem", "corpus", "invalid_bulk_certificate"]

# Salt the invalid draw so it is independent of the certificate's own bits.
_SALT = 0x5EED_BAD_C0DE


@dataclass(frozen=True, slots=True)
class CorpusItem:
    """Certificate ``n`` of a corpus: its bytes and, when broken, how."""

    n: int
    xml: bytes
    valid: bool
    kind: str | None = None
    rule_id: str | None = None


def invalid_bulk_certificate(seed: int, n: int, kind: str) -> bytes:
    """Certificate ``n`` of corpus ``seed`` broken as ``kind``, the same every time.

    >>> b"QQ" in invalid_bulk_certificate(1, 0, "unknown-country")
    True

    Raises :class:`UsageError` for a kind not in ``INVALID_KINDS``.
    """
    chosen = INVALID_KINDS.get(kind)
    if chosen is None:
        raise UsageError(
            f"unknown invalid kind {kind!r}; choose one of {', '.join(BULK_KINDS)}"
        )
    bits = mix(mix(seed ^ _SALT) ^ n)
    type_code = chosen.type_codes[0] if len(chosen.type_codes) == 1 else None
    xml = bulk_certificate(seed, n, type_code=type_code)
    return chosen.mutate(xml, Random(bits))


def corpus(
    seed: int,
    count: int,
    *,
    start: int = 0,
    invalid_share: float = 0.0,
    kinds: Sequence[str] = BULK_KINDS,
) -> Iterator[CorpusItem]:
    """Items ``start`` .. ``start + count - 1`` of corpus ``seed``, lazily.

    >>> [item.valid for item in corpus(1, 3)]
    [True, True, True]

    Raises :class:`UsageError` for a negative count or start, a share outside
    [0, 1], or an empty or unknown ``kinds``.
    """
    if count < 0 or start < 0:
        raise UsageError(f"count and start must be >= 0, got {count!r}, {start!r}")
    if not 0.0 <= invalid_share <= 1.0:
        raise UsageError(f"invalid_share must be within [0, 1], got {invalid_share!r}")
    unknown = [kind for kind in kinds if kind not in INVALID_KINDS]
    if not kinds or unknown:
        raise UsageError(
            f"kinds must name catalogued kinds, got unknown {unknown!r} "
            f"(or none at all); choose from {', '.join(BULK_KINDS)}"
        )
    threshold = int(invalid_share * (1 << 53))
    salted = mix(seed ^ _SALT)
    for n in range(start, start + count):
        bits = mix(salted ^ n)
        if (bits >> 11) >= threshold:
            yield CorpusItem(n, bulk_certificate(seed, n), True)
            continue
        name = kinds[bits % len(kinds)]
        kind = INVALID_KINDS[name]
        yield CorpusItem(
            n, invalid_bulk_certificate(seed, n, name), False, name, kind.rule_id
        )
