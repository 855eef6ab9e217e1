"""Code-list layer: countries, units, packages, transport, notes, languages, types.

Empty values belong to the mandatory layer and the literal ``NULL`` to its own rule,
so the lists below skip both.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from lxml import etree

from conformance.certificate import codelists
from conformance.findings import Finding
from conformance.validate._tree import (
    CONSIGNMENT,
    DOC,
    TRADE_LINES,
    attributes,
    document_text,
    elements,
    field_of,
    line_of,
    value,
    xpath,
)
from conformance.validate.rules import finding

__all__ = ["check_codes"]

_PLACEHOLDER = "NULL"
_NULLS = xpath("//*[not(*) and normalize-space(.) = 'NULL']")
_LINE_NOTES = f"{TRADE_LINES}/ram:AdditionalInformationSPSNote"

# (elements holding a code, allowed codes, rule, what the code is)
_CODED: tuple[tuple[etree.XPath, Callable[[], frozenset[str]], str, str], ...] = (
    (
        xpath(
            f"{CONSIGNMENT}/ram:ExportSPSCountry/ram:ID"
            f" | {CONSIGNMENT}/ram:ImportSPSCountry/ram:ID"
            f" | {CONSIGNMENT}/ram:TransitSPSCountry/ram:ID"
            f" | {TRADE_LINES}/ram:OriginSPSCountry/ram:ID"
            f" | {_LINE_NOTES}[normalize-space(ram:Subject) = 'RPCCO']/ram:Content"
        ),
        codelists.countries,
        "EPH-MAP-001",
        "country code",
    ),
    (
        xpath(f"{TRADE_LINES}/ram:PhysicalSPSPackage/ram:TypeCode"),
        codelists.package_types,
        "EPH-MAP-003",
        "package type",
    ),
    (
        xpath(f"{CONSIGNMENT}/ram:MainCarriageSPSTransportMovement/ram:ModeCode"),
        codelists.transport_modes,
        "EPH-MAP-004",
        "transport mode",
    ),
    (
        xpath(f"{DOC}/ram:IncludedSPSNote/ram:Subject"),
        lambda: codelists.note_subjects("document"),
        "EPH-MAP-005",
        "document-level note subject",
    ),
    (
        xpath(f"{_LINE_NOTES}/ram:Subject"),
        lambda: codelists.note_subjects("trade-line"),
        "EPH-MAP-005",
        "trade-line note subject",
    ),
    (xpath(f"{DOC}/ram:TypeCode"), codelists.document_types, "EPH-MAP-008", "type"),
    (xpath(f"{DOC}/ram:StatusCode"), codelists.status_codes, "EPH-MAP-009", "status"),
)
_UNITS = xpath("//@unitCode")
_LANGUAGES = xpath("//@languageID")
_MEASURES = xpath(
    f"{TRADE_LINES}/ram:NetWeightMeasure | {TRADE_LINES}/ram:GrossWeightMeasure"
    f" | {TRADE_LINES}/ram:NetVolumeMeasure | {TRADE_LINES}/ram:GrossVolumeMeasure"
)


@functools.cache
def _code_set(source: Callable[[], frozenset[str]]) -> frozenset[str]:
    """A code list's codes, built once per process: the lists are package data."""
    return source()


def check_codes(tree: etree._ElementTree) -> list[Finding]:
    """Findings for codes outside the ePhyto code lists and for NULL placeholders."""
    # All text at once: the searches below run only when it holds what they seek.
    text = document_text(tree)
    findings = [
        finding(
            "EPH-MAP-010",
            "the literal 'NULL' stands in for a value; leave the element empty",
            field=field_of(element),
            line=line_of(element),
        )
        for element in (elements(_NULLS, tree) if _PLACEHOLDER in text else [])
    ]
    for expression, allowed, rule_id, what in _CODED:
        findings.extend(_unknown(tree, expression, _code_set(allowed), rule_id, what))
    findings.extend(_units(tree))
    findings.extend(_languages(tree))
    findings.extend(_locode_schemes(tree))
    findings.extend(_escaped_twice(tree, text))
    return findings


def _unknown(
    tree: etree._ElementTree,
    expression: etree.XPath,
    allowed: frozenset[str],
    rule_id: str,
    what: str,
) -> Iterator[Finding]:
    for element in elements(expression, tree):
        code = value(element)
        if code and code != _PLACEHOLDER and code not in allowed:
            message = f"{what} {code!r} is not in the ePhyto code list"
            yield finding(
                rule_id, message, field=field_of(element), line=line_of(element)
            )


def _units(tree: etree._ElementTree) -> Iterator[Finding]:
    known = codelists.units()
    for attribute in attributes(_UNITS, tree):
        unit = attribute.strip()
        element = None if unit in known else attribute.getparent()
        if element is not None:
            message = f"unitCode {unit!r} is not a known UN/ECE Rec 20 unit"
            field = f"{field_of(element)}/@unitCode"
            yield finding("EPH-MAP-002", message, field=field, line=line_of(element))
    for element in elements(_MEASURES, tree):
        if element.get("unitCode") is None:
            field = f"{field_of(element)}/@unitCode"
            message = "measure without unitCode; add a Rec 20 unit such as KGM"
            yield finding("EPH-MAP-011", message, field=field, line=line_of(element))


def _languages(tree: etree._ElementTree) -> Iterator[Finding]:
    known = _code_set(codelists.languages)
    for attribute in attributes(_LANGUAGES, tree):
        language = attribute.strip()
        element = None if language in known else attribute.getparent()
        if element is None:
            continue
        field = f"{field_of(element)}/@languageID"
        if language.lower() in known and language != language.lower():
            message = f"languageID {language!r} should be {language.lower()!r}"
            yield finding("EPH-MAP-007", message, field=field, line=line_of(element))
        elif language.lower() not in known:
            message = f"languageID {language!r} is not an ISO 639-1 language"
            yield finding("EPH-MAP-006", message, field=field, line=line_of(element))


_LOCODES = xpath(
    f"{DOC}/ram:SignatorySPSAuthentication/ram:IssueSPSLocation/ram:ID[@schemeID]"
    f" | {CONSIGNMENT}/ram:UnloadingBaseportSPSLocation/ram:ID[@schemeID]"
)
# After one parse, text that still holds an entity reference was escaped twice
# (XML embedded as a string in SOAP, then escaped again).
_ESCAPED = xpath(
    "//*[not(*) and (contains(., '&amp;') or contains(., '&lt;')"
    " or contains(., '&gt;') or contains(., '&quot;') or contains(., '&#'))]"
)
# The same test on the whole text first: one scan instead of one per element.
_ENTITIES = ("&amp;", "&lt;", "&gt;", "&quot;", "&#")


def _locode_schemes(tree: etree._ElementTree) -> Iterator[Finding]:
    for element in elements(_LOCODES, tree):
        scheme = element.get("schemeID") or ""
        if "3166" in scheme:
            message = (
                f"schemeID {scheme!r} names the country list on UN/LOCODE "
                f"{value(element)!r}; drop it or name the UN/LOCODE scheme"
            )
            field = f"{field_of(element)}/@schemeID"
            yield finding("EPH-MAP-012", message, field=field, line=line_of(element))


def _escaped_twice(tree: etree._ElementTree, text: str) -> Iterator[Finding]:
    if not any(entity in text for entity in _ENTITIES):
        return
    for element in elements(_ESCAPED, tree):
        message = (
            f"text {value(element)[:60]!r} holds an entity reference after parsing; "
            "the XML was escaped twice, escape it once"
        )
        yield finding(
            "EPH-MAP-013", message, field=field_of(element), line=line_of(element)
        )
