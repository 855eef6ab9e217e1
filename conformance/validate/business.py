"""Business rules beyond the schema (B4): re-export notes, dates, packages, units.

The shared walk (:mod:`conformance.validate.walk`) hands these rules their elements.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from lxml import etree

from conformance.certificate import codelists
from conformance.findings import Finding
from conformance.namespaces import RAM, UDT
from conformance.validate._tree import field_of, line_of, value
from conformance.validate.rules import finding

__all__ = [
    "date_times",
    "normalized",
    "reexport_note_on_851",
    "trade_line",
    "without_original",
]

_DATE_TIME = f"{{{UDT}}}DateTimeString"
_ACTUAL_DATE_TIME = f"{{{RAM}}}ActualDateTime"
_SIGNATORY = f"{{{RAM}}}SignatorySPSAuthentication"
# B1 marks the signing moment "often empty": advice for the importer, not an error.
_UNSIGNED = (
    "the signatory's ActualDateTime is empty, so the importer cannot tell when "
    "the certificate was signed; write the signing date-time with its UTC offset"
)
_MEASURES = tuple(
    f"{{{RAM}}}{local}"
    for local in (
        "NetWeightMeasure",
        "GrossWeightMeasure",
        "NetVolumeMeasure",
        "GrossVolumeMeasure",
    )
)
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SPACED = re.compile(r"\d{4}-\d{2}-\d{2} \d")
_BOOLEAN_NOTES = frozenset(
    {"RPCOR", "RPCTC", "RPCPK", "RPCRP", "RPCOC", "RPCNC", "RPCPC", "RPCAI"}
)
_REEXPORT_REQUIRED = ("RPCST", "RPCCO", "RPCRF")
# Clock skew between an NPPO's system and ours is not the certificate's fault.
_FUTURE_TOLERANCE = timedelta(days=1)


def normalized(element: etree._Element) -> str:
    """The element's text with whitespace runs collapsed, as XPath normalize-space."""
    return " ".join("".join(map(str, element.itertext())).split())


def reexport_note_on_851(subject: etree._Element) -> Finding:
    """EPH-BR-001 at a re-export note's subject on an 851 certificate."""
    message = f"an 851 certificate carries the re-export note {value(subject)!r}"
    return _at("EPH-BR-001", message, subject)


def without_original(document: etree._Element) -> Finding:
    """EPH-BR-002: a 657 without a ReferenceSPSReferencedDocument of type AWR."""
    message = "a 657 certificate has no ReferenceSPSReferencedDocument of type AWR"
    return finding(
        "EPH-BR-002",
        message,
        field=f"{field_of(document)}/ram:ReferenceSPSReferencedDocument",
        line=line_of(document),
    )


def trade_line(
    line: etree._Element,
    subjects: dict[str, etree._Element],
    packaged: bool,
    type_code: str,
) -> list[Finding]:
    """A trade line's rules: re-export notes of a 657, package, booleans, units."""
    findings: list[Finding] = []
    if type_code == "657":
        findings.extend(_reexport_line(line, subjects))
    if not packaged and "OPTND" not in subjects:
        message = "trade line has neither PhysicalSPSPackage nor an OPTND note"
        findings.append(_at("EPH-BR-010", message, line))
    findings.extend(_booleans(subjects))
    findings.extend(_unit_kinds(line))
    return findings


def _at(rule_id: str, message: str, element: etree._Element) -> Finding:
    return finding(rule_id, message, field=field_of(element), line=line_of(element))


def _reexport_line(
    line: etree._Element, subjects: dict[str, etree._Element]
) -> Iterator[Finding]:
    missing = [code for code in _REEXPORT_REQUIRED if code not in subjects]
    if missing:
        message = f"657 trade line lacks the note(s) {', '.join(missing)}"
        yield _at("EPH-BR-003", message, line)


def _booleans(subjects: dict[str, etree._Element]) -> Iterator[Finding]:
    for code, subject in subjects.items():
        content = subject.getnext()
        if code not in _BOOLEAN_NOTES or content is None:
            continue
        text = value(content)
        if not text or text == "NULL" or text in ("True", "False"):
            continue
        if text.lower() in ("true", "false"):
            message = f"{code} is {text!r}; write {text.capitalize()!r}"
            yield _at("EPH-BR-012", message, content)
        else:
            yield _at("EPH-BR-011", f"{code} is {text!r}, not True/False", content)


def _unit_kinds(line: etree._Element) -> Iterator[Finding]:
    # Children by name (in C), not a query per trade line.
    for measure in line.iterchildren(*_MEASURES):
        expected = "weight" if "Weight" in str(measure.tag) else "volume"
        unit = (measure.get("unitCode") or "").strip()
        kind = codelists.unit_kind(unit)
        if kind is not None and kind != expected:
            message = f"unit {unit!r} is a {kind} unit on a {expected} measure"
            yield finding(
                "EPH-BR-013",
                message,
                field=f"{field_of(measure)}/@unitCode",
                line=line_of(measure),
            )


def date_times(
    root: etree._Element,
    issued: list[etree._Element],
    treatment_ends: list[etree._Element],
) -> Iterator[Finding]:
    """Date-time forms and an empty signing moment, then the issue date's order.

    ``issued`` are the document's IssueDateTime strings and ``treatment_ends`` the
    trade lines' treatment end date-times, as the shared walk found them.
    """
    parsed: dict[etree._Element, datetime] = {}
    for element in root.iter(_DATE_TIME):
        text = value(element)
        if not text:
            if _signed_at(element):
                yield _at("EPH-BR-014", _UNSIGNED, element)
            continue
        if text == "NULL":
            continue
        # The usual form has a 'T' after the date, which neither pattern matches.
        if text[10:11] != "T" and _DATE_ONLY.fullmatch(text):
            yield _at("EPH-BR-006", f"{text!r} is a date without a time", element)
            continue
        if text[10:11] != "T" and _SPACED.match(text):
            yield _at("EPH-BR-005", f"{text!r} has a space instead of 'T'", element)
            continue
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            yield _at("EPH-BR-007", f"{text!r} is not ISO 8601", element)
            continue
        if moment.tzinfo is None:
            yield _at("EPH-BR-004", f"{text!r} has no UTC offset", element)
        else:
            parsed[element] = moment
    yield from _chronology(parsed, issued, treatment_ends)


def _signed_at(date_time: etree._Element) -> bool:
    """Whether ``date_time`` is the signatory's ``ActualDateTime`` string."""
    parent = date_time.getparent()
    if parent is None or parent.tag != _ACTUAL_DATE_TIME:
        return False
    owner = parent.getparent()
    return owner is not None and owner.tag == _SIGNATORY


def _chronology(
    parsed: dict[etree._Element, datetime],
    issued_elements: list[etree._Element],
    treatment_ends: list[etree._Element],
) -> Iterator[Finding]:
    issues = [parsed[e] for e in issued_elements if e in parsed]
    if not issues:
        return
    issued = issues[0]
    if issued > datetime.now(UTC) + _FUTURE_TOLERANCE:
        element = issued_elements[0]
        yield _at("EPH-BR-009", f"issued {issued.isoformat()}, in the future", element)
    for end in treatment_ends:
        if end in parsed and parsed[end] > issued:
            message = f"treatment ends {parsed[end].isoformat()}, after issue"
            yield _at("EPH-BR-008", message, end)
