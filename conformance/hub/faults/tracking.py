"""Tracking faults: states that never move, numbers that seem not to exist."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.hub.entities import Envelope, EnvelopeHeader, TrackingInfo
from conformance.hub.service import (
    ENVELOPE_NOT_EXISTS,
    HubService,
    HubServiceFault,
)

__all__ = [
    "AddresseeCannotTrackService",
    "KnownNumberNotExistsService",
    "StuckPendingService",
    "ThirdNppoAcknowledgesService",
    "UnknownNumberWordingService",
]


def _not_exists(number: str) -> EnvelopeHeader:
    return EnvelopeHeader(
        from_="",
        to="",
        certificate_type=0,
        certificate_status=0,
        nppo_certificate_number="",
        hub_delivery_number=number,
        hub_tracking_info=TrackingInfo.ENVELOPE_NOT_EXISTS.value,
    )


class StuckPendingService(HubService):
    """Tracking answers ``PendingDelivery`` for every known envelope, forever."""

    def get_envelope_tracking_info(
        self, caller: str, hub_tracking_number: str
    ) -> EnvelopeHeader:
        """The real header with its state frozen at ``PendingDelivery``."""
        header = super().get_envelope_tracking_info(caller, hub_tracking_number)
        if header.hub_tracking_info != TrackingInfo.ENVELOPE_NOT_EXISTS:
            header.hub_tracking_info = TrackingInfo.PENDING_DELIVERY.value
            header.hub_delivery_error_message = None
        return header


class AddresseeCannotTrackService(HubService):
    """Tracking looks only at the sender: the addressee gets ``EnvelopeNotExists``."""

    def get_envelope_tracking_info(
        self, caller: str, hub_tracking_number: str
    ) -> EnvelopeHeader:
        """The header for the sender only."""
        envelope = self.store.envelope(hub_tracking_number or "")
        if envelope is not None and envelope.from_ != caller:
            return _not_exists(hub_tracking_number)
        return super().get_envelope_tracking_info(caller, hub_tracking_number)


class KnownNumberNotExistsService(HubService):
    """``PULLSingleImportEnvelope`` answers ``EnvelopeNotExists`` for a known number."""

    def pull_single_import_envelope(
        self, caller: str, hub_tracking_number: str
    ) -> Envelope:
        """Refuse every single pull, as if the number were unknown."""
        raise HubServiceFault(
            f"{ENVELOPE_NOT_EXISTS}: no envelope {hub_tracking_number!r} "
            f"addressed to {caller!r}"
        )


class UnknownNumberWordingService(HubService):
    """Refusals of unknown numbers say ``Envelope not found``, not the agreed prefix."""

    def call(self, operation: str, caller: str, params: Mapping[str, Any]) -> object:
        """Run the operation; reword an ``EnvelopeNotExists`` refusal."""
        try:
            return super().call(operation, caller, params)
        except HubServiceFault as fault:
            if not fault.message.startswith(ENVELOPE_NOT_EXISTS):
                raise
            raise HubServiceFault(
                "Envelope not found" + fault.message.removeprefix(ENVELOPE_NOT_EXISTS)
            ) from fault


class ThirdNppoAcknowledgesService(HubService):
    """Any NPPO may acknowledge any envelope, not only its addressee."""

    def acknowledge_envelope_receipt(
        self, caller: str, hub_tracking_number: str
    ) -> None:
        """Acknowledge in the addressee's name, whoever calls."""
        envelope = self.store.envelope(hub_tracking_number or "")
        addressee = envelope.to if envelope is not None else caller
        super().acknowledge_envelope_receipt(addressee, hub_tracking_number)
