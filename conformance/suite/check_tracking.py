"""Tracking: unknown and foreign numbers look the same: EnvelopeNotExists."""

from __future__ import annotations

import secrets
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

_Command = Callable[[HubClient, str], object]

# Commands on one envelope that must refuse an unknown number (D10).
_COMMANDS: dict[str, _Command] = {
    "pull": lambda client, number: client.pull_single_import_envelope(number),
    "acknowledge": lambda client, number: client.acknowledge_envelope_receipt(number),
    "advanced-acknowledge": lambda client, number: (
        client.advanced_acknowledge_envelope_receipt(number, "conformance check")
    ),
    "failed-acknowledge": lambda client, number: (
        client.acknowledge_failed_envelope_receipt(number, "conformance check")
    ),
}


def _unknown_number() -> str:
    # Same shape as the reference hub's numbers (D13), but never issued by it.
    return "EPH" + "0" * 5 + secrets.token_hex(6).upper()


@check(
    "HUB-TRACK-001",
    title="Tracking an unknown number answers EnvelopeNotExists",
    requirement="WSDL GetEnvelopeTrackingInfo; hub-protocol §4.1 step 2; D10",
)
def test_unknown_number_is_not_tracked(exporter: NppoClient) -> None:
    number = _unknown_number()

    header = exporter.client.get_envelope_tracking_info(number)

    assert header.hub_tracking_info == TrackingInfo.ENVELOPE_NOT_EXISTS


@pytest.mark.parametrize("command", sorted(_COMMANDS))
@check(
    "HUB-TRACK-002",
    title="Pulling or acknowledging an unknown number is refused: EnvelopeNotExists",
    requirement="WSDL PULLSingleImportEnvelope, Acknowledge…, HubWebException; D9, D10",
)
def test_unknown_number_is_refused(importer: NppoClient, command: str) -> None:
    number = _unknown_number()

    with pytest.raises(HubFault) as refused:
        _COMMANDS[command](importer.client, number)

    assert is_fault(refused.value, "EnvelopeNotExists"), refused.value.message


@check(
    "HUB-TRACK-003",
    title="The sender and the addressee track an envelope; a third NPPO cannot",
    requirement="WSDL GetEnvelopeTrackingInfo; D18",
)
@given(data=st.data())
def test_only_parties_track_envelope(
    data: st.DataObject,
    courier: Courier,
    importer: NppoClient,
    third_nppo: NppoClient,
) -> None:
    header = courier.deliver(courier.envelope(draw_certificate(data, courier, 657)))
    number = header.hub_delivery_number
    assert number, "the hub refused a valid envelope"

    by_sender = courier.exporter.client.get_envelope_tracking_info(number)
    by_addressee = importer.client.get_envelope_tracking_info(number)
    by_third = third_nppo.client.get_envelope_tracking_info(number)

    assert by_sender.hub_tracking_info == TrackingInfo.PENDING_DELIVERY
    assert by_addressee.hub_tracking_info == TrackingInfo.PENDING_DELIVERY
    assert by_third.hub_tracking_info == TrackingInfo.ENVELOPE_NOT_EXISTS


@check(
    "HUB-TRACK-004",
    title="A third NPPO cannot acknowledge someone else's envelope",
    requirement="WSDL AcknowledgeEnvelopeReceipt, HubWebException; D9",
)
@given(data=st.data())
def test_third_nppo_cannot_acknowledge(
    data: st.DataObject, courier: Courier, third_nppo: NppoClient
) -> None:
    header = courier.deliver(courier.envelope(draw_certificate(data, courier, 851)))
    number = header.hub_delivery_number
    assert number, "the hub refused a valid envelope"

    with pytest.raises(HubFault) as refused:
        third_nppo.client.acknowledge_envelope_receipt(number)

    assert is_fault(refused.value, "EnvelopeNotExists"), refused.value.message
    state = courier.exporter.client.get_envelope_tracking_info(number)
    assert state.hub_tracking_info == TrackingInfo.PENDING_DELIVERY
