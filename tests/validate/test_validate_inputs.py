"""Inputs of `validate`: files, directories, zips, stdin, and whole hub envelopes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from conformance.certificate import examples, to_xml
from conformance.errors import InputError
from conformance.generate import envelope_for
from conformance.hub.codec import encode_request
from conformance.namespaces import HUB
from conformance.validate.batch import validate_document
from conformance.validate.content import ContentForm
from conformance.validate.envelope_input import is_envelope
from conformance.validate.inputs import (
    InputDocument,
    InputProblem,
    check_paths,
    iter_documents,
)

XML = to_xml(examples.minimal_851())


def document(data: bytes, path: str = "x.xml") -> InputDocument:
    return InputDocument(path, data, len(data))


def test_directories_are_searched_recursively_for_xml_in_sorted_order(
    tmp_path: Path,
) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.xml").write_bytes(XML)
    (tmp_path / "a.xml").write_bytes(XML)
    (tmp_path / "notes.txt").write_text("not a certificate")

    found = list(iter_documents([str(tmp_path)]))

    assert [Path(d.path).relative_to(tmp_path).as_posix() for d in found] == [
        "a.xml",
        "b/two.xml",
    ]


def test_zip_members_are_named_archive_bang_member_and_manifest_is_skipped(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("certs/one.xml", XML)
        zf.writestr("manifest.jsonl", '{"file": "certs/one.xml"}\n')

    found = list(iter_documents([str(archive)]))

    assert len(found) == 1 and isinstance(found[0], InputDocument)
    assert found[0].path == f"{archive}!certs/one.xml"
    assert found[0].data == XML


def test_a_damaged_zip_is_a_problem_in_the_stream_not_an_exception(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip")
    good = tmp_path / "good.xml"
    good.write_bytes(XML)

    found = list(iter_documents([str(broken), str(good)]))

    assert isinstance(found[0], InputProblem) and "zip" in found[0].message
    assert isinstance(found[1], InputDocument)


def test_stdin_is_read_for_a_dash() -> None:
    found = list(iter_documents(["-"], stdin=io.BytesIO(XML)))

    assert found == [InputDocument("-", XML, len(XML))]


def test_a_missing_path_is_an_input_error_naming_it() -> None:
    with pytest.raises(InputError, match="'nowhere.xml' does not exist"):
        check_paths(["-", "nowhere.xml"])


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<?xml version="1.0"?>\n<!-- c -->\n<soap:Envelope xmlns:soap="x"/>', True),
        (b"<Envelope/>", True),
        ('<hub:Envelope xmlns:hub="y"/>'.encode("utf-16"), True),
        (XML, False),
        (b"<EnvelopeHeader/>", False),
    ],
)
def test_envelopes_are_recognised_by_their_first_element(
    head: bytes, expected: bool
) -> None:
    assert is_envelope(head) is expected


def test_a_deliver_envelope_request_is_validated_with_its_header() -> None:
    envelope = envelope_for(examples.minimal_851())
    envelope.to = "FR"
    request = encode_request("DeliverEnvelope", envelope=envelope)

    result = validate_document(document(request))

    assert result.kind == "envelope"
    assert result.content_form is ContentForm.XML_TEXT
    assert [(f.rule_id, f.field) for f in result.findings] == [
        ("EPH-ENV-002", "hub:To")
    ]
    assert result.findings[0].line is not None


def test_a_bare_hub_envelope_with_base64_content_is_validated() -> None:
    envelope = envelope_for(examples.minimal_851(), content_encoding="base64-utf8")
    request = encode_request("ValidateAndDeliverEnvelope", envelope=envelope)
    start = request.index(b"<hub:From") if b"<hub:From" in request else -1
    assert start > 0
    header = request[start : request.index(b"</eph:envelope>")]
    bare = f'<hub:Envelope xmlns:hub="{HUB}">'.encode() + header + b"</hub:Envelope>"

    result = validate_document(document(bare))

    assert (result.kind, result.content_form, result.findings) == (
        "envelope",
        ContentForm.BASE64_UTF8,
        [],
    )


def test_certificate_lines_inside_text_content_are_lines_of_the_file() -> None:
    bad = XML.replace(b">851<", b">852<")
    envelope = envelope_for(examples.minimal_851())
    envelope.content = bad.decode()
    request = encode_request("DeliverEnvelope", envelope=envelope)
    type_line = request[: request.index(b"852")].count(b"\n") + 1

    result = validate_document(document(request))

    type_finding = next(f for f in result.findings if f.rule_id == "EPH-MAP-008")
    assert type_finding.line == type_line


def test_content_holding_elements_is_env_006() -> None:
    envelope = (
        f'<hub:Envelope xmlns:hub="{HUB}"><hub:From>NL</hub:From><hub:To>KE</hub:To>'
        "<hub:CertificateType>851</hub:CertificateType>"
        "<hub:CertificateStatus>70</hub:CertificateStatus>"
        "<hub:NPPOCertificateNumber>N1</hub:NPPOCertificateNumber>"
        f"<hub:Content>{XML.decode().split('?>', 1)[1]}</hub:Content></hub:Envelope>"
    ).encode()

    result = validate_document(document(envelope))

    assert [f.rule_id for f in result.findings] == ["EPH-ENV-006"]
    assert "holds XML elements" in result.findings[0].message


def test_a_header_type_that_is_not_a_number_is_reported_once() -> None:
    envelope = envelope_for(examples.minimal_851())
    request = encode_request("DeliverEnvelope", envelope=envelope).replace(
        b"<hub:CertificateType>851<", b"<hub:CertificateType>eight<"
    )

    result = validate_document(document(request))

    assert [f.rule_id for f in result.findings] == ["EPH-ENV-003"]
    assert "'eight'" in result.findings[0].message


def test_a_soap_message_without_a_hub_envelope_is_an_input_error() -> None:
    request = encode_request("GetEnvelopeTrackingInfo", hub_tracking_number="EPH1")

    with pytest.raises(InputError, match="holds no hub envelope"):
        validate_document(document(request))
