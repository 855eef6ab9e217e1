"""Acknowledgement faults: lost, repeated, wrongly recorded, or never re-offered."""

from __future__ import annotations

from functools import cached_property

from conformance.hub.entities import Envelope, EnvelopeHeader, TrackingInfo
from conformance.hub.service import (
    ENVELOPE_ALREADY_ACKNOWLEDGED,
    ENVELOPE_NOT_EXISTS,
    HubService,
    HubServiceFault,
    importer,
)

__all__ = [
    "AcknowledgementLostService",
    "AcknowledgementReturnsNothingService",
    "AdvancedSetsDeliveredService",
    "FailedSetsDeliveredService",
    "NeverOfferedAgainService",
    "RedeliveredService",
    "SecondAcknowledgementAcceptedService",
]


class AcknowledgementLostService(HubService):
    """Answers every acknowledgement as done but never records it."""

    def _addressed(self, caller: str, number: str) -> None:
        envelope = self.store.envelope(number or "")
        if envelope is None or envelope.to != caller:
            raise HubServiceFault(
                f"{ENVELOPE_NOT_EXISTS}: no envelope {number!r} addressed to {caller!r}"
            )

    def acknowledge_envelope_receipt(
        self, caller: str, hub_tracking_number: str
    ) -> None:
        """Check the number, then forget the acknowledgement."""
        self._addressed(caller, hub_tracking_number)

    def advanced_acknowledge_envelope_receipt(
        self, caller: str, hub_tracking_number: str, warning_message: str | None = None
    ) -> str:
        """Check the number, then forget the acknowledgement."""
        self._addressed(caller, hub_tracking_number)
        return TrackingInfo.DELIVERED_WITH_WARNINGS.value

    def acknowledge_failed_envelope_receipt(
        self, caller: str, hub_tracking_number: str, message: str | None = None
    ) -> str:
        """Check the number, then forget the acknowledgement."""
        self._addressed(caller, hub_tracking_number)
        return TrackingInfo.DELIVERED_NOT_READABLE.value


class RedeliveredService(HubService):
    """Offers acknowledged envelopes again in later listings and batch pulls."""

    @cached_property
    def _acknowledged(self) -> dict[str, list[str]]:
        return {}

    def _again(self, caller: str, sender: str | None = None) -> list[Envelope]:
        found = (self.store.envelope(n) for n in self._acknowledged.get(caller, []))
        return [
            envelope
            for envelope in found
            if envelope is not None and sender in (None, envelope.from_)
        ]

    def _remember(self, caller: str, number: str) -> None:
        self._acknowledged.setdefault(caller, []).append(number)

    def get_import_envelope_headers(
        self, caller: str, country_code: str | None = None
    ) -> list[EnvelopeHeader]:
        """The waiting envelopes and, again, the acknowledged ones."""
        waiting = super().get_import_envelope_headers(caller, country_code)
        again = self._again(caller, country_code.strip() if country_code else None)
        return waiting + [envelope.header() for envelope in again]

    def pull_import_envelope(self, caller: str) -> list[Envelope]:
        """The waiting envelopes and, again, the acknowledged ones."""
        return super().pull_import_envelope(caller) + self._again(caller)

    def acknowledge_envelope_receipt(
        self, caller: str, hub_tracking_number: str
    ) -> None:
        """Record the acknowledgement, and keep offering the envelope."""
        super().acknowledge_envelope_receipt(caller, hub_tracking_number)
        self._remember(caller, hub_tracking_number)

    def advanced_acknowledge_envelope_receipt(
        self, caller: str, hub_tracking_number: str, warning_message: str | None = None
    ) -> str:
        """Record the acknowledgement, and keep offering the envelope."""
        state = super().advanced_acknowledge_envelope_receipt(
            caller, hub_tracking_number, warning_message
        )
        self._remember(caller, hub_tracking_number)
        return state

    def acknowledge_failed_envelope_receipt(
        self, caller: str, hub_tracking_number: str, message: str | None = None
    ) -> str:
        """Record the acknowledgement, and keep offering the envelope."""
        state = super().acknowledge_failed_envelope_receipt(
            caller, hub_tracking_number, message
        )
        self._remember(caller, hub_tracking_number)
        return state


class NeverOfferedAgainService(HubService):
    """Treats a pull as final: a pulled envelope is never listed or handed out again."""

    @cached_property
    def _pulled(self) -> set[str]:
        return set()

    def get_import_envelope_headers(
        self, caller: str, country_code: str | None = None
    ) -> list[EnvelopeHeader]:
        """The waiting envelopes not pulled yet."""
        headers = super().get_import_envelope_headers(caller, country_code)
        return [h for h in headers if h.hub_delivery_number not in self._pulled]

    def pull_import_envelope(self, caller: str) -> list[Envelope]:
        """The waiting envelopes not pulled yet; now they count as pulled."""
        fresh = [
            envelope
            for envelope in super().pull_import_envelope(caller)
            if envelope.hub_delivery_number not in self._pulled
        ]
        self._pulled.update(e.hub_delivery_number or "" for e in fresh)
        return fresh

    def pull_single_import_envelope(
        self, caller: str, hub_tracking_number: str
    ) -> Envelope:
        """The envelope once; a second pull is refused as unknown."""
        if hub_tracking_number in self._pulled:
            raise HubServiceFault(
                f"{ENVELOPE_NOT_EXISTS}: no envelope {hub_tracking_number!r} "
                f"addressed to {caller!r}"
            )
        envelope = super().pull_single_import_envelope(caller, hub_tracking_number)
        self._pulled.add(hub_tracking_number)
        return envelope


class FailedSetsDeliveredService(HubService):
    """``AcknowledgeFailedEnvelopeReceipt`` records a positive ``Delivered``."""

    def acknowledge_failed_envelope_receipt(
        self, caller: str, hub_tracking_number: str, message: str | None = None
    ) -> str:
        """Store ``Delivered``, answer ``DeliveredNotReadable``."""
        importer.acknowledge(
            self.store,
            caller,
            hub_tracking_number or "",
            kind="AcknowledgeFailedEnvelopeReceipt",
            state=TrackingInfo.DELIVERED,
            message=message,
        )
        return TrackingInfo.DELIVERED_NOT_READABLE.value


class AdvancedSetsDeliveredService(HubService):
    """``AdvancedAcknowledgeEnvelopeReceipt`` drops the warning: ``Delivered``."""

    def advanced_acknowledge_envelope_receipt(
        self, caller: str, hub_tracking_number: str, warning_message: str | None = None
    ) -> str:
        """Store ``Delivered``, answer ``DeliveredWithWarnings``."""
        importer.acknowledge(
            self.store,
            caller,
            hub_tracking_number or "",
            kind="AdvancedAcknowledgeEnvelopeReceipt",
            state=TrackingInfo.DELIVERED,
        )
        return TrackingInfo.DELIVERED_WITH_WARNINGS.value


class SecondAcknowledgementAcceptedService(HubService):
    """Accepts an acknowledgement of an envelope that is already final."""

    def acknowledge_failed_envelope_receipt(
        self, caller: str, hub_tracking_number: str, message: str | None = None
    ) -> str:
        """Answer success even when the envelope was acknowledged before."""
        try:
            return super().acknowledge_failed_envelope_receipt(
                caller, hub_tracking_number, message
            )
        except HubServiceFault as fault:
            if not fault.message.startswith(ENVELOPE_ALREADY_ACKNOWLEDGED):
                raise
            return TrackingInfo.DELIVERED_NOT_READABLE.value

    def acknowledge_envelope_receipt(
        self, caller: str, hub_tracking_number: str
    ) -> None:
        """Answer success even when the envelope was acknowledged before."""
        try:
            super().acknowledge_envelope_receipt(caller, hub_tracking_number)
        except HubServiceFault as fault:
            if not fault.message.startswith(ENVELOPE_ALREADY_ACKNOWLEDGED):
                raise


class AcknowledgementReturnsNothingService(HubService):
    """Advanced and failed acknowledgements answer an empty ``return`` (D2)."""

    def advanced_acknowledge_envelope_receipt(  # type: ignore[override]
        self, caller: str, hub_tracking_number: str, warning_message: str | None = None
    ) -> None:
        """Record the acknowledgement; answer nothing."""
        super().advanced_acknowledge_envelope_receipt(
            caller, hub_tracking_number, warning_message
        )

    def acknowledge_failed_envelope_receipt(  # type: ignore[override]
        self, caller: str, hub_tracking_number: str, message: str | None = None
    ) -> None:
        """Record the acknowledgement; answer nothing."""
        super().acknowledge_failed_envelope_receipt(
            caller, hub_tracking_number, message
        )
