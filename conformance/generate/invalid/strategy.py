"""``invalid_certificates()``: a valid certificate, then exactly one kind of damage."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from hypothesis import strategies as st

from conformance.certificate import Certificate, to_xml
from conformance.errors import UsageError
from conformance.findings import Area, Layer, Level
from conformance.generate.envelopes import encode_content, envelope_for
from conformance.generate.invalid.kinds import INVALID_KINDS, InvalidKind
from conformance.generate.strategies import certificates
from conformance.hub.entities import Envelope

__all__ = ["InvalidCertificate", "invalid_certificates"]


@dataclass(frozen=True, slots=True)
class InvalidCertificate:
    """A certificate broken in one catalogued way, and an envelope that carries it.

    The envelope header agrees with the body except for the header kinds, which
    break exactly that agreement.
    """

    kind: str
    rule_id: str
    layer: Layer
    area: Area
    level: Level
    xml: bytes
    envelope: Envelope


def invalid_certificates(
    kind: str | None = None,
    *,
    exporter: str | None = None,
    importer: str | None = None,
) -> st.SearchStrategy[InvalidCertificate]:
    """Invalid certificates of ``kind`` (any catalogued kind when ``None``).

    >>> from hypothesis import given
    >>> @given(invalid_certificates("unknown-country", exporter="NL"))
    ... def test_refused(invalid):
    ...     assert invalid.rule_id == "EPH-MAP-001"

    Raises :class:`UsageError` at call time for a kind not in ``INVALID_KINDS``
    and for an exporter or importer not on the ISO 3166-1 list.
    """
    if kind is not None and kind not in INVALID_KINDS:
        raise UsageError(
            f"unknown invalid kind {kind!r}; choose one of "
            f"{', '.join(sorted(INVALID_KINDS))}"
        )
    names = [kind] if kind is not None else sorted(INVALID_KINDS)
    return st.sampled_from(names).flatmap(
        lambda name: _of_kind(name, exporter, importer)
    )


def _of_kind(
    name: str, exporter: str | None, importer: str | None
) -> st.SearchStrategy[InvalidCertificate]:
    kind = INVALID_KINDS[name]
    drawn = certificates(
        type_codes=kind.type_codes, exporter=exporter, importer=importer
    )
    return st.builds(
        lambda certificate, rng: _break(kind, certificate, rng),
        drawn,
        st.randoms(use_true_random=False),
    )


def _break(
    kind: InvalidKind, certificate: Certificate, rng: Random
) -> InvalidCertificate:
    xml = kind.mutate(to_xml(certificate), rng)
    envelope = envelope_for(certificate)
    envelope.content = _content(xml, kind.text_safe)
    kind.mutate_envelope(envelope, rng)
    return InvalidCertificate(
        kind.name, kind.rule_id, kind.layer, kind.area, kind.level, xml, envelope
    )


def _content(xml: bytes, text_safe: bool) -> str:
    # The encoding kinds live in the bytes: they travel base64, so the receiver
    # sees exactly those bytes.
    if text_safe:
        try:
            return xml.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return encode_content(xml, "base64-utf8")
