"""The invalid-kind catalogue: what each kind breaks and which rule must catch it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from lxml import etree

from conformance.findings import Area, Layer, Level
from conformance.generate.invalid import _raw_mutations as raw
from conformance.generate.invalid import _tree_mutations as tree
from conformance.hub.entities import Envelope
from conformance.validate import RULES

__all__ = ["INVALID_KINDS", "InvalidKind"]

TreeMutation = Callable[[etree._Element], None]
BytesMutation = Callable[[bytes], bytes]
HeaderMutation = Callable[[Envelope], None]


@dataclass(frozen=True, slots=True)
class InvalidKind:
    """One way to break a certificate, with the rule (layer, area, level) it breaks."""

    name: str
    rule_id: str
    layer: Layer
    area: Area
    level: Level
    description: str


@dataclass(frozen=True, slots=True)
class Recipe:
    """How to make a kind: the certificate types it needs and its mutations."""

    type_codes: tuple[int, ...]
    on_tree: TreeMutation | None = None
    on_bytes: BytesMutation | None = None
    on_header: HeaderMutation | None = None


_ANY, _851, _657 = (851, 657), (851,), (657,)

# name, rule, description, recipe: taken from the real mistakes of B5 and B4.
_CATALOGUE: tuple[tuple[str, str, str, Recipe], ...] = (
    (
        "undeclared-prefix",
        "EPH-WF-002",
        "root in a prefix never declared (cut out of SOAP)",
        Recipe(_ANY, on_bytes=raw.undeclared_prefix),
    ),
    (
        "wrong-namespace-version",
        "EPH-NS-001",
        "SPSCertificate:16 instead of :17",
        Recipe(_ANY, on_bytes=raw.wrong_namespace_version),
    ),
    (
        "declaration-contradicts-encoding",
        "EPH-ENC-001",
        "Latin-1 bytes declared UTF-8",
        Recipe(_ANY, on_tree=tree.latin1_name, on_bytes=raw.latin1_declared_utf8),
    ),
    (
        "elements-out-of-sequence",
        "EPH-SCH-001",
        "TypeCode before ID",
        Recipe(_ANY, on_tree=tree.out_of_sequence),
    ),
    (
        "missing-mandatory-element",
        "EPH-SCH-002",
        "trade line without Description",
        Recipe(_ANY, on_tree=tree.missing_description),
    ),
    (
        "empty-coded-value",
        "EPH-MAN-002",
        "<ram:TypeCode/> in the document",
        Recipe(_ANY, on_tree=tree.empty_type_code),
    ),
    (
        "bad-decimal",
        "EPH-SCH-003",
        "comma decimal in SequenceNumeric",
        Recipe(_ANY, on_tree=tree.bad_decimal),
    ),
    (
        "bad-base64",
        "EPH-SCH-004",
        "attachment content not base64",
        Recipe(_ANY, on_tree=tree.bad_base64),
    ),
    (
        "date-time-without-offset",
        "EPH-BR-004",
        "issue date-time without UTC offset",
        Recipe(_ANY, on_tree=tree.date_time_without_offset),
    ),
    (
        "date-time-with-space",
        "EPH-BR-005",
        "issue date-time with a space for T",
        Recipe(_ANY, on_tree=tree.date_time_with_space),
    ),
    (
        "date-only",
        "EPH-BR-006",
        "issue date-time holding a date only",
        Recipe(_ANY, on_tree=tree.date_only),
    ),
    (
        "issued-in-future",
        "EPH-BR-009",
        "issue date-time a month ahead",
        Recipe(_ANY, on_tree=tree.issued_in_future),
    ),
    (
        "unknown-country",
        "EPH-MAP-001",
        "origin country not ISO 3166-1",
        Recipe(_ANY, on_tree=tree.unknown_country),
    ),
    (
        "unknown-unit",
        "EPH-MAP-002",
        "net weight unit outside Rec 20",
        Recipe(_ANY, on_tree=tree.unknown_unit),
    ),
    (
        "unknown-package-type",
        "EPH-MAP-003",
        "package type outside Rec 21",
        Recipe(_ANY, on_tree=tree.unknown_package_type),
    ),
    (
        "unknown-transport-mode",
        "EPH-MAP-004",
        "transport mode outside Rec 19",
        Recipe(_ANY, on_tree=tree.unknown_transport_mode),
    ),
    (
        "unknown-note-subject",
        "EPH-MAP-005",
        "document note with an unknown subject",
        Recipe(_ANY, on_tree=tree.unknown_note_subject),
    ),
    (
        "null-placeholder",
        "EPH-MAP-010",
        "literal NULL as the consignor name",
        Recipe(_ANY, on_tree=tree.null_placeholder),
    ),
    (
        "wrong-unit-kind",
        "EPH-BR-013",
        "net weight in a volume unit",
        Recipe(_ANY, on_tree=tree.wrong_unit_kind),
    ),
    (
        "reexport-notes-on-851",
        "EPH-BR-001",
        "851 trade line with an RPCST note",
        Recipe(_851, on_tree=tree.reexport_note_on_851),
    ),
    (
        "rpc-boolean-not-boolean",
        "EPH-BR-011",
        "RPCOR note saying Maybe",
        Recipe(_657, on_tree=tree.rpc_boolean_not_boolean),
    ),
    (
        "reexport-without-original",
        "EPH-BR-002",
        "657 without the AWR original",
        Recipe(_657, on_tree=tree.reexport_without_original),
    ),
    (
        "reexport-without-statement",
        "EPH-BR-003",
        "657 trade line without RPCST",
        Recipe(_657, on_tree=tree.reexport_without_statement),
    ),
    (
        "header-from-mismatch",
        "EPH-ENV-001",
        "header From not the export country",
        Recipe(_ANY, on_header=raw.header_from),
    ),
    (
        "header-to-mismatch",
        "EPH-ENV-002",
        "header To not the import country",
        Recipe(_ANY, on_header=raw.header_to),
    ),
    (
        "header-type-mismatch",
        "EPH-ENV-003",
        "header type not the TypeCode",
        Recipe(_ANY, on_header=raw.header_type),
    ),
    (
        "header-status-mismatch",
        "EPH-ENV-004",
        "header status not the StatusCode",
        Recipe(_ANY, on_header=raw.header_status),
    ),
    (
        "header-number-mismatch",
        "EPH-ENV-005",
        "header number not the document ID",
        Recipe(_ANY, on_header=raw.header_number),
    ),
    ("dtd", "EPH-SEC-001", "a DOCTYPE in the prolog", Recipe(_ANY, on_bytes=raw.dtd)),
    (
        "external-entity",
        "EPH-SEC-005",
        "an external entity (XXE)",
        Recipe(_ANY, on_bytes=raw.external_entity),
    ),
    (
        "entity-expansion",
        "EPH-SEC-002",
        "a billion-laughs entity chain",
        Recipe(_ANY, on_bytes=raw.entity_expansion),
    ),
    (
        "deep-nesting",
        "EPH-SEC-003",
        "elements nested past the depth limit",
        Recipe(_ANY, on_tree=tree.deep_nesting),
    ),
    (
        "oversized-content",
        "EPH-SEC-004",
        "an attachment past the size limit",
        Recipe(_ANY, on_tree=tree.oversized),
    ),
)


def _kind(name: str, rule_id: str, description: str) -> InvalidKind:
    rule = RULES[rule_id]
    return InvalidKind(name, rule_id, rule.layer, rule.area, rule.level, description)


INVALID_KINDS: Mapping[str, InvalidKind] = MappingProxyType(
    {name: _kind(name, rule, text) for name, rule, text, _ in _CATALOGUE}
)
"""Every invalid kind by name; the layer, area and level come from the rule."""

RECIPES: Mapping[str, Recipe] = MappingProxyType(
    {name: recipe for name, _, _, recipe in _CATALOGUE}
)
