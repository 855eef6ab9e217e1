"""The reference hub over HTTPS: an aiohttp application with mutual TLS.

The caller is whoever holds the verified client certificate of the TLS connection;
its SHA-256 fingerprint maps to exactly one NPPO (D5, D17). Requests are dispatched
on the body's first element, never on ``SOAPAction`` (D20).
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import time
from collections.abc import Sequence
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from conformance.hub.codec import (
    CodecError,
    decode_request,
    encode_fault,
    encode_response,
)
from conformance.hub.contract import contract_wsdl
from conformance.hub.pki import TestPki, fingerprint
from conformance.hub.service import NPPO_NOT_FOUND, HubService, HubServiceFault
from conformance.hub.store import HubStore

__all__ = [
    "HUB_PATH",
    "INTERNAL_ERROR",
    "MAX_BODY_BYTES",
    "create_app",
    "server_ssl_context",
]

logger = logging.getLogger(__name__)

HUB_PATH = "/hub/DeliveryService"
INTERNAL_ERROR = "internal hub error"
# Above the 16 MiB Content limit (D15) with room for XML escaping, so an oversized
# certificate gets the FailedDelivery answer rather than an HTTP 413.
MAX_BODY_BYTES = 64 * 1024 * 1024

_SERVICE = web.AppKey("service", HubService)
_ENDPOINT = web.AppKey("wsdl_endpoint", str)


class _CommitSlot:
    # The commit every request of the current loop turn waits for.
    __slots__ = ("pending",)

    def __init__(self) -> None:
        self.pending: asyncio.Future[None] | None = None


_COMMIT = web.AppKey("commit_slot", _CommitSlot)
_XML = "text/xml"
# Responses above this many bytes go out in slices of this size (_sliced_writes).
_WRITE_SLICE = 64 * 1024


def server_ssl_context(pki: TestPki) -> ssl.SSLContext:
    """TLS 1.2+ server context that requires a client certificate from the test CA."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.verify_mode = ssl.CERT_REQUIRED
    context.load_cert_chain(*pki.server)
    # The test CA is the only trust anchor: a certificate from any other CA fails
    # the handshake (D17).
    context.load_verify_locations(cafile=pki.ca_cert)
    return context


def create_app(
    service: HubService,
    *,
    wsdl_endpoint: str,
    middlewares: Sequence[Middleware] = (),
) -> web.Application:
    """The hub application: SOAP POSTs and ``GET ?wsdl`` on ``/hub/DeliveryService``.

    Example::

        app = create_app(HubService(store), wsdl_endpoint="https://127.0.0.1:8443"
                         "/hub/DeliveryService")
    """
    # ``middlewares`` wrap every exchange: the hook injected wire faults use.
    app = web.Application(
        client_max_size=MAX_BODY_BYTES, middlewares=[_sliced_writes, *middlewares]
    )
    app[_SERVICE] = service
    app[_ENDPOINT] = wsdl_endpoint
    app[_COMMIT] = _CommitSlot()
    app.router.add_post(HUB_PATH, _soap)
    app.router.add_get(HUB_PATH, _wsdl)
    return app


async def _wsdl(request: web.Request) -> web.Response:
    if not any(key.lower() == "wsdl" for key in request.query):
        return web.Response(
            status=400,
            text="GET this address with ?wsdl for the contract; operations are POSTs",
        )
    body = contract_wsdl(request.app[_ENDPOINT])
    return web.Response(body=body, content_type=_XML, charset="utf-8")


async def _soap(request: web.Request) -> web.Response:
    started = time.perf_counter()
    service = request.app[_SERVICE]
    operation = "-"
    caller = "-"
    try:
        caller = service.identify(_peer_fingerprint(request))
        body = await request.read()
        logger.debug("request from %s: %r", caller, body)
        operation, params = decode_request(body)
        # SQLite and validation run on the loop thread: both are fast for single
        # exchanges, and one thread lets concurrent requests share a commit.
        result = _call_grouped(service, operation, caller, params)
        await _committed(request.app)
        payload, status = encode_response(operation, result), 200
    except HubServiceFault as fault:
        payload, status = encode_fault(fault.message), 500
    except CodecError as err:
        payload = encode_fault(f"request refused: {err}", fault_code=err.fault_code)
        status = 500
    except web.HTTPRequestEntityTooLarge:
        message = (
            f"request body over {MAX_BODY_BYTES} bytes; "
            "send smaller envelopes (Content is limited to 16 MiB)"
        )
        payload, status = encode_fault(message, fault_code="soap:Client"), 413
    except Exception:
        logger.exception("%s from %s failed inside the hub", operation, caller)
        payload, status = encode_fault(INTERNAL_ERROR), 500
    elapsed_ms = (time.perf_counter() - started) * 1000
    logger.info("%s caller=%s status=%d %.1f ms", operation, caller, status, elapsed_ms)
    logger.debug("response to %s: %r", caller, payload)
    return web.Response(body=payload, status=status, content_type=_XML, charset="utf-8")


@web.middleware
async def _sliced_writes(request: web.Request, handler: Handler) -> web.StreamResponse:
    # asyncio's TLS layer encrypts each write whole into a memory buffer that keeps
    # its largest size for the life of the connection, so one multi-megabyte batch
    # pull would pin that much memory per connection. Outermost, so injected wire
    # faults still see (and may rewrite) the whole body first.
    response = await handler(request)
    body = response.body if isinstance(response, web.Response) else None
    if not isinstance(body, bytes) or len(body) <= _WRITE_SLICE:
        return response
    sliced = web.StreamResponse(
        status=response.status, reason=response.reason, headers=response.headers
    )
    sliced.content_length = len(body)
    await sliced.prepare(request)
    view = memoryview(body)
    for start in range(0, len(body), _WRITE_SLICE):
        await sliced.write(view[start : start + _WRITE_SLICE])
    await sliced.write_eof()
    return sliced


def _call_grouped(
    service: HubService, operation: str, caller: str, params: dict[str, Any]
) -> object:
    store = getattr(service, "store", None)
    if not isinstance(store, HubStore):
        return service.call(operation, caller, params)
    with store.grouped():
        try:
            return service.call(operation, caller, params)
        except BaseException:
            # A refusal answers without awaiting the turn's commit; the group must
            # not stay open (and hold SQLite's write lock) after it.
            store.commit()
            raise


async def _committed(app: web.Application) -> None:
    # One COMMIT per loop turn serves every request handled in that turn (measured
    # at a quarter of the per-request cost); no answer leaves before its commit.
    store = getattr(app[_SERVICE], "store", None)
    if not isinstance(store, HubStore) or not store.uncommitted:
        return
    slot = app[_COMMIT]
    pending = slot.pending
    if pending is None or pending.done():
        pending = asyncio.get_running_loop().create_future()
        slot.pending = pending
        asyncio.get_running_loop().call_soon(_commit, store, pending)
    await asyncio.shield(pending)


def _commit(store: HubStore, pending: asyncio.Future[None]) -> None:
    try:
        store.commit()
    except Exception as err:
        # Every request waiting on this commit answers the failure.
        logger.exception("committing the hub's grouped changes failed")
        pending.set_exception(err)
    else:
        pending.set_result(None)


def _peer_fingerprint(request: web.Request) -> str:
    transport = request.transport
    ssl_object = None if transport is None else transport.get_extra_info("ssl_object")
    der = None if ssl_object is None else ssl_object.getpeercert(binary_form=True)
    if not der:
        # Only reachable without TLS or client verification, e.g. behind a proxy.
        raise HubServiceFault(NPPO_NOT_FOUND)
    return fingerprint(der)
