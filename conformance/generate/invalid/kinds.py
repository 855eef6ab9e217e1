"""The invalid-kind catalogue: what each kind breaks and which rule must catch it.

Each kind mutates plain bytes with a plain :class:`random.Random`, so the hypothesis
strategy and bulk corpora apply the very same damage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from random import Random
from types import MappingProxyType

from lxml import etree

from conformance.findings import Area, Layer, Level
from conformance.generate.invalid import _catalogue, _catalogue_field
from conformance.generate.invalid._recipe import (
    BytesMutation,
    HeaderMutation,
    Row,
    TreeMutation,
)
from conformance.hub.entities import Envelope
from conformance.validate import RULES

__all__ = ["BULK_KINDS", "INVALID_KINDS", "InvalidKind"]

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


@dataclass(frozen=True, slots=True)
class InvalidKind:
    """One way to break a certificate, with the rule (layer, area, level) it breaks.

    ``type_codes`` are the certificate types the kind applies to; ``bulk`` says
    whether bulk corpora use it (it changes the certificate bytes at a modest
    size); ``text_safe`` whether the damage survives being sent as text (the
    encoding kinds live in the bytes and travel only base64).
    """

    name: str
    rule_id: str
    layer: Layer
    area: Area
    level: Level
    description: str
    type_codes: tuple[int, ...] = (851, 657)
    bulk: bool = True
    text_safe: bool = True
    _tree: TreeMutation | None = field(default=None, repr=False, compare=False)
    _raw: BytesMutation | None = field(default=None, repr=False, compare=False)
    _header: HeaderMutation | None = field(default=None, repr=False, compare=False)

    def mutate(self, xml: bytes, rng: Random) -> bytes:
        """``xml`` (a valid certificate of one of ``type_codes``) broken this way.

        Header kinds return ``xml`` unchanged: their damage is in the envelope.
        """
        if self._tree is not None:
            root = etree.fromstring(xml, _PARSER)
            self._tree(root, rng)
            xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        if self._raw is not None:
            xml = self._raw(xml, rng)
        return xml

    def mutate_envelope(self, envelope: Envelope, rng: Random) -> None:
        """Apply this kind's header or Content damage to ``envelope`` in place."""
        if self._header is not None:
            self._header(envelope, rng)


def _kind(row: Row) -> InvalidKind:
    rule = RULES[row.rule_id]
    return InvalidKind(
        row.name,
        row.rule_id,
        rule.layer,
        rule.area,
        rule.level,
        row.description,
        row.type_codes,
        row.bulk,
        row.text_safe,
        row.tree,
        row.raw,
        row.header,
    )


INVALID_KINDS: Mapping[str, InvalidKind] = MappingProxyType(
    {row.name: _kind(row) for row in (*_catalogue.ROWS, *_catalogue_field.ROWS)}
)
"""Every invalid kind by name; the layer, area and level come from the rule."""

BULK_KINDS: tuple[str, ...] = tuple(
    sorted(name for name, kind in INVALID_KINDS.items() if kind.bulk)
)
"""Kinds bulk corpora draw from: they change the certificate file itself."""
