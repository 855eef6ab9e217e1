"""A SOAP 1.2 request is refused with SOAP 1.1's VersionMismatch fault code."""

from __future__ import annotations

import pytest
from lxml import etree

from conformance.hub.codec import (
    CodecError,
    SoapVersionError,
    decode_request,
    encode_fault,
)
from conformance.namespaces import SOAP_ENV

SOAP12_REQUEST = (
    b'<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body>'
    b'<GetHubTrackingInfo xmlns="http://ephyto.ippc.int/"/></e:Body></e:Envelope>'
)


def test_a_soap_12_request_carries_the_version_mismatch_fault_code() -> None:
    with pytest.raises(SoapVersionError) as caught:
        decode_request(SOAP12_REQUEST)

    assert caught.value.fault_code == "soap:VersionMismatch"
    assert "SOAP 1.1" in str(caught.value)
    fault = etree.fromstring(
        encode_fault(str(caught.value), fault_code=caught.value.fault_code)
    )
    assert fault.findtext(f".//{{{SOAP_ENV}}}Fault/faultcode") == "soap:VersionMismatch"


def test_other_refused_requests_stay_client_faults() -> None:
    request = f'<soap:Envelope xmlns:soap="{SOAP_ENV}"><soap:Body/></soap:Envelope>'

    with pytest.raises(CodecError) as caught:
        decode_request(request.encode())

    assert not isinstance(caught.value, SoapVersionError)
    assert caught.value.fault_code == "soap:Client"
