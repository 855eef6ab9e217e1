"""Envelope ``Content``: which form carries the certificate, decided and reported.

The hub's ``Content`` is a string. Senders put the certificate there as XML text
(escaped, or inside a CDATA section), or as base64 of the XML bytes in UTF-8 or
UTF-16 (either byte order, with or without a byte-order mark). Every decision is
named in :class:`DecodedContent`; content in none of these forms is a finding.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import enum
from dataclasses import dataclass

from conformance.findings import Finding
from conformance.validate.rules import finding

__all__ = ["ContentForm", "DecodedContent", "decode_content"]


class ContentForm(enum.StrEnum):
    """How ``Content`` carried the certificate."""

    XML_TEXT = "xml-text"
    CDATA = "cdata"
    BASE64_UTF8 = "base64-utf-8"
    BASE64_UTF8_BOM = "base64-utf-8-bom"
    BASE64_UTF16LE = "base64-utf-16le"
    BASE64_UTF16LE_BOM = "base64-utf-16le-bom"
    BASE64_UTF16BE = "base64-utf-16be"
    BASE64_UTF16BE_BOM = "base64-utf-16be-bom"


@dataclass(frozen=True, slots=True)
class DecodedContent:
    """The certificate taken out of ``Content`` and the form it was found in."""

    data: bytes | str
    form: ContentForm


_FIELD = "hub:Content"
# (byte-order mark, codec, form)
_MARKED: tuple[tuple[bytes, str, ContentForm], ...] = (
    (codecs.BOM_UTF8, "utf-8", ContentForm.BASE64_UTF8_BOM),
    (codecs.BOM_UTF16_LE, "utf-16-le", ContentForm.BASE64_UTF16LE_BOM),
    (codecs.BOM_UTF16_BE, "utf-16-be", ContentForm.BASE64_UTF16BE_BOM),
)


def decode_content(
    content: str | None, *, cdata: bool = False, line: int | None = None
) -> DecodedContent | Finding:
    """The certificate inside ``content``, or an EPH-ENV-006 finding.

    >>> decode_content("<a/>").form
    <ContentForm.XML_TEXT: 'xml-text'>
    >>> decode_content("PGEvPg==").form
    <ContentForm.BASE64_UTF8: 'base64-utf-8'>
    >>> decode_content("%%").rule_id
    'EPH-ENV-006'

    ``cdata`` says the text came from a CDATA section (only the reader of the
    envelope's XML can know); ``line`` is where ``Content`` starts, for findings.
    """
    text = (content or "").strip()
    if not text:
        return finding("EPH-ENV-006", "Content is empty", field=_FIELD, line=line)
    if text.lstrip("\ufeff").startswith("<"):
        form = ContentForm.CDATA if cdata else ContentForm.XML_TEXT
        return DecodedContent(content or "", form)
    try:
        data = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        message = (
            f"Content starting {text[:20]!r} is neither XML text nor base64; "
            "send the certificate XML"
        )
        return finding("EPH-ENV-006", message, field=_FIELD, line=line)
    found = _form_of(data)
    if found is not None:
        return DecodedContent(data, found)
    message = (
        f"Content is base64 of {len(data)} bytes starting {data[:8]!r}, which is "
        "not XML in UTF-8 or UTF-16; encode the certificate XML itself"
    )
    return finding("EPH-ENV-006", message, field=_FIELD, line=line)


def _form_of(data: bytes) -> ContentForm | None:
    """The Unicode form whose decoded text starts like XML, by mark or first bytes."""
    for bom, codec, marked in _MARKED:
        if data.startswith(bom):
            return marked if _starts_like_xml(data[len(bom) :], codec) else None
    # No mark: a NUL byte next to the first '<' tells the UTF-16 byte order.
    codec, form = "utf-8", ContentForm.BASE64_UTF8
    if data[1:2] == b"\x00":
        codec, form = "utf-16-le", ContentForm.BASE64_UTF16LE
    elif data[:1] == b"\x00":
        codec, form = "utf-16-be", ContentForm.BASE64_UTF16BE
    return form if _starts_like_xml(data, codec) else None


def _starts_like_xml(data: bytes, codec: str) -> bool:
    head = data[:128].decode(codec, "replace")
    return head.lstrip(" \t\r\n").startswith("<")
