"""The wire: refusals have the contract's fault shape, answers its namespaces and pace."""

from __future__ import annotations

import secrets
import ssl
from collections.abc import Callable, Iterator

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from conformance.errors import HubFault, HubTransportError
from conformance.hub.codec import encode_request
from conformance.hub.operations import OPERATIONS
from conformance.namespaces import EPH, HUB, SOAP_ENV
from conformance.suite.courier import Courier, NppoClient
from conformance.suite.drawing import draw_certificate
from conformance.suite.registry import check
from conformance.suite.settings import SuiteSettings

# SOAP 1.1 §6.2: a fault travels with HTTP 500.
_FAULT_STATUS = 500
# Answer elements may be in the contract's two namespaces; children of
# ValidationResult and reference-list items are unqualified (form="unqualified").
_CONTRACT_NAMESPACES = {EPH, HUB, None}
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)
# Operations answered from the directory: always safe to call raw on a shared hub.
_RAW_OPERATIONS = ("GetProfile", "GetActiveNppos", "GetUnderDeliveryEnvelope")


def _unknown_number() -> str:
    # Same shape as the reference hub's numbers (D13), but never issued by it.
    return "EPH" + "0" * 5 + secrets.token_hex(6).upper()


@check(
    "HUB-WIRE-001",
    title="A refusal is a SOAP fault with HTTP 500 and a HubWebException detail",
    requirement="WSDL fault HubWebException; SOAP 1.1 §4.4, §6.2; hub-protocol §3.9",
)
def test_refusal_has_fault_shape(importer: NppoClient) -> None:
    with pytest.raises(HubFault) as refused:
        importer.client.pull_single_import_envelope(_unknown_number())

    fault = refused.value
    assert fault.detail_element == "HubWebException", (
        f"the fault's detail is {fault.detail_element!r}, not HubWebException: "
        f"{fault.message!r}"
    )
    assert fault.http_status == _FAULT_STATUS, (
        f"the fault came with HTTP {fault.http_status}, not {_FAULT_STATUS}"
    )
    assert fault.message.strip(), "the HubWebException carries no message"


@pytest.fixture(scope="module")
def raw_exporter(suite_settings: SuiteSettings) -> Iterator[httpx.Client]:
    """An HTTP client speaking as the exporter, to read answers as raw XML."""
    context = ssl.create_default_context(cafile=str(suite_settings.ca))
    identity = suite_settings.exporter
    context.load_cert_chain(certfile=identity.cert, keyfile=identity.key)
    with httpx.Client(verify=context, timeout=suite_settings.timeout) as client:
        yield client


def _foreign(body: etree._Element) -> list[str]:
    return sorted(
        {
            f"{{{name.namespace}}}{name.localname}"
            for element in body.iter(etree.Element)
            if (name := etree.QName(element)).namespace not in _CONTRACT_NAMESPACES
        }
    )


@pytest.mark.parametrize("operation", _RAW_OPERATIONS)
@check(
    "HUB-WIRE-002",
    title="Answers use the contract's namespaces and the operation's Response element",
    requirement="WSDL targetNamespace http://ephyto.ippc.int/, HUB.Entities; "
    "hub-protocol §1 Namespaces",
)
def test_answer_is_in_contract_namespaces(
    raw_exporter: httpx.Client, suite_settings: SuiteSettings, operation: str
) -> None:
    spec = OPERATIONS[operation]
    response = raw_exporter.post(
        suite_settings.url,
        content=encode_request(operation),
        headers={
            "Content-Type": "text/xml; charset=utf-8",
            "SOAPAction": f'"{spec.soap_action}"',
        },
    )

    root = etree.fromstring(response.content, _PARSER)
    body = root.find(f"{{{SOAP_ENV}}}Body")
    assert body is not None and len(body), (
        f"no SOAP Body in HTTP {response.status_code}"
    )
    wrapper = body[0]
    expected = f"{{{EPH}}}{spec.response_element}"
    assert wrapper.tag == expected, f"answered {wrapper.tag!r}, not {expected!r}"
    assert not _foreign(wrapper), f"elements outside the contract: {_foreign(wrapper)}"


def _on_time(operation: str, call: Callable[[], object], late: list[str]) -> None:
    try:
        call()
    except HubTransportError as err:
        if not isinstance(err.__cause__, httpx.TimeoutException):
            raise
        late.append(operation)


@check(
    "HUB-WIRE-003",
    title="Every operation of the delivery cycle answers within the client's timeout",
    requirement="hub-protocol §5 Limits (clients time out and retry); §4.1",
)
@given(data=st.data())
def test_operations_answer_in_time(
    data: st.DataObject,
    courier: Courier,
    importer: NppoClient,
    suite_settings: SuiteSettings,
) -> None:
    envelope = courier.envelope(draw_certificate(data, courier, 851))
    header = courier.deliver(envelope)
    number = header.hub_delivery_number
    assert number, header.hub_delivery_error_message
    hub, exporter = importer.client, courier.exporter.client
    late: list[str] = []

    _on_time("GetProfile", exporter.get_profile, late)
    _on_time("GetActiveNppos", exporter.get_active_nppos, late)
    _on_time(
        "GetEnvelopeTrackingInfo",
        lambda: exporter.get_envelope_tracking_info(number),
        late,
    )
    _on_time("GetUnderDeliveryEnvelope", exporter.get_under_delivery_envelope, late)
    _on_time("GetImportEnvelopeHeaders", hub.get_import_envelope_headers, late)
    _on_time("PULLImportEnvelope", hub.pull_import_envelope, late)
    _on_time(
        "PULLSingleImportEnvelope",
        lambda: hub.pull_single_import_envelope(number),
        late,
    )
    _on_time(
        "AcknowledgeEnvelopeReceipt",
        lambda: hub.acknowledge_envelope_receipt(number),
        late,
    )

    assert not late, (
        f"no answer within the client's {suite_settings.timeout:g} s timeout from: "
        f"{', '.join(late)}"
    )
