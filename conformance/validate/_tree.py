"""Namespace-aware helpers shared by the rule families (prefix-independent)."""

from __future__ import annotations

from lxml import etree

from conformance.namespaces import RAM, RSM, UDT

NS = {"rsm": RSM, "ram": RAM, "udt": UDT}
_PREFIX = {RSM: "rsm", RAM: "ram", UDT: "udt"}

DOC = "/rsm:SPSCertificate/rsm:SPSExchangedDocument"
CONSIGNMENT = "/rsm:SPSCertificate/rsm:SPSConsignment"
TRADE_LINES = (
    f"{CONSIGNMENT}/ram:IncludedSPSConsignmentItem/ram:IncludedSPSTradeLineItem"
)


def xpath(expression: str) -> etree.XPath:
    """An XPath compiled once, with the rsm/ram/udt prefixes bound to their URIs.

    No EXSLT regular expressions: registering them costs a third of a short query.
    """
    return etree.XPath(expression, namespaces=NS, regexp=False)


def ram(local: str) -> str:
    """The Clark name of a ram element."""
    return f"{{{RAM}}}{local}"


def elements(
    expression: etree.XPath, node: etree._Element | etree._ElementTree
) -> list[etree._Element]:
    """The elements an XPath selects (other node kinds are ignored)."""
    result = expression(node)
    if not isinstance(result, list):
        return []
    return [item for item in result if isinstance(item, etree._Element)]


def value(element: etree._Element) -> str:
    """The element's own text with surrounding whitespace removed."""
    return (element.text or "").strip()


def qualified(tag: str) -> str:
    """``{uri}Local`` as ``ram:Local`` (``rsm``/``ram``/``udt``), else unchanged."""
    if tag.startswith("{"):
        uri, _, local = tag[1:].partition("}")
        prefix = _PREFIX.get(uri)
        return f"{prefix}:{local}" if prefix else local
    return tag


def field_of(element: etree._Element) -> str:
    """An XPath-like location of ``element`` with canonical prefixes and positions."""
    steps: list[str] = []
    node: etree._Element | None = element
    while node is not None:
        tag = node.tag if isinstance(node.tag, str) else ""
        step = qualified(tag)
        parent = node.getparent()
        if parent is not None:
            same = [child for child in parent if child.tag == tag]
            if len(same) > 1:
                step += f"[{same.index(node) + 1}]"
        steps.append(step)
        node = parent
    return "/" + "/".join(reversed(steps))


def child_field(parent: etree._Element, tag: str) -> str:
    """The location of a child ``tag`` of ``parent`` that is not there."""
    return f"{field_of(parent)}/{qualified(tag)}"


def line_of(element: etree._Element) -> int | None:
    """The source line of ``element`` as lxml recorded it, if any."""
    line = element.sourceline
    return line if isinstance(line, int) else None


_TEXT = etree.XPath("string(/*)", regexp=False)


def document_text(tree: etree._ElementTree) -> str:
    """All character data of the document, joined (attribute values excluded).

    A cheap pre-check before a ``//*[...]`` search, which costs far more: text
    that no element can hold need not be searched for element by element.
    """
    return str(_TEXT(tree))


def attributes(
    expression: etree.XPath, node: etree._Element | etree._ElementTree
) -> list[etree._ElementUnicodeResult]:
    """Attribute values an XPath such as ``//@x`` selects; ``.getparent()`` is the owner.

    Cheaper than selecting the owner elements: most values are only looked up.
    """
    result = expression(node)
    if not isinstance(result, list):
        return []
    return [item for item in result if isinstance(item, etree._ElementUnicodeResult)]
