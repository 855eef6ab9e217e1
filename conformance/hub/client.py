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
from typing import Any, Self, cast

import httpx

from conformance.errors import ConfigError, HubFault, HubTransportError
from conformance.hub._http_errors import status_error, transport_error
from conformance.hub.codec import CodecError, decode_response, encode_request
from conformance.hub.entities import Envelope, EnvelopeHeader, Nppo, ValidationResult
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


class HubClient:
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

    def deliver_envelope(self, envelope: Envelope) -> EnvelopeHeader:
        """Submit ``envelope``; the header carries ``hubDeliveryNumber`` and state."""
        return cast(EnvelopeHeader, self.call("DeliverEnvelope", envelope=envelope))

    def validate_and_deliver_envelope(self, envelope: Envelope) -> EnvelopeHeader:
        """Submit ``envelope`` after the hub validates its certificate content."""
        return cast(
            EnvelopeHeader, self.call("ValidateAndDeliverEnvelope", envelope=envelope)
        )

    def validate_phyto_xml(self, ephyto_xml: str) -> list[ValidationResult]:
        """Validate certificate XML text without sending it anywhere."""
        return cast(
            list[ValidationResult],
            self.call("ValidatePhytoXML", ephyto_xml=ephyto_xml),
        )

    def get_envelope_tracking_info(self, hub_tracking_number: str) -> EnvelopeHeader:
        """The current header and ``HUBTrackingInfo`` of one sent envelope."""
        return cast(
            EnvelopeHeader,
            self.call(
                "GetEnvelopeTrackingInfo", hub_tracking_number=hub_tracking_number
            ),
        )

    def get_under_delivery_envelope(self) -> list[EnvelopeHeader]:
        """Headers of the caller's sent envelopes that are not final yet."""
        return cast(list[EnvelopeHeader], self.call("GetUnderDeliveryEnvelope"))

    def get_import_envelope_headers(
        self, country_code: str | None = None
    ) -> list[EnvelopeHeader]:
        """Headers of the envelopes waiting for the caller (optionally one sender)."""
        return cast(
            list[EnvelopeHeader],
            self.call("GetImportEnvelopeHeaders", country_code=country_code),
        )

    def pull_single_import_envelope(self, hub_tracking_number: str) -> Envelope:
        """One waiting envelope with its ``Content``."""
        return cast(
            Envelope,
            self.call(
                "PULLSingleImportEnvelope", hub_tracking_number=hub_tracking_number
            ),
        )

    def pull_import_envelope(self) -> list[Envelope]:
        """Every envelope waiting for the caller, with content."""
        return cast(list[Envelope], self.call("PULLImportEnvelope"))

    def acknowledge_envelope_receipt(self, hub_tracking_number: str) -> None:
        """Confirm receipt; the sender then sees ``Delivered``."""
        self.call("AcknowledgeEnvelopeReceipt", hub_tracking_number=hub_tracking_number)

    def advanced_acknowledge_envelope_receipt(
        self, hub_tracking_number: str, warning_message: str
    ) -> str | None:
        """Confirm receipt with a warning (``DeliveredWithWarnings``)."""
        return cast(
            str | None,
            self.call(
                "AdvancedAcknowledgeEnvelopeReceipt",
                hub_tracking_number=hub_tracking_number,
                warning_message=warning_message,
            ),
        )

    def acknowledge_failed_envelope_receipt(
        self, hub_tracking_number: str, message: str
    ) -> str | None:
        """Report an envelope whose content could not be used."""
        return cast(
            str | None,
            self.call(
                "AcknowledgeFailedEnvelopeReceipt",
                hub_tracking_number=hub_tracking_number,
                message=message,
            ),
        )

    def get_active_nppos(self) -> list[Nppo]:
        """Every NPPO connection active on the hub."""
        return cast(list[Nppo], self.call("GetActiveNppos"))

    def get_profile(self) -> Nppo:
        """The caller's own NPPO profile, as the hub knows it from the certificate."""
        return cast(Nppo, self.call("GetProfile"))

    def get_available_channels(self) -> list[str]:
        """Codes of the channels usable as forwarding destinations."""
        return cast(list[str], self.call("GetAvailableChannels"))


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
