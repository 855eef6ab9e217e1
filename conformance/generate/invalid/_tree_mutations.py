"""Tree mutations of the invalid kinds: each breaks exactly one rule."""

from __future__ import annotations

from datetime import datetime
from random import Random

from lxml import etree

from conformance.certificate import codelists
from conformance.generate.invalid._edit import (
    TRADE_LINE_AFTER_MEASURES,
    consignment,
    document,
    element,
    insert,
    issue_date_time,
    one,
    ram,
    trade_line,
)
from conformance.validate.safe import MAX_BYTES, MAX_DEPTH

# Codes chosen outside every list: ISO reserves Q* for user assignment.
UNKNOWN_COUNTRY = "QQ"
UNKNOWN_UNIT = "QQQ"
UNKNOWN_PACKAGE = "Q9"
UNKNOWN_MODE = "X"
UNKNOWN_SUBJECT = "ZZNOTE"


def out_of_sequence(root: etree._Element, rng: Random) -> None:
    """TypeCode before ID in the exchanged document."""
    identifier = one(root, "rsm:SPSExchangedDocument/ram:ID")
    identifier.addprevious(one(root, "rsm:SPSExchangedDocument/ram:TypeCode"))


def missing_description(root: etree._Element, rng: Random) -> None:
    """Every Description of the first trade line removed."""
    line = trade_line(root, rng)
    for description in line.findall(ram("Description")):
        line.remove(description)


def empty_type_code(root: etree._Element, rng: Random) -> None:
    """``<ram:TypeCode/>``."""
    one(root, "rsm:SPSExchangedDocument/ram:TypeCode").text = None


def bad_decimal(root: etree._Element, rng: Random) -> None:
    """A comma decimal in SequenceNumeric."""
    one(trade_line(root, rng), "ram:SequenceNumeric").text = "1,5"


def bad_base64(root: etree._Element, rng: Random) -> None:
    """An attachment whose content is not base64."""
    _attach(root, "not base64!")


def oversized(root: etree._Element, rng: Random) -> None:
    """An attachment that takes the certificate over the size limit."""
    _attach(root, "A" * (MAX_BYTES + 4 - MAX_BYTES % 4))


def _attach(root: etree._Element, content: str) -> None:
    reference = element("ReferenceSPSReferencedDocument", RelationshipTypeCode="ZZZ")
    etree.SubElement(reference, ram("ID")).text = "ATTACHMENT-1"
    binary = etree.SubElement(reference, ram("AttachmentBinaryObject"))
    binary.set("filename", "scan.pdf")
    binary.text = content
    document(root).append(reference)


def _reissue(root: etree._Element, render: str) -> None:
    target = issue_date_time(root)
    moment = datetime.fromisoformat((target.text or "").strip())
    local = moment.replace(tzinfo=None)
    target.text = {
        "naive": local.isoformat(timespec="seconds"),
        "space": moment.isoformat(sep=" ", timespec="seconds"),
        "date": local.date().isoformat(),
    }[render]


def date_time_without_offset(root: etree._Element, rng: Random) -> None:
    """Issue date-time without its UTC offset."""
    _reissue(root, "naive")


def date_time_with_space(root: etree._Element, rng: Random) -> None:
    """Issue date-time with a space between date and time."""
    _reissue(root, "space")


def date_only(root: etree._Element, rng: Random) -> None:
    """Issue date-time holding a date only."""
    _reissue(root, "date")


# A fixed date, not "now + a month": a corpus must be a pure function of
# (seed, n), and 2100 stays in the validator's future for the life of any data.
_FAR_FUTURE = "2100-01-01T00:00:00+00:00"


def issued_in_future(root: etree._Element, rng: Random) -> None:
    """Issue date-time far in the future (2100-01-01)."""
    issue_date_time(root).text = _FAR_FUTURE


def unknown_country(root: etree._Element, rng: Random) -> None:
    """Origin country of the first trade line not on the ISO list."""
    one(trade_line(root, rng), "ram:OriginSPSCountry/ram:ID").text = UNKNOWN_COUNTRY


def _net_weight(root: etree._Element, rng: Random) -> etree._Element:
    line = trade_line(root, rng)
    found = line.find(ram("NetWeightMeasure"))
    if found is not None:
        return found
    before = ("GrossWeightMeasure", "NetVolumeMeasure", "GrossVolumeMeasure")
    return insert(
        line, element("NetWeightMeasure", "1"), before + TRADE_LINE_AFTER_MEASURES
    )


def unknown_unit(root: etree._Element, rng: Random) -> None:
    """A net weight with a unit outside Rec 20."""
    _net_weight(root, rng).set("unitCode", UNKNOWN_UNIT)


def wrong_unit_kind(root: etree._Element, rng: Random) -> None:
    """A net weight in litres."""
    _net_weight(root, rng).set("unitCode", min(codelists.units("volume")))


def unknown_package_type(root: etree._Element, rng: Random) -> None:
    """A package type outside Rec 21."""
    line = trade_line(root, rng)
    package = line.find(ram("PhysicalSPSPackage"))
    if package is None:
        package = element(
            "PhysicalSPSPackage", LevelCode="1", TypeCode="", ItemQuantity="1"
        )
        insert(line, package, ("OriginSPSCountry", "AppliedSPSProcess"))
    one(package, "ram:TypeCode").text = UNKNOWN_PACKAGE


def unknown_transport_mode(root: etree._Element, rng: Random) -> None:
    """A transport mode outside Rec 19."""
    movement = consignment(root).find(ram("MainCarriageSPSTransportMovement"))
    if movement is None:
        movement = element("MainCarriageSPSTransportMovement", ModeCode="")
        before = ("UtilizedSPSTransportEquipment", "IncludedSPSConsignmentItem")
        insert(consignment(root), movement, before)
    one(movement, "ram:ModeCode").text = UNKNOWN_MODE


def unknown_note_subject(root: etree._Element, rng: Random) -> None:
    """A document-level note with a subject no list knows."""
    note = element("IncludedSPSNote", Subject=UNKNOWN_SUBJECT, Content="text")
    insert(document(root), note, ("SignatorySPSAuthentication",))


def _line_note(root: etree._Element, rng: Random, subject: str, content: str) -> None:
    note = element("AdditionalInformationSPSNote", Subject=subject, Content=content)
    insert(trade_line(root, rng), note, TRADE_LINE_AFTER_MEASURES[1:])


def reexport_note_on_851(root: etree._Element, rng: Random) -> None:
    """An RPCST note on an 851 trade line."""
    _line_note(root, rng, "RPCST", "3")


def rpc_boolean_not_boolean(root: etree._Element, rng: Random) -> None:
    """An RPCOR note saying Maybe."""
    _line_note(root, rng, "RPCOR", "Maybe")


def reexport_without_original(root: etree._Element, rng: Random) -> None:
    """A 657 without its AWR referenced document."""
    doc = document(root)
    for reference in doc.findall(ram("ReferenceSPSReferencedDocument")):
        if (reference.findtext(ram("RelationshipTypeCode")) or "").strip() == "AWR":
            doc.remove(reference)


def reexport_without_statement(root: etree._Element, rng: Random) -> None:
    """A 657 trade line without its RPCST note."""
    line = trade_line(root, rng)
    for note in line.findall(ram("AdditionalInformationSPSNote")):
        if (note.findtext(ram("Subject")) or "").strip() == "RPCST":
            line.remove(note)


def null_placeholder(root: etree._Element, rng: Random) -> None:
    """The literal NULL as the consignor's name."""
    one(consignment(root), "ram:ConsignorSPSParty/ram:Name").text = "NULL"


def latin1_name(root: etree._Element, rng: Random) -> None:
    """Accented letters in the consignor's name, for the encoding mutation."""
    one(
        consignment(root), "ram:ConsignorSPSParty/ram:Name"
    ).text = "Exportación Ñandú 4°"


def deep_nesting(root: etree._Element, rng: Random) -> None:
    """Elements nested past the depth limit under a trade-line description."""
    node = one(trade_line(root, rng), "ram:Description")
    for _ in range(MAX_DEPTH + 16):
        node = etree.SubElement(node, ram("Description"))
