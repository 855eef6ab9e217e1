"""``FastHubClient``: the hub client for load, over geventhttpclient.

It speaks through the same codec as :class:`conformance.hub.client.HubClient` and has
its method names, but runs on gevent sockets: httpx under gevent costs several times
more CPU per exchange (see ``tests/benchmarks/README.md``). Every exchange is reported
to ``on_request`` in the shape of Locust's ``request`` event.

Example::

    context = shared_ssl_context(pki_dir, "NL")
    client = FastHubClient(url, context)
    header = client.deliver_envelope(envelope)
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import gevent.ssl
from geventhttpclient import HTTPClient
from geventhttpclient.response import HTTPParseError

from conformance.errors import ConfigError, HubFault, HubTransportError
from conformance.hub.codec import CodecError, decode_response, encode_request
from conformance.hub.operation_methods import OperationMethods
from conformance.hub.operations import OPERATIONS

__all__ = ["REQUEST_TYPE", "FastHubClient", "RequestHook", "shared_ssl_context"]

REQUEST_TYPE = "SOAP"
RequestHook = Callable[..., None]
"""Called with Locust's ``request`` event keywords after every exchange."""

_CONTEXTS: dict[tuple[str, str], gevent.ssl.SSLContext] = {}


def shared_ssl_context(
    pki_dir: str | os.PathLike[str], code: str
) -> gevent.ssl.SSLContext:
    """The one client SSL context of NPPO ``code`` in this process (cached).

    Raises ``ConfigError`` when the CA or the NPPO's certificate and key cannot be
    loaded from ``pki_dir``.
    """
    key = (os.fspath(pki_dir), code)
    context = _CONTEXTS.get(key)
    if context is None:
        context = _new_context(Path(pki_dir), code)
        _CONTEXTS[key] = context
    return context


def _new_context(pki_dir: Path, code: str) -> gevent.ssl.SSLContext:
    # The hub's CA is the only trust anchor, as in HubClient.
    context = gevent.ssl.SSLContext(gevent.ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = gevent.ssl.TLSVersion.TLSv1_2
    try:
        context.load_verify_locations(cafile=os.fspath(pki_dir / "ca.pem"))
        context.load_cert_chain(
            certfile=os.fspath(pki_dir / f"{code}.pem"),
            keyfile=os.fspath(pki_dir / f"{code}.key"),
        )
    except (OSError, gevent.ssl.SSLError) as err:
        raise ConfigError(
            f"cannot load the TLS files of NPPO {code!r} from {str(pki_dir)!r} "
            f"({err}); the directory needs ca.pem, {code}.pem and {code}.key"
        ) from err
    return context


class FastHubClient(OperationMethods):
    """One NPPO's connection pool to a hub; gevent-cooperative, thread-unsafe."""

    def __init__(
        self,
        url: str,
        ssl_context: gevent.ssl.SSLContext,
        *,
        concurrency: int = 10,
        timeout: float = 60.0,
        on_request: RequestHook | None = None,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise ConfigError(
                f"hub URL {url!r} is not an https:// address; give the endpoint, "
                "e.g. https://127.0.0.1:8443/hub/DeliveryService"
            )
        self.url = url
        self._path = parts.path or "/"
        self._http = HTTPClient(
            parts.hostname,
            port=parts.port or 443,
            ssl=True,
            ssl_context_factory=lambda **_: ssl_context,
            concurrency=concurrency,
            connection_timeout=timeout,
            network_timeout=timeout,
        )
        self._on_request = on_request

    def close(self) -> None:
        """Close the pooled connections."""
        self._http.close()

    def call(self, operation: str, **params: Any) -> object:
        """Send one ``operation`` and return its decoded result.

        Raises ``HubFault`` for a SOAP fault and ``HubTransportError`` for a
        connection, HTTP or non-SOAP failure; both are also reported to the hook.
        """
        body = encode_request(operation, **params)
        headers = {
            "Content-Type": "text/xml; charset=utf-8",
            "SOAPAction": f'"{OPERATIONS[operation].soap_action}"',
        }
        started = time.perf_counter()
        length = 0
        error: Exception | None = None
        try:
            response = self._http.post(self._path, body=body, headers=headers)
            payload = response.read()
            length = len(payload)
            return _result(operation, response.status_code, payload)
        except (HubFault, HubTransportError) as err:
            error = err
            raise
        except (OSError, gevent.Timeout, HTTPParseError) as err:
            error = HubTransportError(f"{operation} to {self.url}: {err!r}")
            raise error from err
        finally:
            if self._on_request is not None:
                self._on_request(
                    request_type=REQUEST_TYPE,
                    name=operation,
                    response_time=(time.perf_counter() - started) * 1000,
                    response_length=length,
                    exception=error,
                    context={},
                )


def _result(operation: str, status: int, payload: bytes) -> object:
    try:
        result = decode_response(operation, payload)
    except HubFault as fault:
        fault.http_status = status
        raise
    except CodecError as err:
        raise HubTransportError(
            f"{operation}: HTTP {status} with a body that is not a "
            f"{operation}Response: {err}",
            http_status=status,
        ) from err
    if not 200 <= status < 300:
        raise HubTransportError(
            f"{operation}: HTTP {status} with a SOAP response", http_status=status
        )
    return result
