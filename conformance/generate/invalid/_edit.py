"""Tree edits the mutations share: find the always-present targets, insert in order."""

from __future__ import annotations

from collections.abc import Sequence
from random import Random

from lxml import etree

from conformance.namespaces import RAM, RSM, UDT

_NS = {"rsm": RSM, "ram": RAM, "udt": UDT}


def ram(local: str) -> str:
    """The Clark name of a ram element."""
    return f"{{{RAM}}}{local}"


def one(root: etree._Element, path: str) -> etree._Element:
    """The first element at ``path`` (rsm/ram/udt prefixes); it must exist."""
    found = root.find(path, _NS)
    if found is None:
        raise LookupError(f"generated certificate has no {path!r}")
    return found


def document(root: etree._Element) -> etree._Element:
    """``rsm:SPSExchangedDocument``."""
    return one(root, "rsm:SPSExchangedDocument")


def consignment(root: etree._Element) -> etree._Element:
    """``rsm:SPSConsignment``."""
    return one(root, "rsm:SPSConsignment")


def trade_line(root: etree._Element, rng: Random) -> etree._Element:
    """One trade line chosen by ``rng`` (B1: every consignment item has one)."""
    lines = root.findall(_TRADE_LINES, _NS)
    if not lines:
        raise LookupError("generated certificate has no trade line")
    return lines[rng.randrange(len(lines))]


_TRADE_LINES = (
    "rsm:SPSConsignment/ram:IncludedSPSConsignmentItem/ram:IncludedSPSTradeLineItem"
)


def issue_date_time(root: etree._Element) -> etree._Element:
    """The issue ``udt:DateTimeString``."""
    return one(root, "rsm:SPSExchangedDocument/ram:IssueDateTime/udt:DateTimeString")


def element(local: str, text: str | None = None, **children: str) -> etree._Element:
    """A ram element with optional text and simple ram children, in keyword order."""
    new = etree.Element(ram(local), nsmap={"ram": RAM})
    new.text = text
    for name, value in children.items():
        etree.SubElement(new, ram(name)).text = value
    return new


def insert(
    parent: etree._Element, new: etree._Element, before: Sequence[str]
) -> etree._Element:
    """Insert ``new`` before the first child named in ``before``, else append it."""
    names = {ram(local) for local in before}
    for child in parent:
        if child.tag in names:
            child.addprevious(new)
            return new
    parent.append(new)
    return new


TRADE_LINE_AFTER_MEASURES = (
    "AdditionalInformationSPSNote",
    "ApplicableSPSClassification",
    "PhysicalSPSPackage",
    "OriginSPSCountry",
    "AppliedSPSProcess",
)
"""Trade-line children that follow the measures, in schema order."""
