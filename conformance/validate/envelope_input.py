"""Whole hub envelopes as ``validate`` reads them: a SOAP request or a bare Envelope.

The envelope's header and ``Content`` are read by namespace and local name, so a
DeliverEnvelope, a ValidateAndDeliverEnvelope, an older DeliverPhytoEnvelope or a
bare ``hub:Envelope`` element all work. The header's own lines are kept so that
the header-against-body findings point at the header field in the file.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from lxml import etree

from conformance.errors import InputError
from conformance.findings import Finding
from conformance.hub.entities import Envelope
from conformance.namespaces import HUB, SOAP_ENV
from conformance.validate._tree import line_of
from conformance.validate.rules import finding
from conformance.validate.safe import parse_untrusted

__all__ = ["EnvelopeDocument", "is_envelope", "read_envelope_document"]

_HEAD = 4096
# Not in conformance.namespaces: nothing in the project speaks it; it is only refused.
_SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"
_PROLOG = re.compile(r"(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
_FIRST_ELEMENT = re.compile(r"<(?:[\w.-]+:)?([\w.-]+)")
_CDATA = re.compile(rb"<(?:[\w.-]+:)?Content(?:\s[^>]*)?>\s*<!\[CDATA\[")
# (header element, Envelope attribute, integer?, rule when it is not a number)
_HEADER = (
    ("From", "from_", None),
    ("To", "to", None),
    ("CertificateType", "certificate_type", "EPH-ENV-003"),
    ("CertificateStatus", "certificate_status", "EPH-ENV-004"),
    ("NPPOCertificateNumber", "nppo_certificate_number", None),
)


@dataclass(slots=True)
class EnvelopeDocument:
    """A hub envelope read from a file, with where its parts are in that file."""

    envelope: Envelope
    content_line: int | None = None
    content_cdata: bool = False
    content_elements: bool = False
    header_lines: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def is_envelope(data: bytes) -> bool:
    """True when the first element of ``data`` is named ``Envelope`` (SOAP or hub)."""
    head = _head_text(data[:_HEAD])
    prolog = _PROLOG.match(head)
    match = _FIRST_ELEMENT.match(head, prolog.end() if prolog else 0)
    return match is not None and match.group(1) == "Envelope"


def _head_text(head: bytes) -> str:
    for bom, codec in (
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF8, "utf-8"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, "replace")
    if head[1:2] == b"\x00":
        return head.decode("utf-16-le", "replace")
    if head[:1] == b"\x00":
        return head.decode("utf-16-be", "replace")
    return head.decode("latin-1")


def read_envelope_document(
    data: bytes, *, max_bytes: int
) -> EnvelopeDocument | list[Finding]:
    """The hub envelope in ``data``, or the findings that stop parsing it.

    Raises :class:`InputError` when the XML holds no hub envelope (for instance a
    SOAP request of an operation that carries none).
    """
    parsed = parse_untrusted(data, max_bytes=max_bytes)
    if parsed.tree is None:
        return parsed.findings
    root = parsed.tree.getroot()
    if isinstance(root.tag, str) and root.tag == f"{{{_SOAP12_ENV}}}Envelope":
        raise InputError(
            f"SOAP 1.2 is not supported: the root is in {_SOAP12_ENV!r}, and the hub "
            f"speaks SOAP 1.1 only; wrap the request in {{{SOAP_ENV}}}Envelope"
        )
    element = _hub_envelope(root)
    if element is None:
        raise InputError(
            f"root {parsed.tree.getroot().tag!r} holds no hub envelope (an element "
            f"with a {{{HUB}}}From child); give a DeliverEnvelope or "
            "ValidateAndDeliverEnvelope request, a hub:Envelope or a certificate"
        )
    document = EnvelopeDocument(Envelope("", "", 0, 0, ""), findings=parsed.findings)
    for local, attribute, rule_id in _HEADER:
        _read_header_field(document, element, local, attribute, rule_id)
    content = element.find(f"{{{HUB}}}Content")
    if content is not None:
        document.content_line = line_of(content)
        document.content_elements = any(isinstance(c.tag, str) for c in content)
        document.content_cdata = _CDATA.search(data) is not None
        document.envelope.content = content.text or ""
    return document


def _hub_envelope(root: etree._Element) -> etree._Element | None:
    if root.tag == f"{{{HUB}}}Envelope":
        return root
    if root.tag != f"{{{SOAP_ENV}}}Envelope":
        return None
    body = root.find(f"{{{SOAP_ENV}}}Body")
    if body is None:
        return None
    for element in body.iter():
        if element.find(f"{{{HUB}}}From") is not None:
            return element
    return None


def _read_header_field(
    document: EnvelopeDocument,
    element: etree._Element,
    local: str,
    attribute: str,
    rule_id: str | None,
) -> None:
    item = element.find(f"{{{HUB}}}{local}")
    if item is None:
        return
    line = line_of(item)
    if line is not None:
        document.header_lines[f"hub:{local}"] = line
    text = (item.text or "").strip()
    if rule_id is None:
        setattr(document.envelope, attribute, text)
        return
    try:
        setattr(document.envelope, attribute, int(text))
    except ValueError:
        # -1 matches no certificate code; the comparison finding is dropped later.
        setattr(document.envelope, attribute, -1)
        message = f"header {local} is {text!r}, not an integer code such as 851 or 70"
        document.findings.append(
            finding(rule_id, message, field=f"hub:{local}", line=line)
        )
