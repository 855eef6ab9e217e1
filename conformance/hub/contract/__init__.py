"""The project's own WSDL for the ``DeliveryService`` operations it implements."""

from __future__ import annotations

from functools import cache
from importlib import resources
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

from conformance.errors import UsageError

__all__ = ["PLACEHOLDER_ADDRESS", "contract_wsdl"]

PLACEHOLDER_ADDRESS = "https://hub.example.invalid/hub/DeliveryService"
"""The ``soap:address`` written in the packaged WSDL, replaced on every load."""

_ADDRESS_ATTRIBUTE = f'location="{PLACEHOLDER_ADDRESS}"'.encode()


@cache
def _packaged() -> bytes:
    return (resources.files(__name__) / "DeliveryService.wsdl").read_bytes()


def contract_wsdl(endpoint: str) -> bytes:
    """The contract WSDL with ``soap:address`` set to ``endpoint``.

    Example: ``contract_wsdl("https://127.0.0.1:8443/hub/DeliveryService")``.
    Raises :class:`UsageError` when ``endpoint`` is not an http(s) URL.
    """
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(
            f"hub endpoint must be an http(s) URL such as "
            f"'https://host:8443/hub/DeliveryService', got {endpoint!r}"
        )
    location = f"location={quoteattr(endpoint)}".encode()
    return _packaged().replace(_ADDRESS_ATTRIBUTE, location, 1)
