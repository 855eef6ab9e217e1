"""Code-list layer: countries, units, packages, transport, notes, languages, types.

Empty values belong to the mandatory layer and the literal ``NULL`` to its own rule,
so the lists below skip both.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from lxml import etree

from conformance.certificate import codelists
from conformance.findings import Finding
from conformance.validate._tree import (
    attributes,
    document_text,
    elements,
    field_of,
    line_of,
    ram,
    value,
    xpath,
)
from conformance.validate.rules import finding

__all__ = [
    "BUCKETS",
    "check_text",
    "known_codes",
    "locode_schemes",
    "measure_unit",
    "unknown",
]

_ID = ram("ID")

_PLACEHOLDER = "NULL"
_NULLS = xpath("//*[not(*) and normalize-space(.) = 'NULL']")

# Bucket -> (allowed codes, rule, what the code is); the walk fills the buckets in
# document order and :func:`check_text` joins them in this order.
_CODED: dict[str, tuple[Callable[[], frozenset[str]], str, str]] = {
    "countries": (codelists.countries, "EPH-MAP-001", "country code"),
    "packages": (codelists.package_types, "EPH-MAP-003", "package type"),
    "modes": (codelists.transport_modes, "EPH-MAP-004", "transport mode"),
    "document_subjects": (
        lambda: codelists.note_subjects("document"),
        "EPH-MAP-005",
        "document-level note subject",
    ),
    "line_subjects": (
        lambda: codelists.note_subjects("trade-line"),
        "EPH-MAP-005",
        "trade-line note subject",
    ),
    "types": (codelists.document_types, "EPH-MAP-008", "type"),
    "statuses": (codelists.status_codes, "EPH-MAP-009", "status"),
}
BUCKETS: tuple[str, ...] = (*_CODED, "measures", "locodes")
"""The buckets of code findings the shared walk fills."""
_UNITS = xpath("//@unitCode")
_LANGUAGES = xpath("//@languageID")
# Every spelling of the attribute in the source, with its value when written
# plainly (double quotes, no reference): a document whose every occurrence holds a known
# code needs no query. Anything else (text, references) takes the query.
_UNIT_SOURCE = re.compile(rb'unitCode(?:\s*=\s*"([^"<&]*)")?')
_LANGUAGE_SOURCE = re.compile(rb'languageID(?:\s*=\s*"([^"<&]*)")?')


@functools.cache
def known_codes(bucket: str) -> frozenset[str]:
    """A code list's codes, built once per process: the lists are package data."""
    return _CODED[bucket][0]()


def check_text(
    tree: etree._ElementTree,
    coded: dict[str, list[Finding]],
    source: bytes | None = None,
) -> list[Finding]:
    """The code-list layer's findings: the walk's ``coded`` buckets plus the
    document-wide checks (NULL placeholders, units, languages, double escaping).

    ``source`` is the document as UTF-8 bytes when the caller has them: checks the
    bytes prove clean are skipped, with the same findings.
    """
    # All text at once: the searches below run only when it holds what they seek.
    # Parsed text holding 'NULL' or '&' shows either in UTF-8 source, as such or
    # through a reference ('&#...;'), so source without both needs no text.
    text = (
        document_text(tree)
        if source is None or b"NULL" in source or b"&" in source
        else ""
    )
    findings = [
        finding(
            "EPH-MAP-010",
            "the literal 'NULL' stands in for a value; leave the element empty",
            field=field_of(element),
            line=line_of(element),
        )
        for element in (elements(_NULLS, tree) if _PLACEHOLDER in text else [])
    ]
    for bucket in _CODED:
        findings.extend(coded[bucket])
    if not _plainly_known(_UNIT_SOURCE, source, _unit_codes()):
        findings.extend(_units(tree))
    findings.extend(coded["measures"])
    if not _plainly_known(_LANGUAGE_SOURCE, source, _language_codes()):
        findings.extend(_languages(tree))
    findings.extend(coded["locodes"])
    findings.extend(_escaped_twice(tree, text))
    return findings


def unknown(element: etree._Element, bucket: str) -> list[Finding]:
    """A finding when ``element``'s code is not in the code list of ``bucket``."""
    code = value(element)
    if not code or code == _PLACEHOLDER or code in known_codes(bucket):
        return []
    _, rule_id, what = _CODED[bucket]
    message = f"{what} {code!r} is not in the ePhyto code list"
    return [finding(rule_id, message, field=field_of(element), line=line_of(element))]


def measure_unit(measure: etree._Element) -> list[Finding]:
    """EPH-MAP-011 for a trade line's weight or volume measure without unitCode."""
    if measure.get("unitCode") is not None:
        return []
    field = f"{field_of(measure)}/@unitCode"
    message = "measure without unitCode; add a Rec 20 unit such as KGM"
    return [finding("EPH-MAP-011", message, field=field, line=line_of(measure))]


def _units(tree: etree._ElementTree) -> Iterator[Finding]:
    known = codelists.units()
    for attribute in attributes(_UNITS, tree):
        unit = attribute.strip()
        element = None if unit in known else attribute.getparent()
        if element is not None:
            message = f"unitCode {unit!r} is not a known UN/ECE Rec 20 unit"
            field = f"{field_of(element)}/@unitCode"
            yield finding("EPH-MAP-002", message, field=field, line=line_of(element))


def _languages(tree: etree._ElementTree) -> Iterator[Finding]:
    known = _languages_known()
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


# After one parse, text that still holds an entity reference was escaped twice
# (XML embedded as a string in SOAP, then escaped again).
_ESCAPED = xpath(
    "//*[not(*) and (contains(., '&amp;') or contains(., '&lt;')"
    " or contains(., '&gt;') or contains(., '&quot;') or contains(., '&#'))]"
)
# The same test on the whole text first: one scan instead of one per element.
_ENTITIES = ("&amp;", "&lt;", "&gt;", "&quot;", "&#")


def locode_schemes(location: etree._Element) -> list[Finding]:
    """EPH-MAP-012 when a location's UN/LOCODE ID names the country-code scheme."""
    findings: list[Finding] = []
    for element in location.iterchildren(_ID):
        scheme = element.get("schemeID")
        if scheme is not None and "3166" in scheme:
            message = (
                f"schemeID {scheme!r} names the country list on UN/LOCODE "
                f"{value(element)!r}; drop it or name the UN/LOCODE scheme"
            )
            field = f"{field_of(element)}/@schemeID"
            findings.append(
                finding("EPH-MAP-012", message, field=field, line=line_of(element))
            )
    return findings


@functools.cache
def _languages_known() -> frozenset[str]:
    return codelists.languages()


@functools.cache
def _unit_codes() -> frozenset[bytes]:
    return frozenset(code.encode() for code in codelists.units())


@functools.cache
def _language_codes() -> frozenset[bytes]:
    return frozenset(code.encode() for code in _languages_known())


def _plainly_known(
    spelling: re.Pattern[bytes], source: bytes | None, known: frozenset[bytes]
) -> bool:
    """Whether every occurrence of the attribute name in ``source`` is the
    attribute itself, written plainly, with a value that is exactly a known code."""
    # An occurrence that is not such an attribute yields b"", which no list holds.
    return source is not None and known.issuperset(spelling.findall(source))


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
