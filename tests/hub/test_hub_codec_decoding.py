"""Decoding what real peers write, and refusing what no peer should send."""

from __future__ import annotations

import pytest

from conformance.errors import HubFault, InputError, UsageError
from conformance.hub.codec import (
    CodecError,
    decode_request,
    decode_response,
    encode_fault,
    encode_request,
)
from conformance.hub.entities import Envelope, EnvelopeHeader

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"


def _soap(body: str, *, prefix: str = "S") -> bytes:
    return (
        f'<{prefix}:Envelope xmlns:{prefix}="{SOAP}"><{prefix}:Body>{body}'
        f"</{prefix}:Body></{prefix}:Envelope>"
    ).encode()


# As a JAX-WS hub writes it: generated prefixes, entities under ns3.
JAXWS_TRACKING = _soap(
    '<ns2:GetEnvelopeTrackingInfoResponse xmlns:ns2="http://ephyto.ippc.int/" '
    'xmlns:ns3="http://ephyto.ippc.int/HUB.Entities">'
    "<ns2:GetEnvelopeTrackingInfoResult>"
    "<ns3:From>NL</ns3:From><ns3:To>KE</ns3:To>"
    "<ns3:CertificateType>851</ns3:CertificateType>"
    "<ns3:CertificateStatus>70</ns3:CertificateStatus>"
    "<ns3:NPPOCertificateNumber>N1</ns3:NPPOCertificateNumber>"
    "<ns3:hubDeliveryNumber>EPH9</ns3:hubDeliveryNumber>"
    "<ns3:HUBTrackingInfo>Delivered</ns3:HUBTrackingInfo>"
    "</ns2:GetEnvelopeTrackingInfoResult></ns2:GetEnvelopeTrackingInfoResponse>"
)

# As the Go client sends it: default namespaces, certificate in CDATA.
GO_DELIVERY = _soap(
    '<ValidateAndDeliverEnvelope xmlns="http://ephyto.ippc.int/">'
    '<envelope><From xmlns="http://ephyto.ippc.int/HUB.Entities">LK</From>'
    '<h:To xmlns:h="http://ephyto.ippc.int/HUB.Entities">NL</h:To>'
    '<x:CertificateType xmlns:x="http://ephyto.ippc.int/HUB.Entities">'
    " 851 </x:CertificateType>"
    '<x:CertificateStatus xmlns:x="http://ephyto.ippc.int/HUB.Entities">70'
    "</x:CertificateStatus>"
    '<x:NPPOCertificateNumber xmlns:x="http://ephyto.ippc.int/HUB.Entities">L1'
    "</x:NPPOCertificateNumber>"
    '<x:Content xmlns:x="http://ephyto.ippc.int/HUB.Entities">'
    "<![CDATA[<rsm:SPSCertificate>a & b ]]]]><![CDATA[>"
    "</rsm:SPSCertificate>]]></x:Content>"
    "</envelope></ValidateAndDeliverEnvelope>",
    prefix="soapenv",
)


def test_foreign_prefixes_decode_by_namespace() -> None:
    header = decode_response("GetEnvelopeTrackingInfo", JAXWS_TRACKING)

    assert header == EnvelopeHeader(
        "NL", "KE", 851, 70, "N1", "EPH9", "Delivered", None
    )


def test_default_namespaces_and_cdata_content_decode() -> None:
    operation, params = decode_request(GO_DELIVERY)

    assert operation == "ValidateAndDeliverEnvelope"
    envelope = params["envelope"]
    assert isinstance(envelope, Envelope)
    assert (envelope.from_, envelope.to, envelope.certificate_type) == ("LK", "NL", 851)
    assert envelope.content == "<rsm:SPSCertificate>a & b ]]></rsm:SPSCertificate>"


def test_absent_optional_parameter_decodes_to_none() -> None:
    body = _soap('<e:GetImportEnvelopeHeaders xmlns:e="http://ephyto.ippc.int/"/>')

    assert decode_request(body) == ("GetImportEnvelopeHeaders", {"country_code": None})


def test_empty_optional_parameter_decodes_to_empty_string() -> None:
    body = encode_request("GetImportEnvelopeHeaders", country_code="")

    assert decode_request(body)[1] == {"country_code": ""}


def test_absent_header_fields_leave_the_refusal_to_the_hub() -> None:
    body = _soap(
        '<e:DeliverEnvelope xmlns:e="http://ephyto.ippc.int/"><e:env/>'
        "</e:DeliverEnvelope>"
    )

    envelope = decode_request(body)[1]["envelope"]

    assert (envelope.from_, envelope.certificate_type, envelope.content) == (
        "",
        0,
        None,
    )


def _delivery_with(certificate_type: str) -> bytes:
    return _soap(
        '<e:DeliverEnvelope xmlns:e="http://ephyto.ippc.int/" '
        'xmlns:h="http://ephyto.ippc.int/HUB.Entities"><e:env>'
        f"<h:From>NL</h:From><h:CertificateType>{certificate_type}"
        "</h:CertificateType></e:env></e:DeliverEnvelope>"
    )


def test_non_integer_certificate_type_names_field_and_value() -> None:
    with pytest.raises(CodecError, match=r"CertificateType.*'eight'"):
        decode_request(_delivery_with("eight"))


def test_certificate_as_xml_elements_in_content_is_refused() -> None:
    body = _soap(
        '<e:DeliverEnvelope xmlns:e="http://ephyto.ippc.int/" '
        'xmlns:h="http://ephyto.ippc.int/HUB.Entities"><e:env>'
        "<h:Content><SPSCertificate/></h:Content></e:env></e:DeliverEnvelope>"
    )

    with pytest.raises(CodecError, match="as text"):
        decode_request(body)


BAD_REQUESTS = {
    "not XML": b"this is not xml",
    "truncated": _soap("<e:GetProfile")[:-10],
    "empty": b"",
    "DOCTYPE": b'<!DOCTYPE x [<!ENTITY a "b">]>' + _soap(""),
    "entity expansion": (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>'
    ),
    "external entity": (
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<S:Envelope xmlns:S="' + SOAP.encode() + b'"><S:Body>&e;</S:Body>'
        b"</S:Envelope>"
    ),
    "not SOAP": b"<GetProfile xmlns='http://ephyto.ippc.int/'/>",
    "SOAP 1.2": (
        b'<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope">'
        b"<e:Body/></e:Envelope>"
    ),
    "no body": f'<S:Envelope xmlns:S="{SOAP}"/>'.encode(),
    "empty body": _soap(""),
    "unknown operation": _soap(
        '<e:DeleteEverything xmlns:e="http://ephyto.ippc.int/"/>'
    ),
    "wrong namespace": _soap('<e:GetProfile xmlns:e="http://tempuri.org/"/>'),
    "no namespace": _soap("<GetProfile/>"),
    "unqualified parameter": _soap(
        '<e:GetEnvelopeTrackingInfo xmlns:e="http://ephyto.ippc.int/">'
        "<hubTrackingNumber>EPH1</hubTrackingNumber></e:GetEnvelopeTrackingInfo>"
    ),
    "missing parameter": _soap(
        '<e:AcknowledgeFailedEnvelopeReceipt xmlns:e="http://ephyto.ippc.int/">'
        "<e:hubTrackingNumber>EPH1</e:hubTrackingNumber>"
        "</e:AcknowledgeFailedEnvelopeReceipt>"
    ),
    "not bytes": "<text/>",
}


@pytest.mark.parametrize("name", sorted(BAD_REQUESTS))
def test_bad_request_gives_codec_error(name: str) -> None:
    with pytest.raises(CodecError) as caught:
        decode_request(BAD_REQUESTS[name])  # type: ignore[arg-type]

    assert isinstance(caught.value, InputError)
    assert str(caught.value)


def test_unqualified_parameter_error_says_what_to_do() -> None:
    with pytest.raises(CodecError, match="qualified in the eph namespace"):
        decode_request(BAD_REQUESTS["unqualified parameter"])


def test_response_in_wrong_namespace_is_reported_as_hub_defect() -> None:
    body = _soap(
        '<x:GetProfileResponse xmlns:x="http://ephyto.ippc.int/HUB.Entities"/>'
    )

    with pytest.raises(CodecError, match="hub defect.*HUB.Entities"):
        decode_response("GetProfile", body)


def test_response_of_another_operation_is_refused() -> None:
    body = _soap('<e:GetActiveNpposResponse xmlns:e="http://ephyto.ippc.int/"/>')

    with pytest.raises(CodecError, match="GetProfileResponse"):
        decode_response("GetProfile", body)


def test_missing_single_result_is_refused() -> None:
    body = _soap('<e:GetProfileResponse xmlns:e="http://ephyto.ippc.int/"/>')

    with pytest.raises(CodecError, match="GetProfileResult"):
        decode_response("GetProfile", body)


def test_fault_decodes_to_hub_fault_with_detail_message() -> None:
    body = encode_fault("EnvelopeNotExists: EPH1", fault_code="soap:Client")

    with pytest.raises(HubFault) as caught:
        decode_response("AcknowledgeEnvelopeReceipt", body)

    assert caught.value.message == "EnvelopeNotExists: EPH1"
    assert caught.value.fault_code == "soap:Client"
    assert caught.value.detail_element == "HubWebException"


def test_jaxws_fault_with_foreign_prefix_decodes() -> None:
    body = (
        b'<soap:Envelope xmlns:soap="' + SOAP.encode() + b'"><soap:Body>'
        b'<soap:Fault xmlns:ns4="http://www.w3.org/2003/05/soap-envelope">'
        b"<faultcode>soap:Server</faultcode>"
        b"<faultstring>NPPO from client certificate not found</faultstring>"
        b'<detail><ns2:HubWebException xmlns:ns2="http://ephyto.ippc.int/">'
        b"<ns2:message>NPPO from client certificate not found</ns2:message>"
        b"</ns2:HubWebException></detail></soap:Fault></soap:Body></soap:Envelope>"
    )

    with pytest.raises(HubFault, match="NPPO from client certificate not found"):
        decode_response("GetProfile", body)


def test_fault_without_detail_has_no_detail_element() -> None:
    body = _soap(
        "<S:Fault><faultcode>S:Server</faultcode>"
        "<faultstring>internal error</faultstring></S:Fault>"
    )

    with pytest.raises(HubFault) as caught:
        decode_response("GetProfile", body)

    assert caught.value.message == "internal error"
    assert caught.value.fault_code == "soap:Server"
    assert caught.value.detail_element is None


def test_encoding_unknown_operation_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="DeleteEverything"):
        encode_request("DeleteEverything")


def test_encoding_without_required_parameter_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="hub_tracking_number"):
        encode_request("PULLSingleImportEnvelope")


def test_content_with_control_character_is_refused_on_encode() -> None:
    envelope = Envelope("NL", "KE", 851, 70, "N1", content="bell \x07")

    with pytest.raises(CodecError, match="Content"):
        encode_request("DeliverEnvelope", envelope=envelope)
