"""XML plumbing shared by the hub codec: safe parsing, names and small helpers."""

from __future__ import annotations

import threading

from lxml import etree

from conformance.errors import InputError
from conformance.namespaces import EPH, HUB, SOAP_ENV

__all__ = [
    "MAX_BODY_BYTES",
    "NSMAP",
    "SOAP12_ENV",
    "CodecError",
    "SoapVersionError",
    "child",
    "children",
    "describe",
    "element_children",
    "eph",
    "hub",
    "missing_child",
    "parse_soap",
    "text_of",
]

# Envelopes carry whole certificates with attachments; a batch pull carries many.
MAX_BODY_BYTES = 64 * 1024 * 1024

NSMAP = {"soap": SOAP_ENV, "eph": EPH, "hub": HUB}
SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"
"""The SOAP 1.2 envelope namespace, which the hub does not speak."""
_XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


class CodecError(InputError):
    """A SOAP body is not a well-formed message of the ``DeliveryService`` contract."""

    fault_code = "soap:Client"
    """The SOAP 1.1 faultcode a hub answers this refusal with."""


class SoapVersionError(CodecError):
    """The envelope is not SOAP 1.1 (for instance SOAP 1.2)."""

    # SOAP 1.1 section 4.4.1: an Envelope in the wrong namespace is VersionMismatch.
    fault_code = "soap:VersionMismatch"


def eph(local: str) -> str:
    """Clark name of ``local`` in the operations namespace."""
    return f"{{{EPH}}}{local}"


def hub(local: str) -> str:
    """Clark name of ``local`` in the ``HUB.Entities`` namespace."""
    return f"{{{HUB}}}{local}"


_local = threading.local()


def _parser() -> etree.XMLParser:
    # lxml parsers keep per-parse state; one per thread avoids lock contention.
    # huge_tree lifts libxml2's 10,000,000-byte cap on one text node, which would
    # refuse a Content below the 16 MiB of hub-decisions D15. What that cap guards
    # against is handled before and after parsing: the body size is bounded, a
    # DOCTYPE is refused, and entities are never resolved.
    parser: etree.XMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=True,
            remove_comments=True,
            remove_pis=True,
        )
        _local.parser = parser
    return parser


def describe(element: etree._Element) -> str:
    """``{namespace}local`` or ``local`` of ``element``, for messages."""
    qname = etree.QName(element)
    return f"{{{qname.namespace}}}{qname.localname}" if qname.namespace else qname.text


def parse_soap(body: bytes, *, what: str) -> etree._Element:
    """Parse ``body`` safely and return the first element inside ``soap:Body``.

    Raises :class:`CodecError` when ``body`` is too large, not XML, carries a
    DOCTYPE, or is not a SOAP 1.1 envelope with a non-empty body.
    """
    if not isinstance(body, bytes | bytearray):
        raise CodecError(f"{what} must be bytes, got {type(body).__name__}")
    if len(body) > MAX_BODY_BYTES:
        raise CodecError(
            f"{what} is {len(body)} bytes, over the {MAX_BODY_BYTES}-byte limit; "
            "send smaller envelopes"
        )
    if b"<!DOCTYPE" in body[:4096]:
        raise CodecError(f"{what} carries a DOCTYPE; SOAP messages must not")
    try:
        root = etree.fromstring(bytes(body), _parser())
    except etree.XMLSyntaxError as err:
        raise CodecError(f"{what} is not well-formed XML: {err}") from err
    # The byte scan above misses a DOCTYPE in UTF-16; the parsed tree does not.
    if getattr(root.getroottree().docinfo, "doctype", ""):
        raise CodecError(f"{what} carries a DOCTYPE; SOAP messages must not")
    qname = etree.QName(root)
    if qname.namespace == SOAP12_ENV:
        raise SoapVersionError(
            f"{what} is a SOAP 1.2 envelope; the hub speaks SOAP 1.1 only "
            f"(Envelope in {SOAP_ENV!r})"
        )
    if root.tag != f"{{{SOAP_ENV}}}Envelope":
        raise CodecError(
            f"{what} has root element {describe(root)!r}, "
            f"expected {{{SOAP_ENV}}}Envelope"
        )
    body_element = child(root, f"{{{SOAP_ENV}}}Body")
    if body_element is None:
        raise CodecError(f"{what} has no soap:Body")
    first = next(iter(element_children(body_element)), None)
    if first is None:
        raise CodecError(f"{what} has an empty soap:Body")
    return first


def element_children(element: etree._Element) -> list[etree._Element]:
    """Element children of ``element`` (comments and PIs are stripped at parse)."""
    return [item for item in element if isinstance(item.tag, str)]


def child(element: etree._Element, tag: str) -> etree._Element | None:
    """The first child with Clark name ``tag``, or ``None``."""
    for item in element:
        if item.tag == tag:
            return item
    return None


def children(element: etree._Element, tag: str) -> list[etree._Element]:
    """Children with Clark name ``tag``, skipping ``xsi:nil`` entries of arrays."""
    return [
        item
        for item in element
        if item.tag == tag and item.get(_XSI_NIL) not in ("true", "1")
    ]


def text_of(element: etree._Element | None) -> str | None:
    """Text of ``element``: ``None`` when absent, ``""`` when present but empty."""
    if element is None:
        return None
    return element.text or ""


def missing_child(wrapper: etree._Element, where: str, local: str) -> str:
    """Message for a wrapper lacking ``eph:local``, listing what it holds instead."""
    found = [describe(item) for item in element_children(wrapper)]
    return (
        f"{where} has no {{{EPH}}}{local} element (found {found}); "
        "children of operation wrappers are qualified in the eph namespace"
    )
