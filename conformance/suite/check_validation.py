"""Validation: ValidatePhytoXML finds each invalid kind; ValidateAndDeliver refuses."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.findings import Layer, Level
from conformance.generate import (
    INVALID_KINDS,
    InvalidCertificate,
    invalid_certificates,
)
from conformance.hub.entities import TrackingInfo, ValidationResult
from conformance.suite.courier import Courier, NppoClient
from conformance.suite.drawing import TYPE_CODES, country_of, draw_certificate
from conformance.suite.registry import check

_RULE_TAG = re.compile(r"\[([A-Z0-9][A-Z0-9-]*)\]")

# Envelope kinds break the header against the body: only ValidateAndDeliver sees
# them. Encoding kinds live in the bytes, which a text parameter cannot carry.
_CONTENT_KINDS = sorted(
    name
    for name, kind in INVALID_KINDS.items()
    if kind.layer != Layer.ENVELOPE and kind.text_safe
)
_REFUSED_KINDS = sorted(
    name for name, kind in INVALID_KINDS.items() if kind.level == Level.SEVERE
)


def _draw_invalid(
    data: st.DataObject, courier: Courier, kind: str
) -> InvalidCertificate:
    strategy = invalid_certificates(
        kind,
        exporter=country_of(courier.exporter.code),
        importer=country_of(courier.importer.code),
    )
    drawn: InvalidCertificate = data.draw(strategy, label="invalid certificate")
    return drawn


def _text(xml: bytes) -> str:
    # Only text-safe kinds come here: their damage survives decoding.
    return xml.decode("utf-8")


def _rule_id(row: ValidationResult) -> str | None:
    tag = _RULE_TAG.match(row.msg.strip())
    return tag.group(1) if tag else None


def _queued(importer: NppoClient, courier: Courier) -> set[str | None]:
    headers = importer.client.get_import_envelope_headers(courier.exporter.code)
    return {header.hub_delivery_number for header in headers}


def _describe(rows: list[ValidationResult]) -> str:
    return "; ".join(f"{row.area}/{row.level} {row.field}: {row.msg}" for row in rows)


@pytest.mark.parametrize("kind", _CONTENT_KINDS)
@check(
    "HUB-VALID-001",
    title="ValidatePhytoXML reports each invalid kind with its area and level",
    requirement="WSDL ValidatePhytoXML, ValidationResult; hub-protocol §3.10, §4.3",
)
@given(data=st.data())
def test_validation_reports_invalid_kind(
    data: st.DataObject, courier: Courier, kind: str
) -> None:
    invalid = _draw_invalid(data, courier, kind)

    rows = courier.exporter.client.validate_phyto_xml(_text(invalid.xml))

    matching = [
        row for row in rows if row.area == invalid.area and row.level == invalid.level
    ]
    assert matching, (
        f"no {invalid.area}/{invalid.level} row for {kind}; got: {_describe(rows)}"
    )
    tagged = {tag for row in matching if (tag := _rule_id(row)) is not None}
    if tagged:
        assert invalid.rule_id in tagged, f"rule ids {sorted(tagged)!r}"


@pytest.mark.parametrize("type_code", TYPE_CODES)
@check(
    "HUB-VALID-002",
    title="ValidatePhytoXML reports no SEVERE row for a valid certificate",
    requirement="WSDL ValidatePhytoXML; hub-protocol §4.3",
)
@given(data=st.data())
def test_validation_passes_valid_certificate(
    data: st.DataObject, courier: Courier, type_code: int
) -> None:
    envelope = courier.envelope(draw_certificate(data, courier, type_code))
    assert envelope.content is not None

    rows = courier.exporter.client.validate_phyto_xml(envelope.content)

    severe = [row for row in rows if row.level == Level.SEVERE]
    assert not severe, _describe(severe)


@pytest.mark.parametrize("kind", _REFUSED_KINDS)
@check(
    "HUB-VALID-003",
    title="ValidateAndDeliverEnvelope refuses invalid content; nothing is queued",
    requirement="WSDL ValidateAndDeliverEnvelope; hub-protocol §4.3; D3, D4",
)
@given(data=st.data())
def test_validate_and_deliver_refuses_invalid(
    data: st.DataObject, courier: Courier, importer: NppoClient, kind: str
) -> None:
    envelope = _draw_invalid(data, courier, kind).envelope
    before = _queued(importer, courier)

    header = courier.validate_and_deliver(envelope)

    assert header.hub_tracking_info == TrackingInfo.FAILED_DELIVERY, (
        f"the hub accepted an envelope with {kind}: {header.hub_tracking_info}, "
        f"hubDeliveryNumber {header.hub_delivery_number!r}"
    )
    assert not header.hub_delivery_number
    assert header.hub_delivery_error_message
    queued = {
        queued.nppo_certificate_number
        for queued in importer.client.get_import_envelope_headers(courier.exporter.code)
        if queued.hub_delivery_number not in before
    }
    assert envelope.nppo_certificate_number not in queued


@pytest.mark.parametrize("type_code", TYPE_CODES)
@check(
    "HUB-VALID-004",
    title="ValidateAndDeliverEnvelope accepts a valid certificate",
    requirement="WSDL ValidateAndDeliverEnvelope; hub-protocol §4.1 step 1",
)
@given(data=st.data())
def test_validate_and_deliver_accepts_valid(
    data: st.DataObject, courier: Courier, type_code: int
) -> None:
    envelope = courier.envelope(draw_certificate(data, courier, type_code))

    header = courier.validate_and_deliver(envelope)

    assert header.hub_delivery_number, header.hub_delivery_error_message
    assert header.hub_tracking_info == TrackingInfo.PENDING_DELIVERY
