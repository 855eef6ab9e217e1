"""The hub's content validation with the project's real validator (D3)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.certificate import to_xml
from conformance.certificate.examples import minimal_851
from conformance.hub.entities import Envelope
from conformance.hub.service import HubService
from conformance.hub.store import HubStore


@pytest.fixture
def service(tmp_path: Path) -> Iterator[HubService]:
    with HubStore.open(tmp_path) as store:
        store.register_nppo("NL", "aa" * 32)
        store.register_nppo("KE", "bb" * 32)
        yield HubService(store)


def _envelope(content: str) -> Envelope:
    return Envelope(
        from_="NL",
        to="KE",
        certificate_type=851,
        certificate_status=70,
        nppo_certificate_number="NL-2024-000001",
        content=content,
    )


def test_valid_certificate_is_delivered(service: HubService) -> None:
    xml = to_xml(minimal_851()).decode("utf-8")

    header = service.validate_and_deliver_envelope("NL", _envelope(xml))

    assert header.hub_tracking_info == "PendingDelivery"
    pulled = service.pull_single_import_envelope("KE", header.hub_delivery_number or "")
    assert pulled.content == xml


def test_unreadable_content_fails_with_the_rule_id(service: HubService) -> None:
    header = service.validate_and_deliver_envelope("NL", _envelope("<not-closed>"))

    assert header.hub_tracking_info == "FailedDelivery"
    assert header.hub_delivery_number is None
    assert (header.hub_delivery_error_message or "").startswith("[EPH-WF-001]")
    assert service.get_import_envelope_headers("KE") == []


def test_validate_phyto_xml_rows_carry_the_rule_id(service: HubService) -> None:
    rows = service.validate_phyto_xml("NL", "<x/>")

    assert rows and rows[0].level == "SEVERE"
    assert rows[0].area == "Schema"
    assert rows[0].msg.startswith("[EPH-")


def test_valid_certificate_has_no_rows(service: HubService) -> None:
    xml = to_xml(minimal_851()).decode("utf-8")

    assert service.validate_phyto_xml("NL", xml) == []
