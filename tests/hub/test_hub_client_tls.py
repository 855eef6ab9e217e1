"""HubClient against the reference hub over real mutual TLS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.errors import HubFault, HubTransportError
from conformance.hub.client import HubClient
from conformance.hub.embedded import EmbeddedHub
from conformance.hub.entities import Envelope
from conformance.hub.pki import TestPki

CONTENT = "<certificate>a &amp; b ]]&gt; شهادة</certificate>\r\n"


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedHub]:
    with EmbeddedHub(tmp_path_factory.mktemp("hub"), nppos=("NL", "KE")) as running:
        yield running


def _client(hub: EmbeddedHub, nppo: str) -> HubClient:
    return HubClient(hub.url, cert=hub.pki.client(nppo), ca=hub.pki.ca_cert)


def test_deliver_pull_acknowledge_track(hub: EmbeddedHub) -> None:
    envelope = Envelope("NL", "KE", 851, 70, "NL-TLS-1", content=CONTENT)

    with _client(hub, "NL") as exporter, _client(hub, "KE") as importer:
        sent = exporter.deliver_envelope(envelope)
        assert sent.hub_delivery_number
        pulled = importer.pull_single_import_envelope(sent.hub_delivery_number)
        importer.acknowledge_envelope_receipt(sent.hub_delivery_number)
        tracking = exporter.get_envelope_tracking_info(sent.hub_delivery_number)

    assert pulled.content == CONTENT
    assert tracking.hub_tracking_info == "Delivered"


def test_profile_names_the_caller(hub: EmbeddedHub) -> None:
    with _client(hub, "KE") as client:
        profile = client.get_profile()

    assert profile.country == "KE"


def test_unregistered_certificate_gets_the_hub_fault(hub: EmbeddedHub) -> None:
    cert = hub.pki.issue_unregistered("stranger")

    with (
        HubClient(hub.url, cert=cert, ca=hub.pki.ca_cert) as client,
        pytest.raises(HubFault, match="NPPO from client certificate not found"),
    ):
        client.get_profile()


def test_certificate_from_another_ca_fails_the_handshake(
    hub: EmbeddedHub, tmp_path: Path
) -> None:
    other = TestPki.create(tmp_path / "other", ["NL"])

    with (
        HubClient(hub.url, cert=other.client("NL"), ca=hub.pki.ca_cert) as client,
        pytest.raises(HubTransportError, match="client certificate"),
    ):
        client.get_profile()


def test_hub_not_trusted_by_the_given_ca_is_reported(
    hub: EmbeddedHub, tmp_path: Path
) -> None:
    other = TestPki.create(tmp_path / "other", ["NL"])

    with (
        HubClient(hub.url, cert=hub.pki.client("NL"), ca=other.ca_cert) as client,
        pytest.raises(HubTransportError, match="hub's TLS certificate"),
    ):
        client.get_profile()
