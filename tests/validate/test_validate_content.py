"""Content decoding: every form is named, anything else is EPH-ENV-006."""

from __future__ import annotations

import base64
import codecs

import pytest

from conformance.certificate import examples, to_xml
from conformance.findings import Finding, Level
from conformance.generate import envelope_for
from conformance.validate import validate_envelope
from conformance.validate.content import ContentForm, DecodedContent, decode_content

XML = to_xml(examples.minimal_851())
UTF16 = XML.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@pytest.mark.parametrize(
    ("content", "form"),
    [
        (b64(XML), ContentForm.BASE64_UTF8),
        (b64(codecs.BOM_UTF8 + XML), ContentForm.BASE64_UTF8_BOM),
        (b64(codecs.BOM_UTF16_LE + UTF16.encode("utf-16-le")), "base64-utf-16le-bom"),
        (b64(codecs.BOM_UTF16_BE + UTF16.encode("utf-16-be")), "base64-utf-16be-bom"),
        (b64(UTF16.encode("utf-16-le")), ContentForm.BASE64_UTF16LE),
        (b64(UTF16.encode("utf-16-be")), ContentForm.BASE64_UTF16BE),
    ],
)
def test_base64_forms_are_named_and_keep_the_bytes(content: str, form: str) -> None:
    decoded = decode_content(content)

    assert isinstance(decoded, DecodedContent)
    assert decoded.form == form
    assert decoded.data == base64.b64decode(content)


def test_text_is_xml_text_unless_the_reader_saw_cdata() -> None:
    text = XML.decode()

    plain = decode_content(text)
    cdata = decode_content(text, cdata=True)

    assert isinstance(plain, DecodedContent) and plain.form is ContentForm.XML_TEXT
    assert isinstance(cdata, DecodedContent) and cdata.form is ContentForm.CDATA
    assert plain.data == text


def test_wrapped_base64_lines_are_joined() -> None:
    encoded = b64(XML)
    wrapped = "\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))

    decoded = decode_content(wrapped)

    assert isinstance(decoded, DecodedContent) and decoded.data == XML


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("%%% not base64 %%%", "neither XML text nor base64"),
        (b64(b"%PDF-1.4 not a certificate"), "not XML in UTF-8 or UTF-16"),
        (b64("<a/>".encode("utf-32")), "not XML in UTF-8 or UTF-16"),
    ],
)
def test_content_in_no_known_form_is_env_006(content: str, says: str) -> None:
    decoded = decode_content(content, line=7)

    assert isinstance(decoded, Finding)
    assert (decoded.rule_id, decoded.field, decoded.line) == (
        "EPH-ENV-006",
        "hub:Content",
        7,
    )
    assert says in decoded.message


def test_envelope_with_utf16_content_without_bom_validates_with_a_warning() -> None:
    envelope = envelope_for(examples.minimal_851())
    envelope.content = b64(UTF16.encode("utf-16-le"))

    findings = validate_envelope(envelope)

    assert [f.rule_id for f in findings] == ["EPH-ENC-002"]
    assert findings[0].level is Level.WARNING


def test_envelope_with_base64_of_a_pdf_is_refused() -> None:
    envelope = envelope_for(examples.minimal_851())
    envelope.content = b64(b"%PDF-1.4")

    assert [f.rule_id for f in validate_envelope(envelope)] == ["EPH-ENV-006"]
