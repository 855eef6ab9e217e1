"""Envelope layer: the hub header must agree with the certificate it carries (B4)."""

from __future__ import annotations

import base64
import binascii
import codecs
from collections.abc import Iterator

from lxml import etree

from conformance.findings import Finding
from conformance.hub.entities import EnvelopeHeader
from conformance.validate._tree import CONSIGNMENT, DOC, value, xpath
from conformance.validate.content import decode_content as decode_content_form
from conformance.validate.rules import finding

__all__ = ["check_envelope", "decode_content"]

# (header attribute, header field name, certificate element, rule)
_PAIRS: tuple[tuple[str, str, etree.XPath, str], ...] = (
    (
        "from_",
        "From",
        xpath(f"{CONSIGNMENT}/ram:ExportSPSCountry/ram:ID"),
        "EPH-ENV-001",
    ),
    ("to", "To", xpath(f"{CONSIGNMENT}/ram:ImportSPSCountry/ram:ID"), "EPH-ENV-002"),
    (
        "certificate_type",
        "CertificateType",
        xpath(f"{DOC}/ram:TypeCode"),
        "EPH-ENV-003",
    ),
    (
        "certificate_status",
        "CertificateStatus",
        xpath(f"{DOC}/ram:StatusCode"),
        "EPH-ENV-004",
    ),
    (
        "nppo_certificate_number",
        "NPPOCertificateNumber",
        xpath(f"{DOC}/ram:ID"),
        "EPH-ENV-005",
    ),
)


def decode_content(content: str | None) -> bytes | str | Finding:
    """The certificate inside ``Content``, decoded by :mod:`.content` (one decoder)."""
    decoded = decode_content_form(content)
    return decoded if isinstance(decoded, Finding) else decoded.data


def check_envelope(
    header: EnvelopeHeader, tree: etree._ElementTree
) -> Iterator[Finding]:
    """Findings where the header disagrees with the certificate body.

    A body value that is missing or empty is the mandatory layer's finding.
    """
    for attribute, name, expression, rule_id in _PAIRS:
        found = expression(tree)
        element = found[0] if isinstance(found, list) and found else None
        if not isinstance(element, etree._Element) or not value(element):
            continue
        sent = str(getattr(header, attribute))
        if not _agrees(attribute, sent.strip(), value(element)):
            message = (
                f"header {name} is {sent!r} but the certificate says {value(element)!r}"
            )
            yield finding(rule_id, message, field=f"hub:{name}", line=None)
    content = getattr(header, "content", None)
    if isinstance(content, str) and _base64_utf8_bom(content):
        message = (
            "base64 Content starts with a UTF-8 byte-order mark before the XML "
            "declaration; many receivers' parsers refuse it, drop the mark"
        )
        yield finding("EPH-ENV-007", message, field="hub:Content", line=None)


def _agrees(attribute: str, sent: str, certified: str) -> bool:
    if sent == certified:
        return True
    # A hub connection code is the ISO country code, optionally followed by an
    # instance suffix (Sri Lanka's UAT connection is LK2 for country LK).
    return (
        attribute in ("from_", "to")
        and len(certified) == 2
        and sent.startswith(certified)
        and 2 < len(sent) <= 8
        and sent[2:].isalnum()
        and sent[2:].isascii()
    )


def _base64_utf8_bom(content: str) -> bool:
    # The first four base64 characters are the first three bytes: the whole mark.
    head = content.lstrip()[:4]
    if head.startswith("<") or len(head) < 4:
        return False
    try:
        return base64.b64decode(head, validate=True) == codecs.BOM_UTF8
    except (binascii.Error, ValueError):
        return False
