"""A zeep client built from a WSDL interoperates with the reference hub end to end.

The flow: NL delivers a certificate to KE, KE lists and pulls it, KE acknowledges,
NL reads the tracking state ``Delivered``. It runs once from the published WSDL
(skipped when ``../shared`` is absent) and once from the contract WSDL the hub
serves at ``?wsdl``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from conformance.certificate import to_xml
from conformance.certificate.examples import minimal_851
from conformance.hub.client import _ssl_context
from conformance.hub.embedded import EmbeddedHub

zeep = pytest.importorskip("zeep")
requests = pytest.importorskip("requests")

PUBLISHED = (
    Path(__file__).resolve().parents[3]
    / "shared/reference/hub/DeliveryService.prod.mattilsynet-2024.wsdl"
)
BINDING = "{http://ephyto.ippc.int/}DeliveryServiceSoapBinding"


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedHub]:
    with EmbeddedHub(tmp_path_factory.mktemp("hub"), nppos=("NL", "KE")) as running:
        yield running


def _service(hub: EmbeddedHub, wsdl: Path, nppo: str) -> Any:
    session = requests.Session()
    # Otherwise REQUESTS_CA_BUNDLE overrides session.verify (a known requests quirk).
    session.trust_env = False
    session.cert = tuple(str(path) for path in hub.pki.client(nppo))
    session.verify = str(hub.pki.ca_cert)
    client = zeep.Client(str(wsdl), transport=zeep.Transport(session=session))
    return client.create_service(BINDING, hub.url)


def _deliver_pull_acknowledge(hub: EmbeddedHub, wsdl: Path) -> None:
    certificate = minimal_851()
    content = to_xml(certificate).decode("utf-8")
    exporter = _service(hub, wsdl, certificate.consignment.export_country)
    importer = _service(hub, wsdl, certificate.consignment.import_country)

    sent = exporter.DeliverEnvelope(
        env={
            "From": certificate.consignment.export_country,
            "To": certificate.consignment.import_country,
            "CertificateType": int(certificate.document.type_code),
            "CertificateStatus": int(certificate.document.status_code),
            "NPPOCertificateNumber": certificate.document.id,
            "Content": content,
        }
    )
    number = sent.hubDeliveryNumber
    waiting = importer.GetImportEnvelopeHeaders(countryCode="")
    pulled = importer.PULLSingleImportEnvelope(hubTrackingNumber=number)
    importer.AcknowledgeEnvelopeReceipt(hubTrackingNumber=number)
    tracking = exporter.GetEnvelopeTrackingInfo(hubTrackingNumber=number)

    assert number
    assert sent.HUBTrackingInfo == "PendingDelivery"
    # zeep unwraps ArrayOfEnvelopeHeader into a plain list.
    assert number in [header.hubDeliveryNumber for header in waiting or []]
    assert pulled.Content == content
    assert pulled.NPPOCertificateNumber == certificate.document.id
    assert tracking.HUBTrackingInfo == "Delivered"


def test_flow_from_the_published_wsdl(hub: EmbeddedHub) -> None:
    if not PUBLISHED.is_file():
        pytest.skip(f"published hub WSDL not found at {PUBLISHED} (../shared absent)")

    _deliver_pull_acknowledge(hub, PUBLISHED)


def test_flow_from_the_wsdl_the_hub_serves(hub: EmbeddedHub, tmp_path: Path) -> None:
    context = _ssl_context(hub.pki.client("NL"), hub.pki.ca_cert)
    with httpx.Client(verify=context) as http:
        response = http.get(hub.url, params={"wsdl": ""})
    response.raise_for_status()
    wsdl = tmp_path / "DeliveryService.wsdl"
    wsdl.write_bytes(response.content)

    _deliver_pull_acknowledge(hub, wsdl)
