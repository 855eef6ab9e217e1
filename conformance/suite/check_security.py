"""Security: only registered NPPOs speak, and only as themselves."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.errors import HubFault
from conformance.hub.client import HubClient
from conformance.hub.entities import TrackingInfo
from conformance.suite.courier import Courier, NppoClient
from conformance.suite.drawing import draw_certificate
from conformance.suite.registry import check


@check(
    "HUB-SEC-001",
    title="A client certificate registered to no NPPO is refused: HubWebException",
    requirement="hub-protocol §4.3, §5; D17",
)
def test_unregistered_client_is_refused(unregistered: HubClient) -> None:
    with pytest.raises(HubFault) as refused:
        unregistered.get_profile()

    assert refused.value.detail_element == "HubWebException", refused.value.message


@check(
    "HUB-SEC-002",
    title="An envelope whose From is not the caller is refused: FailedDelivery",
    requirement="WSDL DeliverEnvelope; hub-protocol §4.3; D4, D5",
)
@given(data=st.data())
def test_sender_cannot_speak_as_another(
    data: st.DataObject, courier: Courier, third_nppo: NppoClient
) -> None:
    envelope = courier.envelope(draw_certificate(data, courier, 851))
    envelope.from_ = third_nppo.code

    header = courier.deliver(envelope)

    assert header.hub_tracking_info == TrackingInfo.FAILED_DELIVERY
    assert not header.hub_delivery_number
