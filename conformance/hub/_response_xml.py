"""Reading the result or the fault out of a hub's SOAP response."""

from __future__ import annotations

from lxml import etree

from conformance.errors import HubFault
from conformance.hub import _entity_xml as entity_xml
from conformance.hub._xml import (
    CodecError,
    child,
    children,
    element_children,
    eph,
    hub,
    missing_child,
    text_of,
)
from conformance.hub.operations import Operation, ResultKind
from conformance.namespaces import SOAP_ENV

__all__ = ["read_fault", "read_result"]


def read_result(spec: Operation, wrapper: etree._Element) -> object:
    kind = spec.result_kind
    if kind is ResultKind.NONE:
        return None
    assert spec.result_element is not None
    tag = eph(spec.result_element)
    if kind is ResultKind.VALIDATION_RESULTS:
        return [
            entity_xml.read_validation_result(item) for item in children(wrapper, tag)
        ]
    element = child(wrapper, tag)
    if kind is ResultKind.TEXT:
        return text_of(element)
    if element is None:
        if kind in (ResultKind.HEADER, ResultKind.ENVELOPE, ResultKind.NPPO):
            raise CodecError(
                missing_child(wrapper, spec.response_element, spec.result_element)
            )
        return []
    if kind is ResultKind.HEADER:
        return entity_xml.read_header(element)
    if kind is ResultKind.ENVELOPE:
        return entity_xml.read_envelope(element)
    if kind is ResultKind.NPPO:
        return entity_xml.read_nppo(element)
    if kind is ResultKind.HEADERS:
        return [
            entity_xml.read_header(e) for e in children(element, hub("EnvelopeHeader"))
        ]
    if kind is ResultKind.ENVELOPES:
        return [entity_xml.read_envelope(e) for e in children(element, hub("Envelope"))]
    if kind is ResultKind.NPPOS:
        return [entity_xml.read_nppo(e) for e in children(element, hub("Nppo"))]
    return [
        text_of(child(e, hub("Code"))) or "" for e in children(element, hub("Channel"))
    ]


def read_fault(fault: etree._Element) -> HubFault:
    # SOAP 1.1 leaves faultcode, faultstring and detail unqualified; some stacks
    # qualify them anyway.
    def part(local: str) -> etree._Element | None:
        found = child(fault, local)
        return found if found is not None else child(fault, f"{{{SOAP_ENV}}}{local}")

    code_element = part("faultcode")
    fault_code = _fault_code(code_element)
    message = text_of(part("faultstring")) or ""
    detail = part("detail")
    detail_items = [] if detail is None else element_children(detail)
    detail_element = etree.QName(detail_items[0]).localname if detail_items else None
    if detail_items:
        inner = child(detail_items[0], eph("message"))
        if inner is None:
            inner = child(detail_items[0], "message")
        message = text_of(inner) or message
    return HubFault(message, fault_code=fault_code, detail_element=detail_element)


def _fault_code(element: etree._Element | None) -> str:
    text = (text_of(element) or "").strip()
    if element is None or ":" not in text:
        return text
    prefix, local = text.split(":", 1)
    # Report the code under the usual prefix, whatever prefix the hub declared.
    return f"soap:{local}" if element.nsmap.get(prefix) == SOAP_ENV else text
