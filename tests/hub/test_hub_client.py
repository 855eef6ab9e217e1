"""HubClient without a hub: requests, results and errors over httpx.MockTransport."""

from __future__ import annotations

import logging
import ssl
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from conformance.errors import ConfigError, HubFault, HubTransportError
from conformance.hub.client import HubClient, _ssl_context
from conformance.hub.codec import decode_request, encode_fault, encode_response
from conformance.hub.entities import Envelope, EnvelopeHeader
from conformance.hub.pki import TestPki

URL = "https://hub.test:8443/hub/DeliveryService"
ACTIONS = "http://ephyto.ippc.int/IDeliveryService/"
ENVELOPE = Envelope("NL", "KE", 851, 70, "NL-1", content="<x>&amp;</x>")
ACCEPTED = EnvelopeHeader("NL", "KE", 851, 70, "NL-1", "EPH1", "PendingDelivery")

Handler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    return TestPki.create(tmp_path_factory.mktemp("pki"), ["NL"])


@pytest.fixture
def make_client(pki: TestPki) -> Callable[[Handler], HubClient]:
    def make(handler: Handler) -> HubClient:
        return HubClient(
            URL,
            cert=pki.client("NL"),
            ca=pki.ca_cert,
            transport=httpx.MockTransport(handler),
        )

    return make


def _answer(body: bytes, status: int = 200) -> Handler:
    return lambda request: httpx.Response(
        status, content=body, headers={"Content-Type": "text/xml; charset=utf-8"}
    )


def test_request_carries_soap_headers_and_the_encoded_body(
    make_client: Callable[[Handler], HubClient],
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return _answer(encode_response("DeliverEnvelope", ACCEPTED))(request)

    with make_client(handler) as client:
        header = client.deliver_envelope(ENVELOPE)

    assert header == ACCEPTED
    (request,) = seen
    assert request.method == "POST"
    assert str(request.url) == URL
    assert request.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert request.headers["SOAPAction"] == f'"{ACTIONS}DeliverEnvelope"'
    assert decode_request(request.content) == (
        "DeliverEnvelope",
        {"envelope": ENVELOPE},
    )


def test_advanced_acknowledgement_sends_the_declared_anomalous_action(
    make_client: Callable[[Handler], HubClient],
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = encode_response(
            "AdvancedAcknowledgeEnvelopeReceipt", "DeliveredWithWarnings"
        )
        return _answer(body)(request)

    with make_client(handler) as client:
        state = client.advanced_acknowledge_envelope_receipt("EPH1", "late")

    assert state == "DeliveredWithWarnings"
    assert seen[0].headers["SOAPAction"] == (
        f'"{ACTIONS}NegativeAcknowledgeEnvelopeReceipt"'
    )


def test_list_results_decode(make_client: Callable[[Handler], HubClient]) -> None:
    body = encode_response("GetImportEnvelopeHeaders", [ACCEPTED, ACCEPTED])

    with make_client(_answer(body)) as client:
        headers = client.get_import_envelope_headers()

    assert headers == [ACCEPTED, ACCEPTED]


def test_fault_on_http_500_raises_hub_fault(
    make_client: Callable[[Handler], HubClient],
) -> None:
    body = encode_fault("NPPO from client certificate not found")

    with (
        make_client(_answer(body, 500)) as client,
        pytest.raises(HubFault) as caught,
    ):
        client.get_profile()

    assert caught.value.message == "NPPO from client certificate not found"
    assert caught.value.http_status == 500
    assert caught.value.detail_element == "HubWebException"


def test_http_500_without_fault_is_a_transport_error(
    make_client: Callable[[Handler], HubClient],
) -> None:
    with (
        make_client(_answer(b"<html>Internal Server Error</html>", 500)) as client,
        pytest.raises(HubTransportError, match="HTTP 500") as caught,
    ):
        client.get_profile()

    assert caught.value.http_status == 500


@pytest.mark.parametrize(
    ("status", "hint"),
    [(403, "refused the client certificate"), (502, "retry later"), (404, "path")],
)
def test_other_http_status_names_endpoint_and_cause(
    make_client: Callable[[Handler], HubClient], status: int, hint: str
) -> None:
    with (
        make_client(_answer(b"Forbidden", status)) as client,
        pytest.raises(HubTransportError, match=hint) as caught,
    ):
        client.get_active_nppos()

    assert caught.value.http_status == status
    assert URL in str(caught.value)


def test_non_xml_answer_is_a_transport_error(
    make_client: Callable[[Handler], HubClient],
) -> None:
    with (
        make_client(_answer(b"OK")) as client,
        pytest.raises(HubTransportError, match="not well-formed XML"),
    ):
        client.get_under_delivery_envelope()


def test_answer_in_wrong_namespace_is_a_transport_error_naming_the_defect(
    make_client: Callable[[Handler], HubClient],
) -> None:
    body = encode_response("GetProfile", None).replace(
        b'xmlns:eph="http://ephyto.ippc.int/"', b'xmlns:eph="http://tempuri.org/"'
    )

    with (
        make_client(_answer(body)) as client,
        pytest.raises(HubTransportError, match="hub defect"),
    ):
        client.get_profile()


def _raising(error: Exception) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    return handler


def _tls_failure() -> httpx.ConnectError:
    try:
        raise ssl.SSLError(1, "[SSL: TLSV1_ALERT_UNKNOWN_CA] tlsv1 alert unknown ca")
    except ssl.SSLError as cause:
        try:
            raise httpx.ConnectError(str(cause)) from cause
        except httpx.ConnectError as err:
            return err


@pytest.mark.parametrize(
    ("error", "cause"),
    [
        (_tls_failure(), "is the client certificate issued by the hub's CA"),
        (httpx.ConnectError("Connection refused"), "is the hub running"),
        (httpx.ReadTimeout("timed out"), "no answer within 30 s"),
        (httpx.RemoteProtocolError("Server disconnected"), "connection broke"),
    ],
)
def test_transport_failures_name_endpoint_and_likely_cause(
    make_client: Callable[[Handler], HubClient], error: Exception, cause: str
) -> None:
    with (
        make_client(_raising(error)) as client,
        pytest.raises(HubTransportError, match=cause) as caught,
    ):
        client.get_envelope_tracking_info("EPH1")

    assert URL in str(caught.value)
    assert caught.value.__cause__ is error


def test_one_info_line_per_exchange_and_bodies_only_at_debug(
    make_client: Callable[[Handler], HubClient], caplog: pytest.LogCaptureFixture
) -> None:
    body = encode_response("PULLSingleImportEnvelope", ENVELOPE)

    with (
        caplog.at_level(logging.INFO, logger="conformance.hub.client"),
        make_client(_answer(body)) as client,
    ):
        client.pull_single_import_envelope("EPH1")

    (record,) = caplog.records
    assert record.levelno == logging.INFO
    assert "PULLSingleImportEnvelope" in record.getMessage()
    assert URL in record.getMessage()
    assert "HTTP 200" in record.getMessage()
    assert "Content" not in caplog.text


def test_bodies_are_logged_at_debug(
    make_client: Callable[[Handler], HubClient], caplog: pytest.LogCaptureFixture
) -> None:
    body = encode_response("PULLSingleImportEnvelope", ENVELOPE)

    with (
        caplog.at_level(logging.DEBUG, logger="conformance.hub.client"),
        make_client(_answer(body)) as client,
    ):
        client.pull_single_import_envelope("EPH1")

    debug = [r for r in caplog.records if r.levelno == logging.DEBUG]
    assert len(debug) == 2
    assert "hub:Content" in debug[1].getMessage()


def test_ssl_context_trusts_only_the_hub_ca_and_checks_hostnames(
    pki: TestPki,
) -> None:
    context = _ssl_context(pki.client("NL"), pki.ca_cert)

    assert context.check_hostname is True
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.minimum_version >= ssl.TLSVersion.TLSv1_2
    assert len(context.get_ca_certs()) == 1


def test_missing_ca_file_is_a_config_error(pki: TestPki, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="hub CA certificate"):
        HubClient(URL, cert=pki.client("NL"), ca=tmp_path / "absent.pem")


def test_mismatched_key_is_a_config_error(pki: TestPki) -> None:
    certificate, _ = pki.client("NL")

    with pytest.raises(ConfigError, match="NPPO client certificate"):
        HubClient(URL, cert=(certificate, pki.ca_cert), ca=pki.ca_cert)
