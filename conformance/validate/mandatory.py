"""Mandatory elements of the ePhyto mapping: present and not empty.

The profile schema already reports a missing element; this layer reports the same
field only when the schema could not (the validator keeps one owner per field), and
owns the empty-but-present values the schema accepts.
"""

from __future__ import annotations

from lxml import etree

from conformance.findings import Finding
from conformance.namespaces import UDT
from conformance.validate._tree import (
    CONSIGNMENT,
    DOC,
    TRADE_LINES,
    child_field,
    elements,
    field_of,
    line_of,
    qualified,
    ram,
    value,
    xpath,
)
from conformance.validate.rules import finding

__all__ = ["check_mandatory"]

_LINE_NOTES = f"{TRADE_LINES}/ram:AdditionalInformationSPSNote"

# (parents, required child, rule): the child must exist under every parent found and
# carry text. A parent that is itself missing is the schema's finding, not ours.
_REQUIRED: tuple[tuple[etree.XPath, str, str], ...] = (
    (xpath(DOC), ram("ID"), "EPH-MAN-001"),
    (xpath(DOC), ram("TypeCode"), "EPH-MAN-002"),
    (xpath(DOC), ram("StatusCode"), "EPH-MAN-003"),
    (xpath(f"{DOC}/ram:IssueDateTime"), f"{{{UDT}}}DateTimeString", "EPH-MAN-004"),
    (xpath(f"{DOC}/ram:IssuerSPSParty"), ram("Name"), "EPH-MAN-005"),
    (xpath(f"{CONSIGNMENT}/ram:ExportSPSCountry"), ram("ID"), "EPH-MAN-006"),
    (xpath(f"{CONSIGNMENT}/ram:ImportSPSCountry"), ram("ID"), "EPH-MAN-006"),
    (xpath(f"{CONSIGNMENT}/ram:ConsignorSPSParty"), ram("Name"), "EPH-MAN-007"),
    (xpath(f"{CONSIGNMENT}/ram:ConsigneeSPSParty"), ram("Name"), "EPH-MAN-007"),
    (xpath(TRADE_LINES), ram("Description"), "EPH-MAN-008"),
    (xpath(TRADE_LINES), ram("OriginSPSCountry"), "EPH-MAN-009"),
    (xpath(f"{TRADE_LINES}/ram:OriginSPSCountry"), ram("ID"), "EPH-MAN-009"),
    (xpath(f"{DOC}/ram:IncludedSPSNote"), ram("Subject"), "EPH-MAN-010"),
    (xpath(_LINE_NOTES), ram("Subject"), "EPH-MAN-010"),
    (xpath(f"{TRADE_LINES}/ram:PhysicalSPSPackage"), ram("TypeCode"), "EPH-MAN-010"),
    (
        xpath(f"{CONSIGNMENT}/ram:MainCarriageSPSTransportMovement"),
        ram("ModeCode"),
        "EPH-MAN-010",
    ),
)
# Children checked for text in every occurrence, not only the first.
_EVERY = frozenset({ram("Description")})
# Presence only: OriginSPSCountry's content is checked through its ID.
_PRESENCE_ONLY = frozenset({ram("OriginSPSCountry")})


def check_mandatory(tree: etree._ElementTree) -> list[Finding]:
    """Findings for mandatory ePhyto elements that are missing or empty."""
    findings: list[Finding] = []
    # Several rows share their parents: each parent query runs once.
    found: dict[str, list[etree._Element]] = {}
    for parents, tag, rule_id in _REQUIRED:
        if parents.path not in found:
            found[parents.path] = elements(parents, tree)
        for parent in found[parents.path]:
            if tag not in _EVERY and _satisfied(parent, tag):
                continue
            findings.extend(_check(parent, tag, rule_id))
    return findings


def _satisfied(parent: etree._Element, tag: str) -> bool:
    """The common case, decided without building lists: a first child with text."""
    child = next(parent.iterchildren(tag), None)
    if child is None:
        return False
    return tag in _PRESENCE_ONLY or bool((child.text or "").strip()) or len(child) > 0


def _check(parent: etree._Element, tag: str, rule_id: str) -> list[Finding]:
    children = list(parent.iterchildren(tag))
    if not children:
        message = f"{qualified(tag)} is missing in {qualified(str(parent.tag))}"
        field = child_field(parent, tag)
        return [finding(rule_id, message, field=field, line=line_of(parent))]
    if tag in _PRESENCE_ONLY:
        return []
    return [
        finding(
            rule_id,
            f"{qualified(tag)} is empty",
            field=field_of(child),
            line=line_of(child),
        )
        for child in (children if tag in _EVERY else children[:1])
        if not value(child) and len(child) == 0
    ]
