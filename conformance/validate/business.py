"""Business rules beyond the schema (B4): re-export notes, dates, packages, units."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from lxml import etree

from conformance.certificate import codelists
from conformance.findings import Finding
from conformance.namespaces import RAM
from conformance.validate._tree import (
    DOC,
    TRADE_LINES,
    elements,
    field_of,
    line_of,
    value,
    xpath,
)
from conformance.validate.rules import finding

__all__ = ["check_business"]

_TYPE = xpath(f"string({DOC}/ram:TypeCode)")
_ISSUE = xpath(f"{DOC}/ram:IssueDateTime/udt:DateTimeString")
_ORIGINAL = xpath(
    f"{DOC}/ram:ReferenceSPSReferencedDocument"
    "[normalize-space(ram:RelationshipTypeCode) = 'AWR']"
)
_LINES = xpath(TRADE_LINES)
_RPC_SUBJECTS = xpath(
    f"{TRADE_LINES}/ram:AdditionalInformationSPSNote"
    "/ram:Subject[starts-with(normalize-space(.), 'RPC')]"
)
_LINE_NOTE = f"{{{RAM}}}AdditionalInformationSPSNote"
_SUBJECT = f"{{{RAM}}}Subject"
_PACKAGE = f"{{{RAM}}}PhysicalSPSPackage"
_DATE_TIMES = xpath("//udt:DateTimeString")
_TREATMENT_ENDS = xpath(
    f"{TRADE_LINES}/ram:AppliedSPSProcess/ram:CompletionSPSPeriod"
    "/ram:EndDateTime/udt:DateTimeString"
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


def check_business(tree: etree._ElementTree) -> list[Finding]:
    """Findings for the ePhyto business rules that the schema cannot express."""
    type_code = str(_TYPE(tree)).strip()
    findings: list[Finding] = []
    if type_code == "851":
        findings.extend(_reexport_notes_on_851(tree))
    if type_code == "657":
        findings.extend(_reexport_without_original(tree))
    lines = elements(_LINES, tree)
    for line in lines:
        subjects = {
            value(subject): subject
            for note in line.iterchildren(_LINE_NOTE)
            for subject in note.iterchildren(_SUBJECT)
        }
        if type_code == "657":
            findings.extend(_reexport_line(line, subjects))
        if "OPTND" not in subjects and line.find(_PACKAGE) is None:
            message = "trade line has neither PhysicalSPSPackage nor an OPTND note"
            findings.append(_at("EPH-BR-010", message, line))
        findings.extend(_booleans(subjects))
        findings.extend(_unit_kinds(line))
    findings.extend(_date_times(tree))
    return findings


def _at(rule_id: str, message: str, element: etree._Element) -> Finding:
    return finding(rule_id, message, field=field_of(element), line=line_of(element))


def _reexport_notes_on_851(tree: etree._ElementTree) -> Iterator[Finding]:
    for subject in elements(_RPC_SUBJECTS, tree):
        message = f"an 851 certificate carries the re-export note {value(subject)!r}"
        yield _at("EPH-BR-001", message, subject)


def _reexport_without_original(tree: etree._ElementTree) -> Iterator[Finding]:
    if not elements(_ORIGINAL, tree):
        document = tree.getroot()[0]
        message = "a 657 certificate has no ReferenceSPSReferencedDocument of type AWR"
        yield finding(
            "EPH-BR-002",
            message,
            field=f"{field_of(document)}/ram:ReferenceSPSReferencedDocument",
            line=line_of(document),
        )


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


def _date_times(tree: etree._ElementTree) -> Iterator[Finding]:
    parsed: dict[etree._Element, datetime] = {}
    for element in elements(_DATE_TIMES, tree):
        text = value(element)
        if not text or text == "NULL":
            continue
        if _DATE_ONLY.fullmatch(text):
            yield _at("EPH-BR-006", f"{text!r} is a date without a time", element)
        elif _SPACED.match(text):
            yield _at("EPH-BR-005", f"{text!r} has a space instead of 'T'", element)
        else:
            try:
                moment = datetime.fromisoformat(text)
            except ValueError:
                yield _at("EPH-BR-007", f"{text!r} is not ISO 8601", element)
                continue
            if moment.tzinfo is None:
                yield _at("EPH-BR-004", f"{text!r} has no UTC offset", element)
            else:
                parsed[element] = moment
    yield from _chronology(tree, parsed)


def _chronology(
    tree: etree._ElementTree, parsed: dict[etree._Element, datetime]
) -> Iterator[Finding]:
    issues = [parsed[e] for e in elements(_ISSUE, tree) if e in parsed]
    if not issues:
        return
    issued = issues[0]
    if issued > datetime.now(UTC) + _FUTURE_TOLERANCE:
        element = elements(_ISSUE, tree)[0]
        yield _at("EPH-BR-009", f"issued {issued.isoformat()}, in the future", element)
    for end in elements(_TREATMENT_ENDS, tree):
        if end in parsed and parsed[end] > issued:
            message = f"treatment ends {parsed[end].isoformat()}, after issue"
            yield _at("EPH-BR-008", message, end)
