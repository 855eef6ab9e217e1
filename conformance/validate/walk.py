"""One descent through the certificate shared by the mandatory, code and business layers.

The rules sit at fixed places of the ePhyto tree, so the walk visits the document's
and the consignment's children once, in document order, and hands each element to
the small rule functions of the three layers. Each finding goes to the bucket of its
rule family; joining the buckets in a fixed order keeps every layer's findings in the
same order as one query per rule would (tests and reports rely on it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from conformance.findings import Finding
from conformance.namespaces import RSM, UDT
from conformance.validate import business, codes
from conformance.validate._tree import ram, value
from conformance.validate.mandatory import required

__all__ = ["RuleFindings", "check_rules"]

_ROOT = f"{{{RSM}}}SPSCertificate"
_DOC = f"{{{RSM}}}SPSExchangedDocument"
_CONSIGNMENT = f"{{{RSM}}}SPSConsignment"
_DATE_TIME = f"{{{UDT}}}DateTimeString"
_LINE_NOTE = ram("AdditionalInformationSPSNote")
_APPLIED_PROCESS = ram("AppliedSPSProcess")
_CONSIGNEE_PARTY = ram("ConsigneeSPSParty")
_CONSIGNOR_PARTY = ram("ConsignorSPSParty")
_CONTENT = ram("Content")
_DESCRIPTION = ram("Description")
_EXPORT_COUNTRY = ram("ExportSPSCountry")
_ID = ram("ID")
_IMPORT_COUNTRY = ram("ImportSPSCountry")
_CONSIGNMENT_ITEM = ram("IncludedSPSConsignmentItem")
_INCLUDED_NOTE = ram("IncludedSPSNote")
_TRADE_LINE = ram("IncludedSPSTradeLineItem")
_ISSUER_PARTY = ram("IssuerSPSParty")
_ISSUE_DATE_TIME = ram("IssueDateTime")
_ISSUE_LOCATION = ram("IssueSPSLocation")
_MAIN_CARRIAGE = ram("MainCarriageSPSTransportMovement")
_MODE_CODE = ram("ModeCode")
_NAME = ram("Name")
_ORIGIN_COUNTRY = ram("OriginSPSCountry")
_PHYSICAL_PACKAGE = ram("PhysicalSPSPackage")
_REFERENCED_DOCUMENT = ram("ReferenceSPSReferencedDocument")
_RELATIONSHIP_TYPE_CODE = ram("RelationshipTypeCode")
_SIGNATORY_AUTHENTICATION = ram("SignatorySPSAuthentication")
_STATUS_CODE = ram("StatusCode")
_SUBJECT = ram("Subject")
_TRANSIT_COUNTRY = ram("TransitSPSCountry")
_TYPE_CODE = ram("TypeCode")
_UNLOADING_PORT = ram("UnloadingBaseportSPSLocation")
_COUNTRIES = frozenset({_EXPORT_COUNTRY, _IMPORT_COUNTRY, _TRANSIT_COUNTRY})
_MEASURES = frozenset(
    ram(local)
    for local in (
        "NetWeightMeasure",
        "GrossWeightMeasure",
        "NetVolumeMeasure",
        "GrossVolumeMeasure",
    )
)


@dataclass(slots=True)
class RuleFindings:
    """The findings of the mandatory, code-list and business layers of one document."""

    mandatory: list[Finding]
    codes: list[Finding]
    business: list[Finding]


@dataclass(slots=True)
class _State:
    """Per-document state: the type code and one bucket per rule family."""

    type_code: str
    # One bucket per mandatory row, in the order the rows were always reported.
    required: list[list[Finding]] = field(
        default_factory=lambda: [[] for _ in range(16)]
    )
    coded: dict[str, list[Finding]] = field(
        default_factory=lambda: {key: [] for key in codes.BUCKETS}
    )
    reexport: list[Finding] = field(default_factory=list)
    original: bool = False
    lines: list[Finding] = field(default_factory=list)
    issued: list[etree._Element] = field(default_factory=list)
    treatment_ends: list[etree._Element] = field(default_factory=list)


def check_rules(tree: etree._ElementTree, source: bytes | None = None) -> RuleFindings:
    """Walk ``tree`` once; the findings of the three rule layers, each in order.

    ``source`` is the document as UTF-8 bytes, when known: it spares the code-list
    layer some searches (:func:`conformance.validate.codes.check_text`).
    """
    root = tree.getroot()
    # The rules' places are absolute paths: under another root none applies.
    is_certificate = root.tag == _ROOT
    type_element = root.find(f"{_DOC}/{_TYPE_CODE}") if is_certificate else None
    type_code = (
        "" if type_element is None else "".join(map(str, type_element.itertext()))
    )
    state = _State(type_code.strip())
    for child in root.iterchildren(_DOC, _CONSIGNMENT) if is_certificate else ():
        if child.tag == _DOC:
            _document(child, state)
        else:
            _consignment(child, state)
    text_findings = codes.check_text(tree, state.coded, source)
    business_findings = [*state.reexport]
    if state.type_code == "657" and not state.original:
        business_findings.append(business.without_original(root[0]))
    business_findings.extend(state.lines)
    business_findings.extend(
        business.date_times(root, state.issued, state.treatment_ends)
    )
    return RuleFindings(
        [f for bucket in state.required for f in bucket],
        text_findings,
        business_findings,
    )


def _document(document: etree._Element, state: _State) -> None:
    rows, coded = state.required, state.coded
    first: dict[str, etree._Element] = {}
    for child in document:
        tag = child.tag
        if tag not in first:
            first[tag] = child
        if tag == _TYPE_CODE:
            _code(child, "types", coded)
        elif tag == _STATUS_CODE:
            _code(child, "statuses", coded)
        elif tag == _ISSUE_DATE_TIME:
            state.issued.extend(_checked(rows[3], child, _DATE_TIME, "EPH-MAN-004"))
        elif tag == _ISSUER_PARTY:
            _checked(rows[4], child, _NAME, "EPH-MAN-005")
        elif tag == _INCLUDED_NOTE:
            for subject in _checked(rows[12], child, _SUBJECT, "EPH-MAN-010"):
                _code(subject, "document_subjects", coded)
        elif tag == _SIGNATORY_AUTHENTICATION:
            for location in child.iterchildren(_ISSUE_LOCATION):
                coded["locodes"].extend(codes.locode_schemes(location))
        elif tag == _REFERENCED_DOCUMENT and not state.original:
            state.original = any(
                _normalized(code) == "AWR"
                for code in child.iterchildren(_RELATIONSHIP_TYPE_CODE)
            )
    for index, (tag, rule_id) in enumerate(_DOCUMENT_REQUIRED):
        if not _filled(first.get(tag)):
            rows[index].extend(required(document, tag, rule_id))


_DOCUMENT_REQUIRED = (
    (_ID, "EPH-MAN-001"),
    (_TYPE_CODE, "EPH-MAN-002"),
    (_STATUS_CODE, "EPH-MAN-003"),
)


def _filled(child: etree._Element | None) -> bool:
    """A required child that is there and holds text or elements."""
    if child is None:
        return False
    text = child.text
    return bool(text and not text.isspace()) or len(child) > 0


def _checked(
    row: list[Finding], parent: etree._Element, tag: str, rule_id: str
) -> list[etree._Element]:
    """The children ``tag`` of ``parent``; the mandatory finding into ``row``."""
    children = [child for child in parent if child.tag == tag]
    if not children or not _filled(children[0]):
        row.extend(required(parent, tag, rule_id))
    return children


def _code(
    element: etree._Element, bucket: str, coded: dict[str, list[Finding]]
) -> None:
    """Check ``element``'s code against the list of ``bucket``; the usual known
    code costs one lookup."""
    text = element.text
    if text is None or text.strip() not in codes.known_codes(bucket):
        coded[bucket].extend(codes.unknown(element, bucket))


def _normalized(element: etree._Element) -> str:
    if len(element) == 0:
        return (element.text or "").strip()
    return business.normalized(element)


def _consignment(consignment: etree._Element, state: _State) -> None:
    rows, coded = state.required, state.coded
    for child in consignment:
        tag = child.tag
        if tag in _COUNTRIES:
            if tag == _EXPORT_COUNTRY:
                countries = _checked(rows[5], child, _ID, "EPH-MAN-006")
            elif tag == _IMPORT_COUNTRY:
                countries = _checked(rows[6], child, _ID, "EPH-MAN-006")
            else:
                countries = [id_ for id_ in child if id_.tag == _ID]
            for country in countries:
                _code(country, "countries", coded)
        elif tag == _CONSIGNOR_PARTY:
            _checked(rows[7], child, _NAME, "EPH-MAN-007")
        elif tag == _CONSIGNEE_PARTY:
            _checked(rows[8], child, _NAME, "EPH-MAN-007")
        elif tag == _MAIN_CARRIAGE:
            for mode in _checked(rows[15], child, _MODE_CODE, "EPH-MAN-010"):
                _code(mode, "modes", coded)
        elif tag == _UNLOADING_PORT:
            coded["locodes"].extend(codes.locode_schemes(child))
        elif tag == _CONSIGNMENT_ITEM:
            for line in child.iterchildren(_TRADE_LINE):
                _trade_line(line, state)


def _trade_line(line: etree._Element, state: _State) -> None:
    rows, coded = state.required, state.coded
    subjects: dict[str, etree._Element] = {}
    packaged = origin = False
    described = 0
    for child in line:
        tag = child.tag
        if tag == _DESCRIPTION:
            # Every Description must hold text, not only the first.
            described = described + 1 if _filled(child) else -(1 << 30)
        elif tag == _ORIGIN_COUNTRY:
            origin = True
            for country in _checked(rows[11], child, _ID, "EPH-MAN-009"):
                _code(country, "countries", coded)
        elif tag == _LINE_NOTE:
            _line_note(child, subjects, state)
        elif tag == _PHYSICAL_PACKAGE:
            packaged = True
            for package in _checked(rows[14], child, _TYPE_CODE, "EPH-MAN-010"):
                _code(package, "packages", coded)
        elif tag in _MEASURES:
            coded["measures"].extend(codes.measure_unit(child))
        elif tag == _APPLIED_PROCESS:
            state.treatment_ends.extend(child.iterfind(_TREATMENT_END))
    if described <= 0:
        rows[9].extend(required(line, _DESCRIPTION, "EPH-MAN-008"))
    if not origin:
        rows[10].extend(required(line, _ORIGIN_COUNTRY, "EPH-MAN-009"))
    state.lines.extend(business.trade_line(line, subjects, packaged, state.type_code))


_TREATMENT_END = f"{ram('CompletionSPSPeriod')}/{ram('EndDateTime')}/{_DATE_TIME}"


def _line_note(
    note: etree._Element, subjects: dict[str, etree._Element], state: _State
) -> None:
    coded = state.coded
    found = _checked(state.required[13], note, _SUBJECT, "EPH-MAN-010")
    for subject in found:
        code = value(subject)
        subjects[code] = subject
        _code(subject, "line_subjects", coded)
        if state.type_code == "851" and _normalized(subject).startswith("RPC"):
            state.reexport.append(business.reexport_note_on_851(subject))
    if any(_normalized(subject) == "RPCCO" for subject in found):
        for content in note.iterchildren(_CONTENT):
            _code(content, "countries", coded)
