"""Envelope layer: the hub header must agree with the certificate it carries (B4)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator

from lxml import etree

from conformance.findings import Finding
from conformance.hub.entities import EnvelopeHeader
from conformance.validate._tree import CONSIGNMENT, DOC, value, xpath
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
    """The certificate inside ``Content``: XML text as is, else base64-decoded bytes."""
    text = (content or "").strip()
    if not text:
        return finding("EPH-ENV-006", "Content is empty", field="hub:Content")
    if text.lstrip("\ufeff").startswith("<"):
        return content or ""
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        message = "Content is neither XML text nor base64; send the certificate XML"
        return finding("EPH-ENV-006", message, field="hub:Content")


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
        if sent.strip() != value(element):
            message = (
                f"header {name} is {sent!r} but the certificate says {value(element)!r}"
            )
            yield finding(rule_id, message, field=f"hub:{name}", line=None)
