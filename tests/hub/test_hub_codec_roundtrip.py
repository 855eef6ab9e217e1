"""Every operation's request and response survives encode then decode unchanged."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.hub.codec import (
    decode_request,
    decode_response,
    encode_request,
    encode_response,
)
from conformance.hub.entities import (
    AllowedDocument,
    Envelope,
    EnvelopeForwarding,
    EnvelopeHeader,
    Nppo,
    ValidationResult,
)
from conformance.hub.operations import OPERATIONS

HEADER = EnvelopeHeader(
    from_="NL",
    to="KE",
    certificate_type=851,
    certificate_status=70,
    nppo_certificate_number="NL-2024-000123",
    hub_delivery_number="EPH0123456789ABCDEF0",
    hub_tracking_info="PendingDelivery",
    hub_delivery_error_message="",
)
ENVELOPE = Envelope(
    from_="NL",
    to="KE",
    certificate_type=657,
    certificate_status=40,
    nppo_certificate_number="NL-2024-000124",
    forwardings=[EnvelopeForwarding("TRACES"), EnvelopeForwarding("X", "EPH2")],
    content="<rsm:SPSCertificate xmlns:rsm='urn:x'>&amp; é</rsm:SPSCertificate>",
)
NPPO = Nppo(
    country="KE",
    receive=True,
    send=False,
    allowed_documents=[
        AllowedDocument(851, 70, True, "Phytosanitary certificate", "Issued"),
        AllowedDocument(657, 40, False, "", ""),
    ],
    signature_dn="CN=KEPHIS",
    signature_certificate="MIIB",
)

REQUESTS: dict[str, dict[str, Any]] = {
    "DeliverEnvelope": {"envelope": ENVELOPE},
    "ValidateAndDeliverEnvelope": {"envelope": ENVELOPE},
    "ValidatePhytoXML": {"ephyto_xml": "<a>&<b/></a>"},
    "GetEnvelopeTrackingInfo": {"hub_tracking_number": "EPH1"},
    "GetUnderDeliveryEnvelope": {},
    "GetImportEnvelopeHeaders": {"country_code": "NL"},
    "PULLSingleImportEnvelope": {"hub_tracking_number": "EPH1"},
    "PULLImportEnvelope": {},
    "AcknowledgeEnvelopeReceipt": {"hub_tracking_number": "EPH1"},
    "AdvancedAcknowledgeEnvelopeReceipt": {
        "hub_tracking_number": "EPH1",
        "warning_message": "duplicate certificate number",
    },
    "AcknowledgeFailedEnvelopeReceipt": {
        "hub_tracking_number": "EPH1",
        "message": "content is not XML",
    },
    "GetActiveNppos": {},
    "GetProfile": {},
    "GetAvailableChannels": {},
}

RESPONSES: dict[str, object] = {
    "DeliverEnvelope": HEADER,
    "ValidateAndDeliverEnvelope": HEADER,
    "ValidatePhytoXML": [
        ValidationResult("Schema", "/rsm:SPSCertificate", "SEVERE", "[S-1] bad"),
        ValidationResult("Mapping", "", "WARNING", ""),
    ],
    "GetEnvelopeTrackingInfo": HEADER,
    "GetUnderDeliveryEnvelope": [HEADER, HEADER],
    "GetImportEnvelopeHeaders": [HEADER],
    "PULLSingleImportEnvelope": ENVELOPE,
    "PULLImportEnvelope": [ENVELOPE, ENVELOPE],
    "AcknowledgeEnvelopeReceipt": None,
    "AdvancedAcknowledgeEnvelopeReceipt": "DeliveredWithWarnings",
    "AcknowledgeFailedEnvelopeReceipt": "DeliveredNotReadable",
    "GetActiveNppos": [NPPO, Nppo(country="NL")],
    "GetProfile": NPPO,
    "GetAvailableChannels": ["TRACES"],
}


def test_tables_cover_every_operation() -> None:
    assert set(REQUESTS) == set(OPERATIONS) == set(RESPONSES)


@pytest.mark.parametrize("operation", sorted(REQUESTS))
def test_request_round_trip(operation: str) -> None:
    params = REQUESTS[operation]

    body = encode_request(operation, **params)
    decoded_operation, decoded = decode_request(body)

    assert decoded_operation == operation
    expected = {p.name: None for p in OPERATIONS[operation].parameters} | params
    assert decoded == expected


@pytest.mark.parametrize("operation", sorted(RESPONSES))
def test_response_round_trip(operation: str) -> None:
    result = RESPONSES[operation]

    decoded = decode_response(operation, encode_response(operation, result))

    assert decoded == result


def test_empty_lists_round_trip() -> None:
    body = encode_response("GetImportEnvelopeHeaders", [])

    assert decode_response("GetImportEnvelopeHeaders", body) == []


def test_text_result_absent_decodes_to_none() -> None:
    body = encode_response("AdvancedAcknowledgeEnvelopeReceipt", None)

    assert decode_response("AdvancedAcknowledgeEnvelopeReceipt", body) is None


@pytest.mark.parametrize(
    "content",
    [
        "a & b < c > d",
        "ends a CDATA section here ]]> and goes on",
        "<![CDATA[nested]]>",
        "Windows line ends\r\nand a lone\rcarriage return",
        "  leading and trailing spaces  \n\t",
        "non-ASCII: Ærøskøbing, São Paulo, 東京",
        "Arabic: شهادة الصحة النباتية",
        "emoji outside the BMP: \U0001f331",
        "\"quotes\" and 'apostrophes' &amp; entities stay literal &lt;",
        "",
    ],
)
def test_content_round_trips_character_for_character(content: str) -> None:
    envelope = Envelope("NL", "KE", 851, 70, "N1", content=content)

    _, params = decode_request(encode_request("DeliverEnvelope", envelope=envelope))

    assert params["envelope"].content == content


def test_header_is_written_in_schema_order() -> None:
    body = encode_request("DeliverEnvelope", envelope=ENVELOPE)

    names = [
        part.split(">")[0]
        for part in body.decode().split("<hub:")[1:]
        if not part.startswith("/")
    ]
    assert names == [
        "From",
        "To",
        "CertificateType",
        "CertificateStatus",
        "NPPOCertificateNumber",
        "Forwardings",
        "EnvelopeForwarding",
        "Code",
        "EnvelopeForwarding",
        "Code",
        "HubDeliveryNumber",
        "Content",
    ]
