"""SOAP 1.1 document/literal wrapped messages of ``DeliveryService``.

Both the client and the reference hub use this module. Elements are matched by
namespace URI and local name, never by prefix, because hubs write generated
prefixes (``ns2:``, ``ns3:``).

Example::

    body = encode_request("GetEnvelopeTrackingInfo", hub_tracking_number="EPH1")
    operation, params = decode_request(body)
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from conformance.errors import UsageError
from conformance.hub import _entity_xml as entity_xml
from conformance.hub._response_xml import read_fault, read_result
from conformance.hub._xml import (
    NSMAP,
    CodecError,
    SoapVersionError,
    child,
    describe,
    eph,
    hub,
    missing_child,
    parse_soap,
)
from conformance.hub.entities import EnvelopeHeader
from conformance.hub.operations import (
    OPERATIONS,
    Operation,
    ParameterKind,
    ResultKind,
)
from conformance.namespaces import EPH, SOAP_ENV

__all__ = [
    "CodecError",
    "SoapVersionError",
    "decode_request",
    "decode_response",
    "encode_fault",
    "encode_request",
    "encode_response",
]

_ENVELOPE = f"{{{SOAP_ENV}}}Envelope"
_BODY = f"{{{SOAP_ENV}}}Body"
_FAULT = f"{{{SOAP_ENV}}}Fault"


def _operation(name: str) -> Operation:
    try:
        return OPERATIONS[name]
    except KeyError:
        raise UsageError(
            f"unknown hub operation {name!r}; expected one of {sorted(OPERATIONS)}"
        ) from None


def _soap_body() -> tuple[etree._Element, etree._Element]:
    root = etree.Element(_ENVELOPE, nsmap=NSMAP)
    return root, etree.SubElement(root, _BODY)


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def encode_request(operation: str, **params: Any) -> bytes:
    """The SOAP request for ``operation`` with Python-named ``params``.

    Raises :class:`UsageError` for an unknown operation, an unknown or missing
    parameter, and :class:`CodecError` for text XML cannot carry.
    """
    spec = _operation(operation)
    unknown = set(params) - {parameter.name for parameter in spec.parameters}
    if unknown:
        raise UsageError(
            f"{operation} takes no parameter {sorted(unknown)}; "
            f"it takes {[parameter.name for parameter in spec.parameters]}"
        )
    root, body = _soap_body()
    wrapper = etree.SubElement(body, eph(spec.request_element))
    for parameter in spec.parameters:
        value = params.get(parameter.name)
        if value is None:
            if parameter.required:
                raise UsageError(f"{operation} needs {parameter.name!r}, got None")
            continue
        element = etree.SubElement(wrapper, eph(parameter.wire_name))
        if parameter.kind is ParameterKind.ENVELOPE:
            if not isinstance(value, EnvelopeHeader):
                raise UsageError(
                    f"{operation} needs an Envelope for {parameter.name!r}, "
                    f"got {type(value).__name__}"
                )
            entity_xml.write_header(element, value)
        else:
            _set_text(element, str(value), field=parameter.wire_name)
    return _serialise(root)


def _set_text(element: etree._Element, text: str, *, field: str) -> None:
    try:
        element.text = text
    except ValueError as err:
        raise CodecError(
            f"{field} {text[:40]!r} contains characters XML 1.0 cannot carry"
        ) from err


def decode_request(body: bytes) -> tuple[str, dict[str, Any]]:
    """The operation name and Python-named parameters of a SOAP request.

    Raises :class:`CodecError` when ``body`` is not a SOAP 1.1 request of a known
    operation in the ``http://ephyto.ippc.int/`` namespace
    (:class:`SoapVersionError` for a SOAP 1.2 envelope); answer it with a fault
    whose code is the error's ``fault_code``.
    """
    wrapper = parse_soap(body, what="request body")
    qname = etree.QName(wrapper)
    spec = OPERATIONS.get(qname.localname)
    if spec is None:
        raise CodecError(
            f"request element {describe(wrapper)!r} is not a known operation; "
            f"expected one of {sorted(OPERATIONS)} in {EPH!r}"
        )
    if qname.namespace != EPH:
        raise CodecError(
            f"request element {qname.localname!r} is in namespace "
            f"{qname.namespace!r}; it must be in {EPH!r}"
        )
    params: dict[str, Any] = {}
    for parameter in spec.parameters:
        element = child(wrapper, eph(parameter.wire_name))
        if element is None:
            if parameter.required:
                raise CodecError(missing_child(wrapper, spec.name, parameter.wire_name))
            params[parameter.name] = None
        elif parameter.kind is ParameterKind.ENVELOPE:
            params[parameter.name] = entity_xml.read_envelope(element)
        else:
            params[parameter.name] = element.text or ""
    return spec.name, params


def encode_response(operation: str, result: object) -> bytes:
    """The SOAP response of ``operation`` carrying ``result``.

    Raises :class:`UsageError` when ``result`` does not fit the operation.
    """
    spec = _operation(operation)
    root, body = _soap_body()
    wrapper = etree.SubElement(body, eph(spec.response_element))
    kind = spec.result_kind
    if kind is ResultKind.NONE or result is None:
        return _serialise(root)
    assert spec.result_element is not None
    tag = eph(spec.result_element)
    if kind in (ResultKind.HEADER, ResultKind.ENVELOPE):
        entity_xml.write_header(etree.SubElement(wrapper, tag), _one(spec, result))
    elif kind is ResultKind.TEXT:
        _set_text(etree.SubElement(wrapper, tag), str(result), field="return")
    elif kind is ResultKind.NPPO:
        entity_xml.write_nppo(etree.SubElement(wrapper, tag), result)  # type: ignore[arg-type]
    elif kind is ResultKind.VALIDATION_RESULTS:
        for item in _many(spec, result):
            entity_xml.write_validation_result(etree.SubElement(wrapper, tag), item)
    else:
        _write_array(etree.SubElement(wrapper, tag), kind, _many(spec, result))
    return _serialise(root)


def _one(spec: Operation, result: object) -> EnvelopeHeader:
    if not isinstance(result, EnvelopeHeader):
        raise UsageError(
            f"{spec.name} answers an EnvelopeHeader, got {type(result).__name__}"
        )
    return result


def _many(spec: Operation, result: object) -> list[Any]:
    if not isinstance(result, list | tuple):
        raise UsageError(f"{spec.name} answers a list, got {type(result).__name__}")
    return list(result)


def _write_array(array: etree._Element, kind: ResultKind, items: list[Any]) -> None:
    for item in items:
        if kind is ResultKind.HEADERS:
            entity_xml.write_header(
                etree.SubElement(array, hub("EnvelopeHeader")), item
            )
        elif kind is ResultKind.ENVELOPES:
            entity_xml.write_header(etree.SubElement(array, hub("Envelope")), item)
        elif kind is ResultKind.NPPOS:
            entity_xml.write_nppo(etree.SubElement(array, hub("Nppo")), item)
        else:
            channel = etree.SubElement(
                array, hub("Channel"), Receive="true", Send="true"
            )
            _set_text(etree.SubElement(channel, hub("Code")), str(item), field="Code")


def encode_fault(message: str, *, fault_code: str = "soap:Server") -> bytes:
    """A SOAP 1.1 fault with a ``HubWebException`` detail carrying ``message``."""
    root, body = _soap_body()
    fault = etree.SubElement(body, _FAULT)
    etree.SubElement(fault, "faultcode").text = fault_code
    _set_text(etree.SubElement(fault, "faultstring"), message, field="faultstring")
    detail = etree.SubElement(fault, "detail")
    exception = etree.SubElement(detail, eph("HubWebException"))
    _set_text(etree.SubElement(exception, eph("message")), message, field="message")
    return _serialise(root)


def decode_response(operation: str, body: bytes) -> object:
    """The result of ``operation`` from the hub's SOAP response ``body``.

    Raises :class:`HubFault` when the body is a SOAP fault, and
    :class:`CodecError` when it is not the expected ``<Op>Response`` in ``eph``.
    """
    spec = _operation(operation)
    wrapper = parse_soap(body, what=f"{operation} response")
    if wrapper.tag == _FAULT:
        raise read_fault(wrapper)
    qname = etree.QName(wrapper)
    if qname.localname != spec.response_element or qname.namespace != EPH:
        raise CodecError(
            f"hub defect: {operation} answered with {describe(wrapper)!r}, "
            f"expected {{{EPH}}}{spec.response_element}"
        )
    return read_result(spec, wrapper)
