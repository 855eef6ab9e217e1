"""The rule registry: every finding the validator can produce, with one owner each.

Rule ids are stable: tests, the hub's ``ValidationResult/msg`` and NPPO reports quote
them. Area and level come from here only, so a rule never drifts between layers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from conformance.errors import UsageError
from conformance.findings import Area, Finding, Layer, Level

__all__ = ["RULES", "Rule", "finding"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One validation rule: stable id, the layer that owns it, hub area and level."""

    id: str
    layer: Layer
    area: Area
    level: Level
    reason: str


_S, _W, _I = Level.SEVERE, Level.WARNING, Level.INFO
_SCH, _MAN, _MAP = Area.SCHEMA, Area.MANDATORY_ELEMENTS, Area.MAPPING


def _group(
    layer: Layer, area: Area, rows: tuple[tuple[str, Level, str], ...]
) -> tuple[Rule, ...]:
    return tuple(
        Rule(rule_id, layer, area, level, reason) for rule_id, level, reason in rows
    )


_ALL: tuple[Rule, ...] = (
    # Well-formedness and encoding: there is no tree, validation stops here.
    *_group(
        Layer.WELL_FORMEDNESS,
        _SCH,
        (
            ("EPH-WF-001", _S, "The content is not well-formed XML."),
            ("EPH-WF-002", _S, "A namespace prefix is used but never declared."),
            ("EPH-WF-003", _S, "The content is empty."),
            ("EPH-ENC-001", _S, "The declared encoding contradicts the bytes."),
            ("EPH-ENC-002", _W, "UTF-16 without a byte-order mark (XML 1.0, 4.3.3)."),
            ("EPH-ENC-003", _S, "Not valid UTF-8 and no other encoding declared."),
            ("EPH-ENC-004", _S, "The declared encoding is unknown."),
        ),
    ),
    # Security: refused before any expansion or network access.
    *_group(
        Layer.SECURITY,
        _SCH,
        (
            ("EPH-SEC-001", _S, "A DOCTYPE (DTD) is not allowed in a certificate."),
            ("EPH-SEC-002", _S, "Entity declarations are not allowed."),
            ("EPH-SEC-003", _S, "Elements are nested deeper than the allowed limit."),
            ("EPH-SEC-004", _S, "The content is larger than the allowed size."),
            ("EPH-SEC-005", _S, "External entities are not allowed."),
        ),
    ),
    # Namespaces and the project's ePhyto profile XSD.
    *_group(
        Layer.SCHEMA,
        _SCH,
        (
            ("EPH-NS-001", _S, "The root is not SPSCertificate:17 SPSCertificate."),
            (
                "EPH-NS-002",
                _S,
                "An element is outside the D17A rsm/ram/udt namespaces.",
            ),
            ("EPH-SCH-001", _S, "Sibling elements are not in schema sequence order."),
        ),
    ),
    *_group(
        Layer.SCHEMA,
        _MAN,
        (("EPH-SCH-002", _S, "An element the schema requires is missing."),),
    ),
    *_group(
        Layer.SCHEMA,
        _SCH,
        (
            ("EPH-SCH-003", _S, "A decimal value is malformed."),
            ("EPH-SCH-004", _S, "An attachment is not valid base64."),
            ("EPH-SCH-005", _S, "An element is not allowed at this place."),
            ("EPH-SCH-006", _S, "A value is not allowed by the profile schema's type."),
            ("EPH-SCH-007", _S, "Text where the schema expects child elements."),
            ("EPH-SCH-008", _S, "An attribute is not allowed or is missing."),
            ("EPH-SCH-099", _S, "Another profile schema violation."),
        ),
    ),
    # Mandatory elements of the ePhyto mapping: present and not empty.
    *_group(
        Layer.MANDATORY,
        _MAN,
        (
            ("EPH-MAN-001", _S, "The certificate number is missing or empty."),
            ("EPH-MAN-002", _S, "The document TypeCode is missing or empty."),
            ("EPH-MAN-003", _S, "The document StatusCode is missing or empty."),
            ("EPH-MAN-004", _S, "The issue date-time is missing or empty."),
            ("EPH-MAN-005", _S, "The issuing NPPO name is missing or empty."),
            ("EPH-MAN-006", _S, "The export or import country ID is missing or empty."),
            ("EPH-MAN-007", _S, "The consignor or consignee name is missing or empty."),
            ("EPH-MAN-008", _S, "A trade line has no Description or an empty one."),
            ("EPH-MAN-009", _S, "A trade line has no OriginSPSCountry ID."),
            ("EPH-MAN-010", _S, "A note, package or clause code is empty."),
        ),
    ),
    # Code lists.
    *_group(
        Layer.CODE_LIST,
        _MAP,
        (
            ("EPH-MAP-001", _S, "Country code is not ISO 3166-1 alpha-2."),
            ("EPH-MAP-002", _S, "Unit code is not a known UN/ECE Rec 20 unit."),
            ("EPH-MAP-003", _S, "Package type is not a known UN/ECE Rec 21 code."),
            ("EPH-MAP-004", _S, "Transport mode is not a UN/ECE Rec 19 code."),
            ("EPH-MAP-005", _S, "Note subject is not an ePhyto note code."),
            ("EPH-MAP-006", _W, "languageID is not an ISO 639-1 language."),
            ("EPH-MAP-007", _W, "languageID is in upper case (ISO 639-1 is lower)."),
            ("EPH-MAP-008", _S, "Document TypeCode is neither 851 nor 657."),
            ("EPH-MAP-009", _S, "StatusCode is not in the ePhyto 4405 subset."),
            ("EPH-MAP-010", _S, "The literal NULL stands in for an empty value."),
            ("EPH-MAP-011", _S, "A measure has no unitCode."),
            ("EPH-MAP-012", _W, "A UN/LOCODE ID carries a country-code schemeID."),
            ("EPH-MAP-013", _W, "Text holds an escaped entity: escaped twice."),
        ),
    ),
    # Business rules beyond the schema (B4).
    *_group(
        Layer.BUSINESS_RULE,
        _MAP,
        (
            ("EPH-BR-001", _S, "An 851 certificate carries re-export (RPC*) notes."),
            ("EPH-BR-002", _S, "A 657 does not reference its original (AWR)."),
            ("EPH-BR-003", _S, "A 657 trade line lacks RPCST, RPCCO or RPCRF."),
            ("EPH-BR-004", _S, "A date-time has no UTC offset."),
            ("EPH-BR-005", _S, "A date-time separates date and time with a space."),
            ("EPH-BR-006", _S, "A date-time holds a date only."),
            ("EPH-BR-007", _S, "A date-time is not ISO 8601."),
            ("EPH-BR-008", _S, "A treatment ends after the certificate was issued."),
            ("EPH-BR-009", _S, "The issue date-time is in the future."),
            ("EPH-BR-010", _W, "A trade line has neither a package nor an OPTND note."),
            ("EPH-BR-011", _S, "A boolean RPC note is neither True nor False."),
            ("EPH-BR-012", _W, "A boolean RPC note is not spelt True/False."),
            ("EPH-BR-013", _S, "A weight or volume unit is of the wrong kind."),
            ("EPH-BR-014", _I, "The signatory's ActualDateTime is empty."),
        ),
    ),
    # Envelope header against the certificate it carries.
    *_group(
        Layer.ENVELOPE,
        _MAP,
        (
            ("EPH-ENV-001", _S, "Header From differs from the export country."),
            ("EPH-ENV-002", _S, "Header To differs from the import country."),
            ("EPH-ENV-003", _S, "Header CertificateType differs from the TypeCode."),
            ("EPH-ENV-004", _S, "Header CertificateStatus differs from StatusCode."),
            ("EPH-ENV-005", _S, "Header NPPOCertificateNumber differs from ID."),
            ("EPH-ENV-006", _S, "Content is missing or neither XML nor base64."),
            ("EPH-ENV-007", _W, "Base64 Content starts with a UTF-8 byte-order mark."),
        ),
    ),
)

RULES: Mapping[str, Rule] = MappingProxyType({rule.id: rule for rule in _ALL})


def finding(
    rule_id: str, message: str, *, field: str = "", line: int | None = None
) -> Finding:
    """A finding of rule ``rule_id``, its area and level taken from :data:`RULES`.

    Raises :class:`~conformance.errors.UsageError` for an id not in the registry.
    """
    try:
        rule = RULES[rule_id]
    except KeyError as err:
        raise UsageError(
            f"unknown rule id {rule_id!r} in the validator; add it to "
            "conformance/validate/rules.py or use a registered id"
        ) from err
    return Finding(rule_id, rule.area, rule.level, message, field, line)
