"""Acknowledgement: each kind sets its final state and ends the delivery."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.errors import HubFault
from conformance.hub.client import HubClient
from conformance.hub.entities import TrackingInfo
from conformance.suite.courier import Courier, NppoClient, is_fault
from conformance.suite.drawing import draw_certificate
from conformance.suite.registry import check

_Acknowledge = Callable[[HubClient, str], object]

# Kind -> (the call, the state it must set: D1 for the negative one).
_KINDS: dict[str, tuple[_Acknowledge, TrackingInfo]] = {
    "receipt": (
        lambda client, number: client.acknowledge_envelope_receipt(number),
        TrackingInfo.DELIVERED,
    ),
    "advanced": (
        lambda client, number: client.advanced_acknowledge_envelope_receipt(
            number, "conformance check: accepted with a warning"
        ),
        TrackingInfo.DELIVERED_WITH_WARNINGS,
    ),
    "failed": (
        lambda client, number: client.acknowledge_failed_envelope_receipt(
            number, "conformance check: content not readable"
        ),
        TrackingInfo.DELIVERED_NOT_READABLE,
    ),
}


def _deliver(data: st.DataObject, courier: Courier) -> str:
    header = courier.deliver(courier.envelope(draw_certificate(data, courier, 851)))
    assert header.hub_delivery_number, "the hub refused a valid envelope"
    return header.hub_delivery_number


@pytest.mark.parametrize("kind", sorted(_KINDS))
@check(
    "HUB-ACK-001",
    title="Each acknowledgement sets its state; the envelope leaves the queues",
    requirement="WSDL AcknowledgeEnvelopeReceipt, AdvancedAcknowledge…, "
    "AcknowledgeFailed…; hub-protocol §4.1 steps 4-5; D1",
)
@given(data=st.data())
def test_acknowledgement_sets_final_state(
    data: st.DataObject,
    courier: Courier,
    exporter: NppoClient,
    importer: NppoClient,
    kind: str,
) -> None:
    acknowledge, expected = _KINDS[kind]
    number = _deliver(data, courier)

    acknowledge(importer.client, number)

    tracked = exporter.client.get_envelope_tracking_info(number)
    assert tracked.hub_tracking_info == expected, (
        f"after the {kind} acknowledgement the envelope is "
        f"{tracked.hub_tracking_info}, not {expected}"
    )
    waiting = importer.client.get_import_envelope_headers()
    assert number not in {header.hub_delivery_number for header in waiting}
    under_delivery = exporter.client.get_under_delivery_envelope()
    assert number not in {header.hub_delivery_number for header in under_delivery}


@check(
    "HUB-ACK-002",
    title="Advanced and failed acknowledgements return the new state",
    requirement="WSDL AdvancedAcknowledge…, AcknowledgeFailed… return; D2",
)
@given(data=st.data())
def test_acknowledgement_returns_state(
    data: st.DataObject, courier: Courier, importer: NppoClient
) -> None:
    warned, refused = _deliver(data, courier), _deliver(data, courier)

    warned_state = _KINDS["advanced"][0](importer.client, warned)
    refused_state = _KINDS["failed"][0](importer.client, refused)

    assert warned_state == TrackingInfo.DELIVERED_WITH_WARNINGS
    assert refused_state == TrackingInfo.DELIVERED_NOT_READABLE


@check(
    "HUB-ACK-003",
    title="A pulled but unacknowledged envelope is offered again",
    requirement="hub-protocol §4.1 step 3; D8",
)
@given(data=st.data())
def test_unacknowledged_envelope_is_offered_again(
    data: st.DataObject, courier: Courier, importer: NppoClient
) -> None:
    number = _deliver(data, courier)
    importer.client.pull_single_import_envelope(number)

    headers = importer.client.get_import_envelope_headers()
    pulled_again = importer.client.pull_single_import_envelope(number)
    state = courier.exporter.client.get_envelope_tracking_info(number)

    assert number in {header.hub_delivery_number for header in headers}
    assert pulled_again.hub_delivery_number == number
    assert state.hub_tracking_info == TrackingInfo.PENDING_DELIVERY


@check(
    "HUB-ACK-004",
    title="A second acknowledgement is refused and leaves the state unchanged",
    requirement="WSDL AcknowledgeEnvelopeReceipt, HubWebException; D9",
)
@given(data=st.data())
def test_second_acknowledgement_is_refused(
    data: st.DataObject, courier: Courier, importer: NppoClient
) -> None:
    number = _deliver(data, courier)
    importer.client.acknowledge_envelope_receipt(number)

    with pytest.raises(HubFault) as refused:
        _KINDS["failed"][0](importer.client, number)

    assert is_fault(refused.value, "EnvelopeAlreadyAcknowledged"), refused.value.message
    state = courier.exporter.client.get_envelope_tracking_info(number)
    assert state.hub_tracking_info == TrackingInfo.DELIVERED
