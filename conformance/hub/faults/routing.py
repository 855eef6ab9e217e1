"""Routing and delivery faults: envelopes reach the wrong NPPO, or too many."""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property

from conformance.hub.entities import Envelope, EnvelopeHeader
from conformance.hub.service import ENVELOPE_NOT_EXISTS, HubService, HubServiceFault
from conformance.hub.store import HubStore

__all__ = [
    "DuplicateMergedService",
    "MisroutedService",
    "SenderFilterIgnoredService",
    "UnderDeliveryEmptyService",
    "VisibleToAllService",
]


def _every_pending(store: HubStore, sender: str | None = None) -> list[Envelope]:
    return [
        envelope
        for nppo in store.active_nppos()
        for envelope in store.pending_for(nppo.code, sender=sender)
    ]


class MisroutedService(HubService):
    """Queues each envelope for another NPPO than its ``To``, answering as if not."""

    def deliver_envelope(self, caller: str, envelope: Envelope) -> EnvelopeHeader:
        """Deliver to the first active NPPO that is neither sender nor addressee."""
        others = sorted(
            nppo.code
            for nppo in self.store.active_nppos()
            if nppo.code not in (envelope.from_, envelope.to)
        )
        if not others:
            return super().deliver_envelope(caller, envelope)
        header = super().deliver_envelope(caller, replace(envelope, to=others[0]))
        header.to = envelope.to
        return header


class VisibleToAllService(HubService):
    """Lists and hands out every waiting envelope to any caller (no ``To`` filter)."""

    def get_import_envelope_headers(
        self, caller: str, country_code: str | None = None
    ) -> list[EnvelopeHeader]:
        """Every waiting envelope on the hub, by sender when given."""
        sender = country_code.strip() if country_code else None
        return [envelope.header() for envelope in _every_pending(self.store, sender)]

    def pull_import_envelope(self, caller: str) -> list[Envelope]:
        """Every waiting envelope on the hub."""
        return _every_pending(self.store)

    def pull_single_import_envelope(
        self, caller: str, hub_tracking_number: str
    ) -> Envelope:
        """Any envelope by number, whoever it is addressed to."""
        envelope = self.store.envelope(hub_tracking_number or "")
        if envelope is None:
            raise HubServiceFault(
                f"{ENVELOPE_NOT_EXISTS}: no envelope {hub_tracking_number!r}"
            )
        return envelope


class SenderFilterIgnoredService(HubService):
    """``GetImportEnvelopeHeaders(countryCode)`` ignores the sender filter."""

    def get_import_envelope_headers(
        self, caller: str, country_code: str | None = None
    ) -> list[EnvelopeHeader]:
        """Everything waiting for the caller, whatever ``countryCode`` says."""
        return super().get_import_envelope_headers(caller, None)


class DuplicateMergedService(HubService):
    """A re-used ``NPPOCertificateNumber`` answers the first envelope's number."""

    @cached_property
    def _first(self) -> dict[tuple[str, str], str]:
        return {}

    def deliver_envelope(self, caller: str, envelope: Envelope) -> EnvelopeHeader:
        """Deliver once per sender and certificate number; repeat the first answer."""
        key = (envelope.from_, envelope.nppo_certificate_number)
        known = self._first.get(key)
        stored = self.store.envelope(known) if known else None
        if stored is not None:
            return stored.header()
        header = super().deliver_envelope(caller, envelope)
        if header.hub_delivery_number:
            self._first[key] = header.hub_delivery_number
        return header


class UnderDeliveryEmptyService(HubService):
    """``GetUnderDeliveryEnvelope`` answers an empty list."""

    def get_under_delivery_envelope(self, caller: str) -> list[EnvelopeHeader]:
        """Nothing, though the caller has envelopes waiting."""
        return []
