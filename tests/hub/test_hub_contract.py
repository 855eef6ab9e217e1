"""The project's contract WSDL: loadable, complete, and in step with the published one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from conformance.errors import UsageError
from conformance.hub.contract import PLACEHOLDER_ADDRESS, contract_wsdl
from conformance.hub.operations import OPERATIONS

zeep = pytest.importorskip("zeep")
from zeep.xsd import ComplexType

ENDPOINT = "https://127.0.0.1:8443/hub/DeliveryService"
PUBLISHED = (
    Path(__file__).resolve().parents[3]
    / "shared/reference/hub/DeliveryService.prod.mattilsynet-2024.wsdl"
)
EPH = "http://ephyto.ippc.int/"
WSDL = "http://schemas.xmlsoap.org/wsdl/"
SOAP_BINDING = "http://schemas.xmlsoap.org/wsdl/soap/"


@pytest.fixture(scope="module")
def own_client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("contract") / "DeliveryService.wsdl"
    path.write_bytes(contract_wsdl(ENDPOINT))
    return zeep.Client(str(path))


@pytest.fixture(scope="module")
def published_client() -> Any:
    if not PUBLISHED.is_file():
        pytest.skip(f"published hub WSDL not found at {PUBLISHED} (../shared absent)")
    return zeep.Client(str(PUBLISHED))


def test_contract_parses_with_plain_lxml() -> None:
    root = etree.fromstring(contract_wsdl(ENDPOINT))

    assert root.tag == f"{{{WSDL}}}definitions"
    assert root.get("targetNamespace") == EPH


def test_endpoint_replaces_the_placeholder() -> None:
    wsdl = contract_wsdl(ENDPOINT + "?a=1&b=2")

    address = etree.fromstring(wsdl).find(f".//{{{SOAP_BINDING}}}address")
    assert address is not None
    assert address.get("location") == ENDPOINT + "?a=1&b=2"
    assert PLACEHOLDER_ADDRESS.encode() not in wsdl


@pytest.mark.parametrize("endpoint", ["", "ftp://hub/x", "127.0.0.1:8443"])
def test_endpoint_that_is_not_a_url_is_refused(endpoint: str) -> None:
    with pytest.raises(UsageError, match="http"):
        contract_wsdl(endpoint)


def test_zeep_loads_contract_with_the_endpoint(own_client: Any) -> None:
    port = own_client.wsdl.services["DeliveryService"].ports["IDeliveryServiceImplPort"]

    assert port.binding_options["address"] == ENDPOINT


def test_contract_and_operation_table_list_the_same_operations(
    own_client: Any,
) -> None:
    binding = own_client.wsdl.bindings[f"{{{EPH}}}DeliveryServiceSoapBinding"]

    assert set(binding._operations) == set(OPERATIONS)


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_contract_declares_the_table_soap_action(own_client: Any, name: str) -> None:
    binding = own_client.wsdl.bindings[f"{{{EPH}}}DeliveryServiceSoapBinding"]

    assert binding._operations[name].soapaction == OPERATIONS[name].soap_action


def _shape(element: Any, seen: tuple[Any, ...] = ()) -> tuple[Any, ...]:
    """Names, namespaces, order, occurrences and attributes below ``element``."""
    kind = element.type
    children: tuple[Any, ...] = ()
    attributes: tuple[str, ...] = ()
    if isinstance(kind, ComplexType) and kind.qname not in seen:
        children = tuple(
            _shape(child, (*seen, kind.qname))
            for name, child in kind.elements
            # zeep's stand-in for the empty base sequence of a JAXB entity.
            if not name.startswith("_value_")
        )
        attributes = tuple(sorted(name for name, _ in kind.attributes))
    return (
        element.qname.text,
        element.min_occurs,
        element.max_occurs,
        children,
        attributes,
    )


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_messages_match_the_published_contract(
    own_client: Any, published_client: Any, name: str
) -> None:
    for local in (OPERATIONS[name].request_element, OPERATIONS[name].response_element):
        qname = f"{{{EPH}}}{local}"

        ours = _shape(own_client.get_element(qname))
        published = _shape(published_client.get_element(qname))

        assert ours == published, local


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_soap_actions_match_the_published_contract(
    published_client: Any, name: str
) -> None:
    binding = published_client.wsdl.bindings[f"{{{EPH}}}DeliveryServiceSoapBinding"]

    assert binding._operations[name].soapaction == OPERATIONS[name].soap_action


def test_fault_detail_matches_the_published_contract(
    own_client: Any, published_client: Any
) -> None:
    qname = f"{{{EPH}}}HubWebException"

    assert _shape(own_client.get_element(qname)) == _shape(
        published_client.get_element(qname)
    )
