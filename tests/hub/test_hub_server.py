"""The reference hub over mutual TLS, driven by the real HubClient."""

from __future__ import annotations

import asyncio.sslproto
import logging
import ssl
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from lxml import etree

from conformance.errors import HubFault, HubTransportError
from conformance.findings import Finding
from conformance.hub.client import HubClient
from conformance.hub.codec import decode_response, encode_request
from conformance.hub.embedded import EmbeddedHub
from conformance.hub.entities import Envelope
from conformance.hub.pki import TestPki


def _accept_everything(data: str) -> Sequence[Finding]:
    return []


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    with EmbeddedHub(tmp_path / "hub", validator=_accept_everything) as running:
        yield running


def _client(hub: EmbeddedHub, code: str) -> HubClient:
    return HubClient(hub.url, cert=hub.pki.client(code), ca=hub.pki.ca_cert)


def _raw(hub: EmbeddedHub, cert: tuple[Path, Path] | None) -> httpx.Client:
    context = ssl.create_default_context(cafile=str(hub.pki.ca_cert))
    if cert is not None:
        context.load_cert_chain(*cert)
    return httpx.Client(verify=context, timeout=10)


def _envelope(number: str = "NL-2024-0001", to: str = "KE") -> Envelope:
    return Envelope(
        from_="NL",
        to=to,
        certificate_type=851,
        certificate_status=70,
        nppo_certificate_number=number,
        content='<?xml version="1.0"?>\n<rsm:SPSCertificate xmlns:rsm="urn:x">'
        "&amp; é</rsm:SPSCertificate>",
    )


def test_connection_without_client_certificate_is_refused(hub: EmbeddedHub) -> None:
    body = encode_request("GetProfile")

    with _raw(hub, None) as raw, pytest.raises(httpx.TransportError):
        raw.post(hub.url, content=body, headers={"Content-Type": "text/xml"})


def test_certificate_from_another_ca_fails_the_handshake(
    hub: EmbeddedHub, tmp_path: Path
) -> None:
    foreign = TestPki.create(tmp_path / "foreign", ["NL"])

    with (
        HubClient(hub.url, cert=foreign.client("NL"), ca=hub.pki.ca_cert) as client,
        pytest.raises(HubTransportError),
    ):
        client.get_profile()


def test_unregistered_certificate_of_the_hub_ca_gets_d17_fault(
    hub: EmbeddedHub,
) -> None:
    cert = hub.pki.issue_unregistered("stranger")

    with (
        HubClient(hub.url, cert=cert, ca=hub.pki.ca_cert) as client,
        pytest.raises(HubFault) as fault,
    ):
        client.get_profile()

    assert fault.value.message == "NPPO from client certificate not found"
    assert fault.value.detail_element == "HubWebException"
    assert fault.value.http_status == 500


def test_get_profile_identifies_the_caller_by_certificate(hub: EmbeddedHub) -> None:
    with _client(hub, "KE") as client:
        profile = client.get_profile()

    assert profile.country == "KE"
    assert len(profile.allowed_documents) == 6


def test_deliver_list_pull_ack_reaches_delivered(hub: EmbeddedHub) -> None:
    sent = _envelope()
    with _client(hub, "NL") as nl, _client(hub, "KE") as ke:
        header = nl.deliver_envelope(sent)
        number = header.hub_delivery_number or ""
        listed = ke.get_import_envelope_headers()
        pulled = ke.pull_single_import_envelope(number)
        ke.acknowledge_envelope_receipt(number)
        tracking = nl.get_envelope_tracking_info(number)
        remaining = ke.get_import_envelope_headers()

    assert header.hub_tracking_info == "PendingDelivery"
    assert [h.hub_delivery_number for h in listed] == [number]
    assert pulled.content == sent.content
    assert tracking.hub_tracking_info == "Delivered"
    assert remaining == []


def test_a_third_nppo_never_sees_the_envelope(hub: EmbeddedHub) -> None:
    with _client(hub, "NL") as nl, _client(hub, "CL") as cl:
        number = nl.deliver_envelope(_envelope()).hub_delivery_number or ""
        headers = cl.get_import_envelope_headers()
        batch = cl.pull_import_envelope()
        tracking = cl.get_envelope_tracking_info(number)
        with pytest.raises(HubFault) as pull_fault:
            cl.pull_single_import_envelope(number)
        with pytest.raises(HubFault) as ack_fault:
            cl.acknowledge_envelope_receipt(number)

    assert headers == [] and batch == []
    assert tracking.hub_tracking_info == "EnvelopeNotExists"
    assert pull_fault.value.message.startswith("EnvelopeNotExists")
    assert ack_fault.value.message.startswith("EnvelopeNotExists")


def test_unacknowledged_envelopes_are_offered_again(hub: EmbeddedHub) -> None:
    with _client(hub, "NL") as nl, _client(hub, "KE") as ke:
        number = nl.deliver_envelope(_envelope()).hub_delivery_number
        first = ke.pull_import_envelope()
        second = ke.pull_import_envelope()

    assert [e.hub_delivery_number for e in first] == [number]
    assert [e.hub_delivery_number for e in second] == [number]


def test_second_acknowledgement_is_a_fault(hub: EmbeddedHub) -> None:
    with _client(hub, "NL") as nl, _client(hub, "KE") as ke:
        number = nl.deliver_envelope(_envelope()).hub_delivery_number or ""
        state = ke.advanced_acknowledge_envelope_receipt(number, "duplicate")
        with pytest.raises(HubFault) as fault:
            ke.acknowledge_envelope_receipt(number)

    assert state == "DeliveredWithWarnings"
    assert fault.value.message.startswith("EnvelopeAlreadyAcknowledged")


def test_state_survives_a_restart_on_the_same_directory(tmp_path: Path) -> None:
    state_dir = tmp_path / "hub"
    with EmbeddedHub(state_dir, validator=_accept_everything) as first:
        with _client(first, "NL") as nl:
            delivered = nl.deliver_envelope(_envelope("A")).hub_delivery_number or ""
            waiting = nl.deliver_envelope(_envelope("B")).hub_delivery_number
        with _client(first, "KE") as ke:
            ke.acknowledge_envelope_receipt(delivered)

    with EmbeddedHub(state_dir, validator=_accept_everything) as second:
        with _client(second, "NL") as nl:
            tracking = nl.get_envelope_tracking_info(delivered)
        with _client(second, "KE") as ke:
            headers = ke.get_import_envelope_headers()

    assert tracking.hub_tracking_info == "Delivered"
    assert [h.hub_delivery_number for h in headers] == [waiting]


def test_wsdl_is_the_contract_with_this_hubs_address(hub: EmbeddedHub) -> None:
    with _raw(hub, hub.pki.client("NL")) as raw:
        response = raw.get(hub.url + "?wsdl")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/xml")
    root = etree.fromstring(response.content)
    addresses = root.xpath(
        "//soap:address/@location",
        namespaces={"soap": "http://schemas.xmlsoap.org/wsdl/soap/"},
    )
    assert addresses == [hub.url]


@pytest.mark.parametrize(
    "body",
    [
        b"garbage",
        b"<not-soap/>",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>',
        encode_request("GetProfile").replace(b"GetProfile", b"GetNothing"),
    ],
)
def test_garbage_body_gets_a_clean_client_fault(hub: EmbeddedHub, body: bytes) -> None:
    with _raw(hub, hub.pki.client("NL")) as raw:
        response = raw.post(hub.url, content=body, headers={"Content-Type": "text/xml"})

    assert response.status_code == 500
    assert b"Traceback" not in response.content
    with pytest.raises(HubFault) as fault:
        decode_response("GetProfile", response.content)
    assert fault.value.fault_code.endswith("Client")
    assert fault.value.message.startswith("request refused:")


def test_a_soap_12_request_gets_the_version_mismatch_fault(hub: EmbeddedHub) -> None:
    body = encode_request("GetProfile").replace(
        b"http://schemas.xmlsoap.org/soap/envelope/",
        b"http://www.w3.org/2003/05/soap-envelope",
    )

    with _raw(hub, hub.pki.client("NL")) as raw:
        response = raw.post(hub.url, content=body, headers={"Content-Type": "text/xml"})

    assert response.status_code == 500
    with pytest.raises(HubFault) as fault:
        decode_response("GetProfile", response.content)
    assert fault.value.fault_code.endswith("VersionMismatch")


def test_d20_soapaction_is_ignored(hub: EmbeddedHub) -> None:
    headers = {
        "Content-Type": "text/xml; charset=utf-8",
        "SOAPAction": '"http://ephyto.ippc.int/IDeliveryService/PULLImportEnvelope"',
    }
    with _raw(hub, hub.pki.client("CL")) as raw:
        response = raw.post(
            hub.url, content=encode_request("GetProfile"), headers=headers
        )

    profile = decode_response("GetProfile", response.content)
    assert getattr(profile, "country", None) == "CL"


def test_unexpected_error_is_an_internal_fault_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(data: str) -> Sequence[Finding]:
        raise RuntimeError("validator exploded")

    caplog.set_level(logging.ERROR, logger="conformance.hub.server")
    with (
        EmbeddedHub(tmp_path / "hub", validator=broken) as running,
        _client(running, "NL") as nl,
        pytest.raises(HubFault) as fault,
    ):
        nl.validate_phyto_xml("<x/>")

    assert fault.value.message == "internal hub error"
    assert "validator exploded" not in fault.value.message
    failures = [r for r in caplog.records if r.exc_info is not None]
    assert failures and "ValidatePhytoXML" in failures[0].getMessage()


def test_one_info_line_per_exchange(
    hub: EmbeddedHub, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="conformance.hub.server")

    with _client(hub, "KE") as ke:
        ke.get_profile()

    lines = [
        r.getMessage() for r in caplog.records if r.name == "conformance.hub.server"
    ]
    assert len(lines) == 1
    assert lines[0].startswith("GetProfile caller=KE status=200 ")


def test_get_without_wsdl_query_explains_itself(hub: EmbeddedHub) -> None:
    with _raw(hub, hub.pki.client("NL")) as raw:
        response = raw.get(hub.url)

    assert response.status_code == 400
    assert "?wsdl" in response.text


def _big_envelopes(count: int) -> list[Envelope]:
    # About 20 KiB each, so one batch pull answers far more than one write slice.
    text = "<rsm:SPSCertificate xmlns:rsm='urn:x'>" + "Malus domestica; " * 1200
    return [
        Envelope(
            from_="NL",
            to="KE",
            certificate_type=851,
            certificate_status=70,
            nppo_certificate_number=f"NL-2024-{n:04d}",
            content=f"{text}{n}</rsm:SPSCertificate>",
        )
        for n in range(count)
    ]


def test_a_large_answer_leaves_in_bounded_writes_and_arrives_whole(
    hub: EmbeddedHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    # asyncio's TLS layer keeps, per connection, a buffer as large as the largest
    # single write; a multi-megabyte pull written whole would pin that much.
    writes: list[int] = []
    original = asyncio.sslproto.SSLProtocol._write_appdata

    def recording(self: asyncio.sslproto.SSLProtocol, list_of_data: Any) -> None:
        writes.extend(len(data) for data in list_of_data)
        original(self, list_of_data)

    monkeypatch.setattr(asyncio.sslproto.SSLProtocol, "_write_appdata", recording)
    sent = _big_envelopes(30)
    with _client(hub, "NL") as exporter, _client(hub, "KE") as importer:
        for envelope in sent:
            exporter.deliver_envelope(envelope)
        writes.clear()
        pulled = importer.pull_import_envelope()

    assert sorted(e.content or "" for e in pulled) == sorted(
        e.content or "" for e in sent
    )
    assert sum(writes) > 500_000
    assert max(writes) <= 64 * 1024 + 4096


def test_wire_faults_still_rewrite_a_large_answer(tmp_path: Path) -> None:
    # Slicing happens after every injected fault has seen the whole body.
    headers = {"Content-Type": "text/xml"}
    with EmbeddedHub(
        tmp_path / "hub", validator=_accept_everything, fault="wrong-namespace"
    ) as hub:
        with _raw(hub, hub.pki.client("NL")) as raw:
            for envelope in _big_envelopes(10):
                body = encode_request("DeliverEnvelope", envelope=envelope)
                assert raw.post(hub.url, content=body, headers=headers).is_success
        with _raw(hub, hub.pki.client("KE")) as raw:
            body = encode_request("PULLImportEnvelope")
            response = raw.post(hub.url, content=body, headers=headers)

    assert len(response.content) > 10 * 20_000
    assert b"http://tempuri.org/" in response.content
    assert int(response.headers["Content-Length"]) == len(response.content)
