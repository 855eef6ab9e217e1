"""Byte and header mutations of the invalid kinds: each breaks exactly one rule."""

from __future__ import annotations

import base64
import codecs
import re
from random import Random

from lxml import etree

from conformance.certificate import codelists
from conformance.hub.entities import Envelope
from conformance.namespaces import RAM, RSM

_DECLARATION = re.compile(rb"^<\?xml[^>]*\?>")


def _after_declaration(xml: bytes, text: bytes) -> bytes:
    match = _DECLARATION.match(xml)
    end = match.end() if match else 0
    return xml[:end] + b"\n" + text + xml[end:]


def undeclared_prefix(xml: bytes, rng: Random) -> bytes:
    """The root element renamed into a prefix that is never declared."""
    root = etree.fromstring(
        xml, etree.XMLParser(resolve_entities=False, no_network=True)
    )
    name = f"{root.prefix}:SPSCertificate" if root.prefix else "SPSCertificate"
    xml = xml.replace(f"<{name}".encode(), b"<undeclared:SPSCertificate", 1)
    head, _, tail = xml.rpartition(f"</{name}>".encode())
    return head + b"</undeclared:SPSCertificate>" + tail


def wrong_namespace_version(xml: bytes, rng: Random) -> bytes:
    """SPSCertificate:16 instead of :17."""
    return xml.replace(RSM.encode(), RSM[:-2].encode() + b"16")


def latin1_declared_utf8(xml: bytes, rng: Random) -> bytes:
    """Latin-1 bytes under a UTF-8 declaration."""
    return xml.decode("utf-8").encode("latin-1", "xmlcharrefreplace")


def dtd(xml: bytes, rng: Random) -> bytes:
    """A DOCTYPE without entities."""
    return _after_declaration(xml, b"<!DOCTYPE SPSCertificate>")


def external_entity(xml: bytes, rng: Random) -> bytes:
    """An external entity on a non-routable address (never fetched)."""
    return _after_declaration(
        xml, b'<!DOCTYPE SPSCertificate [<!ENTITY ext SYSTEM "http://192.0.2.1/x">]>'
    )


def entity_expansion(xml: bytes, rng: Random) -> bytes:
    """A billion-laughs entity chain."""
    chain = b'<!ENTITY l0 "lol">' + b"".join(
        b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10)
    )
    return _after_declaration(xml, b"<!DOCTYPE SPSCertificate [" + chain + b"]>")


def _other_country(*avoid: str) -> str:
    return next(code for code in sorted(codelists.countries()) if code not in avoid)


def header_from(envelope: Envelope, rng: Random) -> None:
    """From is another country than the export country."""
    envelope.from_ = _other_country(envelope.from_, envelope.to)


def header_to(envelope: Envelope, rng: Random) -> None:
    """To is another country than the import country."""
    envelope.to = _other_country(envelope.from_, envelope.to)


def header_type(envelope: Envelope, rng: Random) -> None:
    """CertificateType swapped between 851 and 657."""
    envelope.certificate_type = 657 if envelope.certificate_type == 851 else 851


def header_status(envelope: Envelope, rng: Random) -> None:
    """CertificateStatus another allowed status."""
    envelope.certificate_status = 40 if envelope.certificate_status == 70 else 70


def header_number(envelope: Envelope, rng: Random) -> None:
    """NPPOCertificateNumber not the document ID."""
    envelope.nppo_certificate_number += "-OTHER"


def truncated(xml: bytes, rng: Random) -> bytes:
    """The certificate cut off at a tag between a third and nine tenths of its length."""
    cut = rng.randrange(len(xml) // 3, len(xml) * 9 // 10)
    return xml[: xml.rindex(b"<", 0, cut)]


def latin1_undeclared(xml: bytes, rng: Random) -> bytes:
    """Latin-1 bytes without an XML declaration (so UTF-8 is implied)."""
    return _DECLARATION.sub(b"", latin1_declared_utf8(xml, rng), count=1).lstrip()


def unknown_declared_encoding(xml: bytes, rng: Random) -> bytes:
    """A declaration naming an encoding no codec knows."""
    return xml.replace(b'encoding="UTF-8"', b'encoding="UTF-9"', 1)


def wrong_ram_namespace_version(xml: bytes, rng: Random) -> bytes:
    """The ram namespace of D16B (``:20``) under an SPSCertificate:17 root."""
    return xml.replace(RAM.encode(), RAM[:-2].encode() + b"20")


def content_not_xml(envelope: Envelope, rng: Random) -> None:
    """Content that is neither XML text nor base64."""
    envelope.content = f"%%% certificate {rng.randrange(1000)} not attached %%%"


def bom_inside_base64(envelope: Envelope, rng: Random) -> None:
    """Base64 Content whose bytes start with a UTF-8 byte-order mark."""
    xml = (envelope.content or "").encode("utf-8")
    envelope.content = base64.b64encode(codecs.BOM_UTF8 + xml).decode("ascii")


def header_type_852(envelope: Envelope, rng: Random) -> None:
    """Header type 852, agreeing with a body whose TypeCode is 852."""
    envelope.certificate_type = 852


def header_status_9(envelope: Envelope, rng: Random) -> None:
    """Header status 9, agreeing with a body whose StatusCode is 9."""
    envelope.certificate_status = 9
