"""Every rule in the registry is produced by at least one input, and owns it alone."""

from __future__ import annotations

import base64
from collections.abc import Callable

import pytest
from lxml import etree

from conformance.certificate import Certificate, to_xml
from conformance.certificate.examples import full_851, reexport_657
from conformance.findings import Finding, Level
from conformance.generate import envelope_for
from conformance.namespaces import RAM, RSM, UDT
from conformance.validate import RULES, validate_certificate, validate_envelope

NS = {"rsm": RSM, "ram": RAM, "udt": UDT}
XSI = "http://www.w3.org/2001/XMLSchema-instance"
LINE = "rsm:SPSConsignment/ram:IncludedSPSConsignmentItem/ram:IncludedSPSTradeLineItem"
DOC = "rsm:SPSExchangedDocument"
Edit = Callable[[etree._Element], None]


def edited(edit: Edit, certificate: Callable[[], Certificate] = full_851) -> bytes:
    root = etree.fromstring(to_xml(certificate()))
    edit(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def at(path: str, **changes: str | None) -> Edit:
    """Set text (``text=``) or attributes of the first element at ``path``."""

    def edit(root: etree._Element) -> None:
        target = root.find(path, NS)
        assert target is not None, path
        for name, value in changes.items():
            if name == "text":
                target.text = value
            elif value is None:
                del target.attrib[name]
            else:
                target.set(name.replace("__", ":").replace("xsi:", f"{{{XSI}}}"), value)

    return edit


def _detach(element: etree._Element) -> None:
    parent = element.getparent()
    assert parent is not None
    parent.remove(element)


def removed(path: str) -> Edit:
    def edit(root: etree._Element) -> None:
        target = root.find(path, NS)
        assert target is not None, path
        _detach(target)

    return edit


def removed_all(path: str) -> Edit:
    def edit(root: etree._Element) -> None:
        for target in root.findall(path, NS):
            _detach(target)

    return edit


def added(path: str, xml: str, index: int = -1) -> Edit:
    def edit(root: etree._Element) -> None:
        parent = root.find(path, NS)
        assert parent is not None, path
        new = etree.fromstring(f'<ram:X xmlns:ram="{RAM}">{xml}</ram:X>')[0]
        parent.insert(len(parent) if index == -1 else index, new)

    return edit


def swapped(path: str, first: str, second: str) -> Edit:
    def edit(root: etree._Element) -> None:
        parent = root.find(path, NS)
        assert parent is not None
        a, b = parent.find(first, NS), parent.find(second, NS)
        assert a is not None and b is not None
        a.addprevious(b)

    return edit


def cert(
    edit: Edit, certificate: Callable[[], Certificate] = full_851
) -> Callable[[], list[Finding]]:
    return lambda: validate_certificate(edited(edit, certificate))


def raw(data: bytes | str) -> Callable[[], list[Finding]]:
    return lambda: validate_certificate(data)


def header(**changes: object) -> Callable[[], list[Finding]]:
    def run() -> list[Finding]:
        envelope = envelope_for(full_851())
        for name, value in changes.items():
            setattr(envelope, name, value)
        return validate_envelope(envelope)

    return run


def _tl(path: str) -> str:
    return f"{LINE}/{path}" if path else LINE


PLAIN = '<?xml version="1.0" encoding="UTF-8"?>\n<a>\nñé</a>'
UTF16 = to_xml(full_851()).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
CASES: dict[str, Callable[[], list[Finding]]] = {
    "EPH-WF-001": raw(b"<a>\n<b></a>"),
    "EPH-WF-002": raw(b"<x:a/>"),
    "EPH-WF-003": raw(b""),
    "EPH-ENC-001": raw(PLAIN.encode("latin-1")),
    "EPH-ENC-002": raw(UTF16.encode("utf-16-le")),
    "EPH-ENC-003": raw("<a>ñ</a>".encode("latin-1")),
    "EPH-ENC-004": raw(b'<?xml version="1.0" encoding="x-klingon"?><a/>'),
    "EPH-SEC-001": raw(b"<!DOCTYPE a><a/>"),
    "EPH-SEC-002": raw(b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'),
    "EPH-SEC-003": raw(b"<a>" * 70 + b"</a>" * 70),
    "EPH-SEC-004": lambda: validate_certificate(b"<a>" + b" " * (16 * 2**20) + b"</a>"),
    "EPH-SEC-005": raw(
        b'<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>'
    ),
    "EPH-NS-001": raw(b'<SPSCertificate xmlns="urn:example"/>'),
    "EPH-NS-002": cert(
        lambda root: setattr(
            root.find(f"{DOC}/ram:IssuerSPSParty/ram:Name", NS),
            "tag",
            "{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:20}Name",
        )
    ),
    "EPH-SCH-001": cert(swapped(DOC, "ram:ID", "ram:TypeCode")),
    "EPH-SCH-002": cert(removed(f"{DOC}/ram:IssuerSPSParty")),
    "EPH-SCH-003": cert(at(_tl("ram:SequenceNumeric"), text="1e3")),
    "EPH-SCH-004": cert(
        at(
            f"{DOC}/ram:ReferenceSPSReferencedDocument/ram:AttachmentBinaryObject",
            text="abc",
        )
    ),
    "EPH-SCH-005": cert(added(DOC, "<ram:Remark>x</ram:Remark>", index=1)),
    "EPH-SCH-006": cert(
        at(
            f"{DOC}/ram:ReferenceSPSReferencedDocument/ram:AttachmentBinaryObject",
            uri="http://[::1",
        )
    ),
    "EPH-SCH-007": cert(at(f"{DOC}/ram:IssueDateTime", text="2024-01-01")),
    "EPH-SCH-008": cert(at(f"{DOC}/ram:ID", colour="red")),
    "EPH-SCH-099": cert(
        at(f"{DOC}/ram:IssuerSPSParty/ram:Name", text=None, xsi__nil="true")
    ),
    "EPH-MAN-001": cert(at(f"{DOC}/ram:ID", text=" ")),
    "EPH-MAN-002": cert(at(f"{DOC}/ram:TypeCode", text=None)),
    "EPH-MAN-003": cert(at(f"{DOC}/ram:StatusCode", text="")),
    "EPH-MAN-004": cert(at(f"{DOC}/ram:IssueDateTime/udt:DateTimeString", text="")),
    "EPH-MAN-005": cert(at(f"{DOC}/ram:IssuerSPSParty/ram:Name", text="")),
    "EPH-MAN-006": cert(at("rsm:SPSConsignment/ram:ExportSPSCountry/ram:ID", text="")),
    "EPH-MAN-007": cert(
        at("rsm:SPSConsignment/ram:ConsigneeSPSParty/ram:Name", text="")
    ),
    "EPH-MAN-008": cert(at(_tl("ram:Description"), text="")),
    "EPH-MAN-009": cert(at(_tl("ram:OriginSPSCountry/ram:ID"), text="")),
    "EPH-MAN-010": cert(at(f"{DOC}/ram:IncludedSPSNote/ram:Subject", text="")),
    "EPH-MAP-001": cert(
        at("rsm:SPSConsignment/ram:TransitSPSCountry/ram:ID", text="ZZ")
    ),
    "EPH-MAP-002": cert(at(_tl("ram:NetWeightMeasure"), unitCode="KGS")),
    "EPH-MAP-003": cert(at(_tl("ram:PhysicalSPSPackage/ram:TypeCode"), text="Q9")),
    "EPH-MAP-004": cert(
        at(
            "rsm:SPSConsignment/ram:MainCarriageSPSTransportMovement/ram:ModeCode",
            text="10",
        )
    ),
    "EPH-MAP-005": cert(
        at(_tl("ram:AdditionalInformationSPSNote/ram:Subject"), text="ADEDL")
    ),
    "EPH-MAP-006": cert(at(_tl("ram:Description"), languageID="english")),
    "EPH-MAP-007": cert(at(_tl("ram:Description"), languageID="EN")),
    "EPH-MAP-008": cert(at(f"{DOC}/ram:TypeCode", text="852")),
    "EPH-MAP-009": cert(at(f"{DOC}/ram:StatusCode", text="9")),
    "EPH-MAP-010": cert(
        at("rsm:SPSConsignment/ram:ConsignorSPSParty/ram:Name", text="NULL")
    ),
    "EPH-MAP-011": cert(at(_tl("ram:NetWeightMeasure"), unitCode=None)),
    "EPH-MAP-012": cert(
        at(
            f"{DOC}/ram:SignatorySPSAuthentication/ram:IssueSPSLocation/ram:ID",
            schemeID="ISO_3166-1_alpha-2",
        )
    ),
    "EPH-MAP-013": cert(
        at("rsm:SPSConsignment/ram:ConsignorSPSParty/ram:Name", text="A &amp; B")
    ),
    "EPH-BR-001": cert(
        added(
            LINE,
            "<ram:AdditionalInformationSPSNote><ram:Subject>RPCST</ram:Subject><ram:Content>3</ram:Content></ram:AdditionalInformationSPSNote>",
            index=9,
        )
    ),
    "EPH-BR-002": cert(
        at(
            f"{DOC}/ram:ReferenceSPSReferencedDocument/ram:RelationshipTypeCode",
            text="ZZZ",
        ),
        reexport_657,
    ),
    "EPH-BR-003": cert(removed(_tl("ram:AdditionalInformationSPSNote")), reexport_657),
    "EPH-BR-004": cert(
        at(f"{DOC}/ram:IssueDateTime/udt:DateTimeString", text="2022-01-21T15:49:40")
    ),
    "EPH-BR-005": cert(
        at(
            f"{DOC}/ram:IssueDateTime/udt:DateTimeString",
            text="2022-01-21 15:49:40+01:00",
        )
    ),
    "EPH-BR-006": cert(
        at(
            f"{DOC}/ram:SignatorySPSAuthentication/ram:ActualDateTime/udt:DateTimeString",
            text="2022-01-21",
        )
    ),
    "EPH-BR-007": cert(
        at(f"{DOC}/ram:IssueDateTime/udt:DateTimeString", text="21/01/2022")
    ),
    "EPH-BR-008": cert(
        at(
            _tl(
                "ram:AppliedSPSProcess/ram:CompletionSPSPeriod/ram:EndDateTime/udt:DateTimeString"
            ),
            text="2099-01-01T00:00:00+00:00",
        )
    ),
    "EPH-BR-009": cert(
        at(f"{DOC}/ram:IssueDateTime/udt:DateTimeString", text="2099-01-01T00:00:00Z")
    ),
    "EPH-BR-010": cert(removed_all(_tl("ram:PhysicalSPSPackage"))),
    "EPH-BR-011": cert(
        at(
            _tl("ram:AdditionalInformationSPSNote[ram:Subject='RPCOR']/ram:Content"),
            text="Yes",
        ),
        reexport_657,
    ),
    "EPH-BR-012": cert(
        at(
            _tl("ram:AdditionalInformationSPSNote[ram:Subject='RPCOR']/ram:Content"),
            text="FALSE",
        ),
        reexport_657,
    ),
    "EPH-BR-013": cert(at(_tl("ram:NetWeightMeasure"), unitCode="LTR")),
    "EPH-BR-014": cert(
        at(
            f"{DOC}/ram:SignatorySPSAuthentication/ram:ActualDateTime/udt:DateTimeString",
            text="",
        )
    ),
    "EPH-ENV-001": header(from_="FR"),
    "EPH-ENV-002": header(to="FR"),
    "EPH-ENV-003": header(certificate_type=657),
    "EPH-ENV-004": header(certificate_status=40),
    "EPH-ENV-005": header(nppo_certificate_number="OTHER-1"),
    "EPH-ENV-006": header(content="%%% not base64 %%%"),
    "EPH-ENV-007": header(
        content=base64.b64encode(b"\xef\xbb\xbf" + to_xml(full_851())).decode()
    ),
}


def test_every_rule_has_an_input_that_produces_it() -> None:
    never_produced = sorted(set(RULES) - set(CASES))

    assert never_produced == []


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_input_yields_its_rule_and_no_other_severe(rule_id: str) -> None:
    findings = CASES[rule_id]()

    produced = {f.rule_id for f in findings}
    others = [f for f in findings if f.level is Level.SEVERE and f.rule_id != rule_id]
    assert rule_id in produced, findings
    assert others == []


def test_findings_carry_area_and_level_of_their_rule() -> None:
    findings = [f for case in CASES.values() for f in case()]

    mismatched = [
        f
        for f in findings
        if (f.area, f.level) != (RULES[f.rule_id].area, RULES[f.rule_id].level)
    ]
    assert findings and mismatched == []


def test_base64_content_is_decoded_before_validation() -> None:
    envelope = envelope_for(full_851())
    envelope.content = base64.b64encode(to_xml(full_851())).decode("ascii")

    assert validate_envelope(envelope) == []
