"""Delivery: a valid envelope is accepted, queued and carried unchanged."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.hub.entities import TrackingInfo
from conformance.suite.courier import Courier, NppoClient
from conformance.suite.drawing import TYPE_CODES, draw_certificate
from conformance.suite.registry import check


@pytest.mark.parametrize("type_code", TYPE_CODES)
@check(
    "HUB-DELIVER-001",
    title="A valid certificate is accepted with a hubDeliveryNumber, PendingDelivery",
    requirement="WSDL DeliverEnvelope; hub-protocol §2.1, §4.1 step 1",
)
@given(data=st.data())
def test_valid_envelope_is_accepted(
    data: st.DataObject, courier: Courier, type_code: int
) -> None:
    envelope = courier.envelope(draw_certificate(data, courier, type_code))

    header = courier.deliver(envelope)

    assert header.hub_delivery_number, "no hubDeliveryNumber in the response"
    assert header.hub_tracking_info == TrackingInfo.PENDING_DELIVERY
    assert header.nppo_certificate_number == envelope.nppo_certificate_number
    tracked = courier.exporter.client.get_envelope_tracking_info(
        header.hub_delivery_number
    )
    assert tracked.hub_tracking_info == TrackingInfo.PENDING_DELIVERY


@pytest.mark.parametrize("type_code", TYPE_CODES)
@check(
    "HUB-DELIVER-002",
    title="The addressee pulls the same certificate, character for character",
    requirement="WSDL PULLSingleImportEnvelope; hub-protocol §3.12; D11",
)
@given(data=st.data())
def test_pulled_content_is_what_was_sent(
    data: st.DataObject, courier: Courier, importer: NppoClient, type_code: int
) -> None:
    envelope = courier.envelope(draw_certificate(data, courier, type_code))
    number = courier.deliver(envelope).hub_delivery_number
    assert number

    pulled = importer.client.pull_single_import_envelope(number)

    assert pulled.content == envelope.content
    assert pulled.from_ == envelope.from_
    assert pulled.to == envelope.to
    assert pulled.certificate_type == envelope.certificate_type
    assert pulled.certificate_status == envelope.certificate_status
    assert pulled.nppo_certificate_number == envelope.nppo_certificate_number


@check(
    "HUB-DELIVER-003",
    title="The sender sees a pending envelope in GetUnderDeliveryEnvelope",
    requirement="WSDL GetUnderDeliveryEnvelope; hub-protocol §2.2, §4.1 step 2",
)
@given(data=st.data())
def test_sender_lists_pending_envelope(
    data: st.DataObject, courier: Courier, exporter: NppoClient
) -> None:
    envelope = courier.envelope(draw_certificate(data, courier, 851))
    number = courier.deliver(envelope).hub_delivery_number

    pending = exporter.client.get_under_delivery_envelope()

    assert number in {header.hub_delivery_number for header in pending}


@check(
    "HUB-DELIVER-004",
    title="A re-used certificate number gets a new hubDeliveryNumber",
    requirement="WSDL DeliverEnvelope; D12",
)
@given(data=st.data())
def test_duplicate_number_is_delivered_again(
    data: st.DataObject, courier: Courier
) -> None:
    envelope = courier.envelope(draw_certificate(data, courier, 851))

    first = courier.deliver(envelope).hub_delivery_number
    second = courier.deliver(envelope).hub_delivery_number

    assert first and second
    assert first != second
