"""Routing: an envelope is offered to its addressee and to nobody else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.errors import HubFault
from conformance.suite.courier import Courier, NppoClient, is_fault
from conformance.suite.drawing import draw_certificate
from conformance.suite.registry import check


def _deliver(data: st.DataObject, courier: Courier) -> str:
    header = courier.deliver(courier.envelope(draw_certificate(data, courier, 851)))
    assert header.hub_delivery_number, "the hub refused a valid envelope"
    return header.hub_delivery_number


@check(
    "HUB-ROUTE-001",
    title="The addressee lists the envelope in GetImportEnvelopeHeaders",
    requirement="WSDL GetImportEnvelopeHeaders; hub-protocol §2.3",
)
@given(data=st.data())
def test_addressee_lists_envelope(
    data: st.DataObject, courier: Courier, importer: NppoClient
) -> None:
    number = _deliver(data, courier)

    headers = importer.client.get_import_envelope_headers()

    assert number in {header.hub_delivery_number for header in headers}


@check(
    "HUB-ROUTE-002",
    title="The addressee's batch pull includes the envelope",
    requirement="WSDL PULLImportEnvelope; hub-protocol §2.3",
)
@given(data=st.data())
def test_addressee_batch_pull_includes_envelope(
    data: st.DataObject, courier: Courier, importer: NppoClient
) -> None:
    number = _deliver(data, courier)

    pulled = importer.client.pull_import_envelope()

    assert number in {envelope.hub_delivery_number for envelope in pulled}


@check(
    "HUB-ROUTE-003",
    title="A third NPPO never sees the envelope in its headers or batch pull",
    requirement="WSDL GetImportEnvelopeHeaders, PULLImportEnvelope; D10",
)
@given(data=st.data())
def test_third_nppo_does_not_list_envelope(
    data: st.DataObject, courier: Courier, third_nppo: NppoClient
) -> None:
    number = _deliver(data, courier)

    headers = third_nppo.client.get_import_envelope_headers()
    pulled = third_nppo.client.pull_import_envelope()

    assert number not in {header.hub_delivery_number for header in headers}
    assert number not in {envelope.hub_delivery_number for envelope in pulled}


@check(
    "HUB-ROUTE-004",
    title="A third NPPO's single pull of the envelope is refused: EnvelopeNotExists",
    requirement="WSDL PULLSingleImportEnvelope, HubWebException; D10",
)
@given(data=st.data())
def test_third_nppo_single_pull_is_refused(
    data: st.DataObject, courier: Courier, third_nppo: NppoClient
) -> None:
    number = _deliver(data, courier)

    with pytest.raises(HubFault) as refused:
        third_nppo.client.pull_single_import_envelope(number)

    assert is_fault(refused.value, "EnvelopeNotExists"), refused.value.message


@check(
    "HUB-ROUTE-005",
    title="GetImportEnvelopeHeaders(countryCode) filters on the sender",
    requirement="WSDL GetImportEnvelopeHeaders countryCode; D7",
)
@given(data=st.data())
def test_import_headers_filter_on_sender(
    data: st.DataObject,
    courier: Courier,
    importer: NppoClient,
    third_nppo: NppoClient,
) -> None:
    number = _deliver(data, courier)

    from_exporter = importer.client.get_import_envelope_headers(courier.exporter.code)
    from_third = importer.client.get_import_envelope_headers(third_nppo.code)

    assert number in {header.hub_delivery_number for header in from_exporter}
    assert number not in {header.hub_delivery_number for header in from_third}
    assert all(header.from_ == courier.exporter.code for header in from_exporter)
