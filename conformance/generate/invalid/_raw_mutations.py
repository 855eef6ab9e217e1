"""Byte and header mutations of the invalid kinds: each breaks exactly one rule."""

from __future__ import annotations

import re

from lxml import etree

from conformance.certificate import codelists
from conformance.hub.entities import Envelope
from conformance.namespaces import RSM

_DECLARATION = re.compile(rb"^<\?xml[^>]*\?>")


def _after_declaration(xml: bytes, text: bytes) -> bytes:
    match = _DECLARATION.match(xml)
    end = match.end() if match else 0
    return xml[:end] + b"\n" + text + xml[end:]


def undeclared_prefix(xml: bytes) -> bytes:
    """The root element renamed into a prefix that is never declared."""
    root = etree.fromstring(
        xml, etree.XMLParser(resolve_entities=False, no_network=True)
    )
    name = f"{root.prefix}:SPSCertificate" if root.prefix else "SPSCertificate"
    xml = xml.replace(f"<{name}".encode(), b"<undeclared:SPSCertificate", 1)
    head, _, tail = xml.rpartition(f"</{name}>".encode())
    return head + b"</undeclared:SPSCertificate>" + tail


def wrong_namespace_version(xml: bytes) -> bytes:
    """SPSCertificate:16 instead of :17."""
    return xml.replace(RSM.encode(), RSM[:-2].encode() + b"16")


def latin1_declared_utf8(xml: bytes) -> bytes:
    """Latin-1 bytes under a UTF-8 declaration."""
    return xml.decode("utf-8").encode("latin-1", "xmlcharrefreplace")


def dtd(xml: bytes) -> bytes:
    """A DOCTYPE without entities."""
    return _after_declaration(xml, b"<!DOCTYPE SPSCertificate>")


def external_entity(xml: bytes) -> bytes:
    """An external entity on a non-routable address (never fetched)."""
    return _after_declaration(
        xml, b'<!DOCTYPE SPSCertificate [<!ENTITY ext SYSTEM "http://192.0.2.1/x">]>'
    )


def entity_expansion(xml: bytes) -> bytes:
    """A billion-laughs entity chain."""
    chain = b'<!ENTITY l0 "lol">' + b"".join(
        b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10)
    )
    return _after_declaration(xml, b"<!DOCTYPE SPSCertificate [" + chain + b"]>")


def _other_country(*avoid: str) -> str:
    return next(code for code in sorted(codelists.countries()) if code not in avoid)


def header_from(envelope: Envelope) -> None:
    """From is another country than the export country."""
    envelope.from_ = _other_country(envelope.from_, envelope.to)


def header_to(envelope: Envelope) -> None:
    """To is another country than the import country."""
    envelope.to = _other_country(envelope.from_, envelope.to)


def header_type(envelope: Envelope) -> None:
    """CertificateType swapped between 851 and 657."""
    envelope.certificate_type = 657 if envelope.certificate_type == 851 else 851


def header_status(envelope: Envelope) -> None:
    """CertificateStatus another allowed status."""
    envelope.certificate_status = 40 if envelope.certificate_status == 70 else 70


def header_number(envelope: Envelope) -> None:
    """NPPOCertificateNumber not the document ID."""
    envelope.nppo_certificate_number += "-OTHER"
