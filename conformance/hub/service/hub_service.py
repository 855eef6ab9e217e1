"""``HubService``: the reference hub's operations over its store, one method each."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from conformance.findings import Finding
from conformance.hub.entities import (
    Envelope,
    EnvelopeHeader,
    Nppo,
    TrackingInfo,
    ValidationResult,
)
from conformance.hub.service import directory, exporter, importer
from conformance.hub.service.exporter import EnvelopeValidator, Validator
from conformance.hub.service.faults import NPPO_NOT_FOUND, HubServiceFault
from conformance.hub.store import HubStore
from conformance.validate import validate_certificate, validate_envelope

__all__ = ["METHODS", "HubService"]

METHODS: Mapping[str, str] = MappingProxyType(
    {
        "DeliverEnvelope": "deliver_envelope",
        "ValidateAndDeliverEnvelope": "validate_and_deliver_envelope",
        "ValidatePhytoXML": "validate_phyto_xml",
        "GetEnvelopeTrackingInfo": "get_envelope_tracking_info",
        "GetUnderDeliveryEnvelope": "get_under_delivery_envelope",
        "GetImportEnvelopeHeaders": "get_import_envelope_headers",
        "PULLSingleImportEnvelope": "pull_single_import_envelope",
        "PULLImportEnvelope": "pull_import_envelope",
        "AcknowledgeEnvelopeReceipt": "acknowledge_envelope_receipt",
        "AdvancedAcknowledgeEnvelopeReceipt": "advanced_acknowledge_envelope_receipt",
        "AcknowledgeFailedEnvelopeReceipt": "acknowledge_failed_envelope_receipt",
        "GetActiveNppos": "get_active_nppos",
        "GetProfile": "get_profile",
        "GetAvailableChannels": "get_available_channels",
    }
)
"""Wire operation name -> ``HubService`` method name."""


class HubService:
    """The behaviour of the reference hub (``docs/hub-decisions.md``, D1-D20).

    Every operation takes the caller's NPPO code first (proved by its client
    certificate) and the codec's parameter names. Refusals that the contract answers
    as faults raise ``HubServiceFault``.

    Example::

        service = HubService(HubStore.open(state_dir))
        header = service.deliver_envelope("NL", envelope)
    """

    def __init__(
        self,
        store: HubStore,
        validator: Validator = validate_certificate,
        envelope_validator: EnvelopeValidator | None = None,
    ) -> None:
        self.store = store
        self.validator = validator
        # ValidateAndDeliverEnvelope also holds the header against the body (D3).
        # A replaced content validator steers it too, so tests and injected faults
        # need to replace only one function.
        if envelope_validator is None:
            envelope_validator = (
                validate_envelope
                if validator is validate_certificate
                else _content_only(validator)
            )
        self.envelope_validator = envelope_validator

    def identify(self, fingerprint: str) -> str:
        """The active NPPO holding the certificate with this fingerprint (D17)."""
        nppo = self.store.nppo_by_fingerprint(fingerprint)
        if nppo is None or not nppo.active:
            raise HubServiceFault(NPPO_NOT_FOUND)
        return nppo.code

    def call(self, operation: str, caller: str, params: Mapping[str, Any]) -> object:
        """Run wire operation ``operation`` for ``caller`` with decoded ``params``."""
        method = METHODS.get(operation)
        if method is None:
            raise HubServiceFault(
                f"operation {operation!r} is not implemented by the reference hub"
            )
        return getattr(self, method)(caller, **params)

    def deliver_envelope(self, caller: str, envelope: Envelope) -> EnvelopeHeader:
        """Queue an envelope after the header checks (D4, D5, D14, D15, D19)."""
        return exporter.deliver(self.store, caller, envelope)

    def validate_and_deliver_envelope(
        self, caller: str, envelope: Envelope
    ) -> EnvelopeHeader:
        """Queue an envelope whose content has no SEVERE finding (D3)."""
        return exporter.validate_and_deliver(
            self.store, caller, envelope, self.envelope_validator
        )

    def validate_phyto_xml(
        self, caller: str, ephyto_xml: str
    ) -> list[ValidationResult]:
        """Validate a certificate without queueing anything."""
        return exporter.validate_phyto_xml(ephyto_xml or "", self.validator)

    def get_envelope_tracking_info(
        self, caller: str, hub_tracking_number: str
    ) -> EnvelopeHeader:
        """The tracking state of an envelope the caller sent or receives (D10, D18)."""
        return exporter.tracking_info(self.store, caller, hub_tracking_number or "")

    def get_under_delivery_envelope(self, caller: str) -> list[EnvelopeHeader]:
        """The caller's sent envelopes that are not final."""
        return exporter.under_delivery(self.store, caller)

    def get_import_envelope_headers(
        self, caller: str, country_code: str | None = None
    ) -> list[EnvelopeHeader]:
        """Headers waiting for the caller, filtered on the sender when given (D7)."""
        return importer.import_headers(self.store, caller, country_code)

    def pull_single_import_envelope(
        self, caller: str, hub_tracking_number: str
    ) -> Envelope:
        """One envelope addressed to the caller, content unchanged (D10, D11)."""
        return importer.pull_single(self.store, caller, hub_tracking_number or "")

    def pull_import_envelope(self, caller: str) -> list[Envelope]:
        """Every envelope waiting for the caller (D8)."""
        return importer.pull_all(self.store, caller)

    def acknowledge_envelope_receipt(
        self, caller: str, hub_tracking_number: str
    ) -> None:
        """Positive acknowledgement: ``Delivered`` (D9)."""
        importer.acknowledge(
            self.store,
            caller,
            hub_tracking_number or "",
            kind="AcknowledgeEnvelopeReceipt",
            state=TrackingInfo.DELIVERED,
        )

    def advanced_acknowledge_envelope_receipt(
        self, caller: str, hub_tracking_number: str, warning_message: str | None = None
    ) -> str:
        """Acknowledgement with a warning: ``DeliveredWithWarnings`` (D2, D9)."""
        state = TrackingInfo.DELIVERED_WITH_WARNINGS
        importer.acknowledge(
            self.store,
            caller,
            hub_tracking_number or "",
            kind="AdvancedAcknowledgeEnvelopeReceipt",
            state=state,
            message=warning_message,
        )
        return state.value

    def acknowledge_failed_envelope_receipt(
        self, caller: str, hub_tracking_number: str, message: str | None = None
    ) -> str:
        """Negative acknowledgement: ``DeliveredNotReadable`` (D1, D2, D9)."""
        state = TrackingInfo.DELIVERED_NOT_READABLE
        importer.acknowledge(
            self.store,
            caller,
            hub_tracking_number or "",
            kind="AcknowledgeFailedEnvelopeReceipt",
            state=state,
            message=message,
        )
        return state.value

    def get_active_nppos(self, caller: str) -> list[Nppo]:
        """All active NPPOs with the documents they exchange (D14)."""
        return directory.active_nppos(self.store)

    def get_profile(self, caller: str) -> Nppo:
        """The caller's own connection."""
        return directory.profile(self.store, caller)

    def get_available_channels(self, caller: str) -> list[str]:
        """No channels: the reference hub is pull-only (D19)."""
        return []


def _content_only(validator: Validator) -> EnvelopeValidator:
    def validate(envelope: Envelope) -> list[Finding]:
        return list(validator(envelope.content or ""))

    return validate
