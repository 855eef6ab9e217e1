"""Envelopes built for a certificate agree with it, in every content encoding."""

from __future__ import annotations

import base64
import codecs

import pytest
from hypothesis import given, settings
from lxml import etree

from conformance.certificate import Certificate, to_xml
from conformance.certificate.examples import minimal_851, reexport_657, withdrawal_851
from conformance.errors import UsageError
from conformance.findings import Level
from conformance.generate.envelopes import (
    CONTENT_ENCODINGS,
    CdataContent,
    envelope_for,
    envelopes,
)
from conformance.generate.strategies import certificates
from conformance.hub.entities import Envelope
from conformance.validate import validate_envelope


@settings(max_examples=30)
@given(certificates())
def test_header_agrees_with_the_body(certificate: Certificate) -> None:
    envelope = envelope_for(certificate)

    assert envelope.from_ == certificate.consignment.export_country
    assert envelope.to == certificate.consignment.import_country
    assert envelope.certificate_type == int(certificate.document.type_code)
    assert envelope.certificate_status == int(certificate.document.status_code)
    assert envelope.nppo_certificate_number == certificate.document.id
    assert envelope.content == to_xml(certificate).decode("utf-8")
    assert envelope.hub_delivery_number is None


def test_withdrawal_and_reexport_headers() -> None:
    withdrawal = envelope_for(withdrawal_851())
    reexport = envelope_for(reexport_657())

    assert (withdrawal.certificate_type, withdrawal.certificate_status) == (851, 40)
    assert (reexport.certificate_type, reexport.from_, reexport.to) == (657, "NL", "KE")


@pytest.mark.parametrize("encoding", CONTENT_ENCODINGS)
def test_every_content_encoding_decodes_to_the_same_certificate(
    encoding: str,
) -> None:
    certificate = reexport_657()
    certificate.consignment.consignor.name = "Exportadora Ñuble & Cía"
    expected = etree.tostring(etree.fromstring(to_xml(certificate)), method="c14n")

    content = envelope_for(certificate, content_encoding=encoding).content

    assert content is not None
    text_forms = ("text", "cdata")
    data = (
        content.encode("utf-8") if encoding in text_forms else base64.b64decode(content)
    )
    assert etree.tostring(etree.fromstring(data), method="c14n") == expected


def test_utf16_forms_carry_a_byte_order_mark_and_declare_utf16() -> None:
    big = envelope_for(minimal_851(), content_encoding="base64-utf16").content
    little = envelope_for(minimal_851(), content_encoding="base64-utf16-bom").content

    assert big is not None and little is not None
    big_data, little_data = base64.b64decode(big), base64.b64decode(little)
    assert big_data.startswith(codecs.BOM_UTF16_BE)
    assert little_data.startswith(codecs.BOM_UTF16_LE)
    assert big_data.decode("utf-16") == little_data.decode("utf-16")
    assert big_data.decode("utf-16").startswith(
        '<?xml version="1.0" encoding="UTF-16"?>'
    )


@pytest.mark.parametrize(
    ("encoding", "codec"),
    [("base64-utf16le-nobom", "utf-16-le"), ("base64-utf16be-nobom", "utf-16-be")],
)
def test_utf16_without_bom_has_no_mark(encoding: str, codec: str) -> None:
    content = envelope_for(minimal_851(), content_encoding=encoding).content

    assert content is not None
    data = base64.b64decode(content)
    assert not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    assert data.decode(codec).startswith('<?xml version="1.0" encoding="UTF-16"?>')


def test_cdata_content_is_the_xml_text_marked_for_a_cdata_section() -> None:
    content = envelope_for(minimal_851(), content_encoding="cdata").content

    assert isinstance(content, CdataContent)
    assert content == to_xml(minimal_851()).decode("utf-8")


@settings(max_examples=60, deadline=None)
@given(envelopes(content_encoding=None, status_codes=(70, 40, 44)))
def test_envelopes_in_every_encoding_have_no_severe_finding(
    envelope: Envelope,
) -> None:
    findings = validate_envelope(envelope)

    assert [f for f in findings if f.level is Level.SEVERE] == []


def test_unknown_content_encoding_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="'base32'"):
        envelope_for(minimal_851(), content_encoding="base32")


def test_non_numeric_type_code_is_a_usage_error() -> None:
    certificate = minimal_851()
    certificate.document.type_code = "PHYTO"

    with pytest.raises(UsageError, match="'PHYTO'"):
        envelope_for(certificate)


@settings(max_examples=20)
@given(envelopes(exporter="KE", importer="NL", content_encoding="base64-utf8"))
def test_envelopes_strategy_pins_the_route(envelope: Envelope) -> None:
    assert (envelope.from_, envelope.to) == ("KE", "NL")
    assert envelope.content is not None
    assert base64.b64decode(envelope.content).startswith(b"<?xml")


def test_envelopes_strategy_refuses_a_bad_encoding_at_call_time() -> None:
    with pytest.raises(UsageError, match="'rot13'"):
        envelopes(content_encoding="rot13")
