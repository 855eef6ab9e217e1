"""Validation and identity faults: what the hub should refuse, it lets through."""

from __future__ import annotations

from conformance.hub.entities import Envelope, EnvelopeHeader, ValidationResult
from conformance.hub.service import HubService, HubServiceFault

__all__ = [
    "SenderNotVerifiedService",
    "UnregisteredAcceptedService",
    "UnvalidatedDeliveryService",
    "ValidationSilentService",
]


class UnvalidatedDeliveryService(HubService):
    """``ValidateAndDeliverEnvelope`` delivers without validating the content."""

    def validate_and_deliver_envelope(
        self, caller: str, envelope: Envelope
    ) -> EnvelopeHeader:
        """Deliver as ``DeliverEnvelope`` does."""
        return self.deliver_envelope(caller, envelope)


class ValidationSilentService(HubService):
    """``ValidatePhytoXML`` answers no rows, whatever the certificate."""

    def validate_phyto_xml(
        self, caller: str, ephyto_xml: str
    ) -> list[ValidationResult]:
        """No validation rows."""
        return []


class SenderNotVerifiedService(HubService):
    """Trusts the envelope's ``From``: one NPPO's certificate delivers as another."""

    def deliver_envelope(self, caller: str, envelope: Envelope) -> EnvelopeHeader:
        """Deliver as whoever ``From`` names."""
        return super().deliver_envelope(envelope.from_ or caller, envelope)


class UnregisteredAcceptedService(HubService):
    """Accepts a CA-signed certificate registered to no NPPO as the first NPPO."""

    def identify(self, fingerprint: str) -> str:
        """The registered NPPO, or else the first active one."""
        try:
            return super().identify(fingerprint)
        except HubServiceFault:
            active = self.store.active_nppos()
            if not active:
                raise
            return active[0].code
