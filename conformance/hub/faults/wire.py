"""Transport and wire faults: aiohttp middlewares that rewrite or delay answers."""

from __future__ import annotations

import asyncio

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware
from lxml import etree

from conformance.hub.codec import CodecError, decode_request
from conformance.namespaces import EPH, SOAP_ENV

__all__ = [
    "SLOW_OPERATION",
    "TEMPURI",
    "fault_as_http_200",
    "fault_without_detail",
    "slow_batch_pull",
    "wrong_namespace",
]

# The namespace a .NET service answers in when its targetNamespace was never set.
TEMPURI = "http://tempuri.org/"
# The operation that carries every waiting envelope's content: the one hubs
# realistically make slow.
SLOW_OPERATION = "PULLImportEnvelope"
_XML = "text/xml"
_SOAP_FAULT_STATUS = 500
# The hub's own answer, but parsed as carefully as any other XML.
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


def _rewritten(body: bytes, status: int) -> web.Response:
    return web.Response(body=body, status=status, content_type=_XML, charset="utf-8")


def _body(response: web.StreamResponse) -> bytes | None:
    if not isinstance(response, web.Response) or not isinstance(response.body, bytes):
        return None
    return response.body


def fault_without_detail(client_timeout: float) -> Middleware:
    """SOAP faults lose their ``detail``: no ``HubWebException``, only faultstring."""

    @web.middleware
    async def strip_detail(
        request: web.Request, handler: Handler
    ) -> web.StreamResponse:
        response = await handler(request)
        body = _body(response)
        if body is None or response.status != _SOAP_FAULT_STATUS:
            return response
        root = etree.fromstring(body, _PARSER)
        for detail in root.iterfind(f".//{{{SOAP_ENV}}}Fault/detail"):
            detail.getparent().remove(detail)  # type: ignore[union-attr]
        stripped = etree.tostring(root, xml_declaration=True, encoding="utf-8")
        return _rewritten(stripped, response.status)

    return strip_detail


def fault_as_http_200(client_timeout: float) -> Middleware:
    """SOAP faults travel with HTTP 200 instead of the 500 SOAP 1.1 requires."""

    @web.middleware
    async def status_200(request: web.Request, handler: Handler) -> web.StreamResponse:
        response = await handler(request)
        body = _body(response)
        if body is None or response.status != _SOAP_FAULT_STATUS:
            return response
        return _rewritten(body, 200)

    return status_200


def wrong_namespace(client_timeout: float) -> Middleware:
    """Answers in ``http://tempuri.org/`` instead of the contract's namespace."""
    contract = f'"{EPH}"'.encode()
    default = f'"{TEMPURI}"'.encode()

    @web.middleware
    async def tempuri(request: web.Request, handler: Handler) -> web.StreamResponse:
        response = await handler(request)
        body = _body(response)
        if body is None or request.method != "POST":
            return response
        return _rewritten(body.replace(contract, default), response.status)

    return tempuri


def slow_batch_pull(client_timeout: float) -> Middleware:
    """``PULLImportEnvelope`` answers only after the client's timeout has passed."""
    delay = client_timeout + max(1.0, client_timeout / 2)

    @web.middleware
    async def slow(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.method == "POST" and await _operation(request) == SLOW_OPERATION:
            await asyncio.sleep(delay)
        return await handler(request)

    return slow


async def _operation(request: web.Request) -> str | None:
    # aiohttp keeps the read body, so the hub's handler reads it again.
    try:
        operation, _ = decode_request(await request.read())
    except CodecError:
        return None
    return operation
