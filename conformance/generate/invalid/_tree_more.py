"""More tree mutations, from the field mistakes of B5: each breaks exactly one rule."""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random

from lxml import etree

from conformance.generate.invalid._edit import (
    consignment,
    document,
    element,
    insert,
    issue_date_time,
    one,
    ram,
    trade_line,
)
from conformance.generate.invalid._tree_mutations import _attach, _net_weight
from conformance.namespaces import UDT

_SIGNATORY = "rsm:SPSExchangedDocument/ram:SignatorySPSAuthentication"


def _empty(root: etree._Element, path: str) -> None:
    one(root, path).text = None


def empty_certificate_number(root: etree._Element, rng: Random) -> None:
    """``<ram:ID/>`` as the certificate number."""
    _empty(root, "rsm:SPSExchangedDocument/ram:ID")


def empty_status_code(root: etree._Element, rng: Random) -> None:
    """``<ram:StatusCode/>``."""
    _empty(root, "rsm:SPSExchangedDocument/ram:StatusCode")


def empty_issue_date_time(root: etree._Element, rng: Random) -> None:
    """An empty issue ``udt:DateTimeString``."""
    issue_date_time(root).text = None


def empty_issuer_name(root: etree._Element, rng: Random) -> None:
    """The issuing NPPO without a name."""
    _empty(root, "rsm:SPSExchangedDocument/ram:IssuerSPSParty/ram:Name")


def empty_export_country(root: etree._Element, rng: Random) -> None:
    """``<ram:ID/>`` as the export country."""
    _empty(root, "rsm:SPSConsignment/ram:ExportSPSCountry/ram:ID")


def empty_consignor_name(root: etree._Element, rng: Random) -> None:
    """The consignor without a name."""
    _empty(root, "rsm:SPSConsignment/ram:ConsignorSPSParty/ram:Name")


def empty_origin_country(root: etree._Element, rng: Random) -> None:
    """A trade line's origin country ``ID`` left empty."""
    one(trade_line(root, rng), "ram:OriginSPSCountry/ram:ID").text = None


def empty_note_subject(root: etree._Element, rng: Random) -> None:
    """A document-level note whose ``Subject`` is empty."""
    note = element("IncludedSPSNote", Subject="", Content="text")
    one(note, "ram:Subject").text = None
    insert(document(root), note, ("SignatorySPSAuthentication",))


def _description(root: etree._Element, rng: Random) -> etree._Element:
    return one(trade_line(root, rng), "ram:Description")


def language_country_code(root: etree._Element, rng: Random) -> None:
    """A description whose languageID is the country code ``DK``."""
    _description(root, rng).set("languageID", "DK")


def language_upper_case(root: etree._Element, rng: Random) -> None:
    """A description whose languageID is ``EN``."""
    _description(root, rng).set("languageID", "EN")


def type_code_wrong_list(root: etree._Element, rng: Random) -> None:
    """TypeCode 852, schema-valid in UN/EDIFACT 1001 but not an ePhyto type."""
    one(root, "rsm:SPSExchangedDocument/ram:TypeCode").text = "852"


def status_from_1373(root: etree._Element, rng: Random) -> None:
    """StatusCode 9 (UN/EDIFACT 1373 'original') instead of a 4405 status."""
    one(root, "rsm:SPSExchangedDocument/ram:StatusCode").text = "9"


def measure_without_unit(root: etree._Element, rng: Random) -> None:
    """A net weight without ``@unitCode``."""
    measure = _net_weight(root, rng)
    if "unitCode" in measure.attrib:
        del measure.attrib["unitCode"]


def comma_decimal_measure(root: etree._Element, rng: Random) -> None:
    """A net weight written with a decimal comma."""
    measure = _net_weight(root, rng)
    measure.set("unitCode", measure.get("unitCode") or "KGM")
    measure.text = "1250,5"


def scheme_on_locode(root: etree._Element, rng: Random) -> None:
    """The place of issue's UN/LOCODE tagged with the ISO 3166 scheme."""
    location = one(root, f"{_SIGNATORY}/ram:IssueSPSLocation")
    identifier = location.find(ram("ID"))
    if identifier is None:
        identifier = element("ID", "NLRTM")
        location.insert(0, identifier)
    identifier.set("schemeID", "ISO_3166-1_alpha-2")


def escaped_twice(root: etree._Element, rng: Random) -> None:
    """The consignor's name with ``&amp;amp;`` on the wire: escaped twice."""
    name = one(consignment(root), "ram:ConsignorSPSParty/ram:Name")
    name.text = "Frutas Pérez &amp; Hijos"


def nanoseconds(root: etree._Element, rng: Random) -> None:
    """Issue date-time as Java's ``LocalDateTime.toString()``: nanoseconds, no offset."""
    target = issue_date_time(root)
    moment = datetime.fromisoformat((target.text or "").strip())
    nanos = rng.randrange(1, 10**9)
    target.text = f"{moment.replace(tzinfo=None).isoformat()}.{nanos:09d}"


def not_iso_date_time(root: etree._Element, rng: Random) -> None:
    """Issue date-time written day first with slashes."""
    target = issue_date_time(root)
    moment = datetime.fromisoformat((target.text or "").strip())
    target.text = moment.strftime("%d/%m/%Y %H:%M")


def treatment_after_issue(root: etree._Element, rng: Random) -> None:
    """A treatment on a trade line that ends an hour after the certificate's issue."""
    issued = datetime.fromisoformat((issue_date_time(root).text or "").strip())
    ends = issued + timedelta(hours=1 + rng.randrange(48))
    process = element("AppliedSPSProcess", TypeCode="ZZZ")
    period = etree.SubElement(process, ram("CompletionSPSPeriod"))
    end = etree.SubElement(period, ram("EndDateTime"))
    etree.SubElement(end, f"{{{UDT}}}DateTimeString").text = ends.isoformat()
    trade_line(root, rng).append(process)


def bare_text_date_time(root: etree._Element, rng: Random) -> None:
    """The signatory's ActualDateTime as bare text, no ``udt:DateTimeString``."""
    actual = one(root, f"{_SIGNATORY}/ram:ActualDateTime")
    stamp = (issue_date_time(root).text or "").strip()
    for child in list(actual):
        actual.remove(child)
    actual.text = stamp


def empty_actual_date_time(root: etree._Element, rng: Random) -> None:
    """``<ram:ActualDateTime/>``: the ``udt:DateTimeString`` child left out."""
    actual = one(root, f"{_SIGNATORY}/ram:ActualDateTime")
    for child in list(actual):
        actual.remove(child)


def unexpected_element(root: etree._Element, rng: Random) -> None:
    """A ``ram:Remarks`` element the profile does not know, in the document."""
    insert(document(root), element("Remarks", "see attached"), ("IncludedSPSNote",))


def attribute_not_allowed(root: etree._Element, rng: Random) -> None:
    """``@listName`` (a code attribute) on the certificate number, an identifier."""
    one(root, "rsm:SPSExchangedDocument/ram:ID").set("listName", "CertificateNumber")


def line_without_packaging(root: etree._Element, rng: Random) -> None:
    """A trade line with neither a coded package nor an OPTND note."""
    line = trade_line(root, rng)
    for package in line.findall(ram("PhysicalSPSPackage")):
        line.remove(package)
    for note in line.findall(ram("AdditionalInformationSPSNote")):
        if (note.findtext(ram("Subject")) or "").strip() == "OPTND":
            line.remove(note)


def rpc_boolean_upper_case(root: etree._Element, rng: Random) -> None:
    """A 657 line's RPCOR note spelt ``FALSE``."""
    for note in trade_line(root, rng).findall(ram("AdditionalInformationSPSNote")):
        if (note.findtext(ram("Subject")) or "").strip() == "RPCOR":
            one(note, "ram:Content").text = "FALSE"


def truncated_attachment(root: etree._Element, rng: Random) -> None:
    """An attachment cut short: its base64 length is not a multiple of four."""
    _attach(root, "JVBERi0xLjQKJcfs" + "QUJD" * rng.randrange(1, 8) + "Rk")


def unprefixed_element(root: etree._Element, rng: Random) -> None:
    """A trade-line element written without prefix or namespace."""
    line = trade_line(root, rng)
    etree.SubElement(line, "IntendedUse").text = "Consumption"
