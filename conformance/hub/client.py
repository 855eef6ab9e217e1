"""``HubClient``: call a ``DeliveryService`` hub over mutual TLS.

Example::

    with HubClient(url, cert=("NL.pem", "NL.key"), ca="ca.pem") as hub:
        header = hub.deliver_envelope(envelope)
        state = hub.get_envelope_tracking_info(header.hub_delivery_number)
"""

from __future__ import annotations

import logging
import os
import ssl
import time
from types import TracebackType
from typing import Any, Self

import httpx

from conformance.errors import ConfigError, HubFault, HubTransportError
from conformance.hub._http_errors import status_error, transport_error
from conformance.hub.codec import CodecError, decode_response, encode_request
from conformance.hub.operation_methods import OperationMethods
from conformance.hub.operations import OPERATIONS

__all__ = ["HubClient"]

logger = logging.getLogger(__name__)

PathLike = str | os.PathLike[str]


def _ssl_context(cert: tuple[PathLike, PathLike], ca: PathLike) -> ssl.SSLContext:
    # The hub's CA is the only trust anchor: system roots must not vouch for it.
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_verify_locations(cafile=os.fspath(ca))
    except (OSError, ssl.SSLError) as err:
        raise ConfigError(
            f"cannot load the hub CA certificate {os.fspath(ca)!r} ({err}); "
            "give the PEM file of the CA that issued the hub's certificate"
        ) from err
    certificate, key = (os.fspath(path) for path in cert)
    try:
        context.load_cert_chain(certfile=certificate, keyfile=key)
    except (OSError, ssl.SSLError) as err:
        raise ConfigError(
            f"cannot load the NPPO client certificate {certificate!r} with key "
            f"{key!r} ({err}); give matching PEM files"
        ) from err
    return context


class HubClient(OperationMethods):
    """A ``DeliveryService`` client over httpx with its own SSL context.

    ``transport`` replaces the network (an ``httpx.MockTransport`` in tests).
    Every method raises :class:`HubFault` on a SOAP fault and
    :class:`HubTransportError` on TLS, connection, HTTP or non-SOAP failures.
    """

    def __init__(
        self,
        url: str,
        *,
        cert: tuple[PathLike, PathLike],
        ca: PathLike,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = url
        self.timeout = timeout
        self._http = httpx.Client(
            verify=_ssl_context(cert, ca),
            timeout=timeout,
            transport=transport,
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def call(self, operation: str, **params: Any) -> object:
        """Send one request of ``operation`` and return its decoded result."""
        body = encode_request(operation, **params)
        headers = {
            "Content-Type": "text/xml; charset=utf-8",
            "SOAPAction": f'"{OPERATIONS[operation].soap_action}"',
        }
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("%s request: %s", operation, body.decode("utf-8", "replace"))
        started = time.perf_counter()
        try:
            response = self._http.post(self.url, content=body, headers=headers)
        except httpx.TransportError as err:
            error = transport_error(
                err, operation=operation, url=self.url, timeout=self.timeout
            )
            logger.info(
                "%s %s failed after %.0f ms: %s",
                operation,
                self.url,
                (time.perf_counter() - started) * 1000,
                type(err).__name__,
            )
            raise error from err
        logger.info(
            "%s %s HTTP %d in %.0f ms",
            operation,
            self.url,
            response.status_code,
            (time.perf_counter() - started) * 1000,
        )
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("%s response: %s", operation, response.text)
        return _result(operation, response)


def _result(operation: str, response: httpx.Response) -> object:
    status = response.status_code
    succeeded = 200 <= status < 300
    try:
        result = decode_response(operation, response.content)
    except HubFault as fault:
        fault.http_status = status
        raise
    except CodecError as err:
        if not succeeded:
            raise status_error(response, operation=operation) from err
        raise HubTransportError(
            f"{operation} to {response.request.url}: HTTP {status} with a body "
            f"that is not a {operation}Response: {err}",
            http_status=status,
        ) from err
    if not succeeded:
        raise status_error(response, operation=operation)
    return result
