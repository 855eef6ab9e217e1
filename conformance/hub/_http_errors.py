"""Turn what goes wrong below SOAP into a :class:`HubTransportError` that says why."""

from __future__ import annotations

import ssl

import httpx

from conformance.errors import HubTransportError

__all__ = ["status_error", "transport_error"]

_STATUS_HINTS = {
    400: "the hub could not read the request",
    401: "the hub wants credentials it did not get; check the client certificate",
    403: "the gateway refused the client certificate or the caller",
    404: "no service at this path; the endpoint normally ends in /hub/DeliveryService",
    405: "the endpoint does not accept POST; check the URL",
    413: "the request is larger than the hub accepts",
    502: "the gateway in front of the hub got no answer; retry later",
    503: "the hub is unavailable; retry later",
    504: "the gateway timed out waiting for the hub; retry later",
}


def _ssl_cause(err: BaseException) -> ssl.SSLError | None:
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen, ssl.SSLError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def transport_error(
    err: httpx.TransportError, *, operation: str, url: str, timeout: float
) -> HubTransportError:
    """A :class:`HubTransportError` naming the endpoint and the likely cause."""
    where = f"{operation} to {url}"
    cause = _ssl_cause(err)
    if isinstance(cause, ssl.SSLCertVerificationError):
        return HubTransportError(
            f"{where}: the hub's TLS certificate was not accepted "
            f"({cause.verify_message or cause}); is the CA file the one that issued "
            "the hub's certificate, and does the URL host match it?"
        )
    if cause is not None:
        return HubTransportError(
            f"{where}: TLS handshake failed ({cause}); is the client certificate "
            "issued by the hub's CA?"
        )
    if isinstance(err, httpx.TimeoutException):
        return HubTransportError(
            f"{where}: no answer within {timeout:g} s ({type(err).__name__}); "
            "the hub may be overloaded, retry or raise the timeout"
        )
    if isinstance(err, httpx.ConnectError):
        return HubTransportError(
            f"{where}: cannot connect ({err}); is the hub running at this address?"
        )
    # With TLS 1.3 a refused client certificate shows up only at the first read.
    return HubTransportError(
        f"{where}: the connection broke ({type(err).__name__}: {err}); the hub may "
        "have refused the client certificate or dropped the connection, retry once"
    )


def status_error(response: httpx.Response, *, operation: str) -> HubTransportError:
    """A :class:`HubTransportError` for a non-2xx answer that is not a SOAP fault."""
    hint = _STATUS_HINTS.get(response.status_code, "the hub did not answer with SOAP")
    snippet = response.content[:200].decode("utf-8", "replace")
    return HubTransportError(
        f"{operation} to {response.request.url}: HTTP {response.status_code} "
        f"without a SOAP fault ({hint}); body starts {snippet!r}",
        http_status=response.status_code,
    )
