"""One typed method per ``DeliveryService`` operation, over a client's ``call``.

Both the httpx ``HubClient`` and the load tests' gevent client send through their
own ``call``; the operations' names, parameters and result types live here once.
"""

from __future__ import annotations

from typing import Any, cast

from conformance.hub.entities import Envelope, EnvelopeHeader, Nppo, ValidationResult

__all__ = ["OperationMethods"]


class OperationMethods:
    """The operations as methods; a subclass supplies ``call``."""

    def call(self, operation: str, **params: Any) -> object:
        """Send ``operation`` with ``params``; return the decoded result."""
        raise NotImplementedError

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
