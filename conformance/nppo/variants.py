"""Faulty variants of the reference national system: one integration bug each.

Each variant overrides one step of :class:`ReferenceSystem` the way real national
systems have got it wrong; ``caught_by`` names the checks that must fail for it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from conformance.errors import HubError
from conformance.hub.entities import Envelope, EnvelopeHeader, TrackingInfo
from conformance.nppo.adapters import ExportRequest
from conformance.nppo.reference import ReferenceSystem, Verdict
from conformance.nppo.scenarios import ACKNOWLEDGE, FAILED

__all__ = ["VARIANTS", "Variant"]

logger = logging.getLogger(__name__)

# Envelopes the backlog-dropping variant handles per listing, like a fixed page.
_PAGE = 10


class _AcksBeforeStoring(ReferenceSystem):
    def receive(self, header: EnvelopeHeader) -> None:
        number = header.hub_delivery_number or ""
        envelope = self.client.pull_single_import_envelope(number)
        verdict = self.read(envelope)
        self.acknowledge(number, verdict)
        self.keep(envelope, verdict)


class _NeverAcknowledges(ReferenceSystem):
    def acknowledge(self, number: str, verdict: Verdict) -> None:
        return None


class _UnreadableAsDelivered(ReferenceSystem):
    def read(self, envelope: Envelope) -> Verdict:
        verdict = super().read(envelope)
        return Verdict(ACKNOWLEDGE) if verdict.kind == FAILED else verdict


class _PullsOwnExports(ReferenceSystem):
    def cycle(self) -> None:
        for header in self.client.get_under_delivery_envelope():
            try:
                self.client.pull_single_import_envelope(
                    header.hub_delivery_number or ""
                )
            except HubError as err:
                logger.info("own export not pullable: %s", err)
        super().cycle()


class _ResendsOnNotExists(ReferenceSystem):
    def confirm(self, envelope: Envelope, number: str) -> None:
        # Tracks by its own certificate number instead of the hubDeliveryNumber.
        header = self.client.get_envelope_tracking_info(
            envelope.nppo_certificate_number
        )
        if header.hub_tracking_info == TrackingInfo.ENVELOPE_NOT_EXISTS.value:
            again = self.client.deliver_envelope(envelope)
            if again.hub_delivery_number:
                self.store.save_sent(
                    again.hub_delivery_number, envelope.nppo_certificate_number
                )


class _AcknowledgesTwice(ReferenceSystem):
    def acknowledge(self, number: str, verdict: Verdict) -> None:
        super().acknowledge(number, verdict)
        try:
            # A retry after a read timeout it believed had lost the first answer.
            super().acknowledge(number, verdict)
        except HubError as err:
            logger.info("second acknowledgement refused: %s", err)


class _TextContentOnly(ReferenceSystem):
    def read(self, envelope: Envelope) -> Verdict:
        if not (envelope.content or "").lstrip().startswith("<"):
            return Verdict(FAILED, "cannot parse Content: not XML")
        return super().read(envelope)


class _DropsBacklog(ReferenceSystem):
    def select(self, headers: list[EnvelopeHeader]) -> list[EnvelopeHeader]:
        seen: set[str] = getattr(self, "_seen", set())
        self._seen = seen
        fresh = [h for h in headers if h.hub_delivery_number not in seen]
        # Marks the whole listing as seen but handles one page of it.
        seen.update(h.hub_delivery_number or "" for h in fresh)
        return fresh[:_PAGE]


class _AcksOnHeader(ReferenceSystem):
    def receive(self, header: EnvelopeHeader) -> None:
        number = header.hub_delivery_number or ""
        self.acknowledge(number, Verdict(ACKNOWLEDGE))
        envelope = self.client.pull_single_import_envelope(number)
        self.keep(envelope, self.read(envelope))


class _HeaderStatusAlways70(ReferenceSystem):
    def export_envelope(self, request: ExportRequest) -> Envelope:
        envelope = super().export_envelope(request)
        envelope.certificate_status = 70
        return envelope


class _SevereAsDelivered(ReferenceSystem):
    def read(self, envelope: Envelope) -> Verdict:
        verdict = super().read(envelope)
        return verdict if verdict.kind == FAILED else Verdict(ACKNOWLEDGE)


class _ExportsLocalTime(ReferenceSystem):
    def export_envelope(self, request: ExportRequest) -> Envelope:
        envelope = super().export_envelope(request)
        content = envelope.content or ""
        # Local time written without its UTC offset.
        envelope.content = content.replace("T09:30:00+02:00", "T09:30:00", 1)
        return envelope


@dataclass(frozen=True, slots=True)
class Variant:
    """One faulty national system: its name, the bug, and the checks that catch it."""

    name: str
    description: str
    system: type[ReferenceSystem]
    caught_by: tuple[str, ...]


_ALL = (
    Variant(
        "acks-before-storing",
        "acknowledges, then stores the certificate",
        _AcksBeforeStoring,
        ("NPPO-IMP-007",),
    ),
    Variant(
        "never-acknowledges",
        "pulls and stores but never acknowledges",
        _NeverAcknowledges,
        ("NPPO-IMP-001", "NPPO-IMP-006"),
    ),
    Variant(
        "unreadable-as-delivered",
        "acknowledges content it could not parse as delivered",
        _UnreadableAsDelivered,
        ("NPPO-IMP-003",),
    ),
    Variant(
        "pulls-own-exports",
        "treats its own sent envelopes as its inbox and pulls them",
        _PullsOwnExports,
        ("NPPO-ACK-003",),
    ),
    Variant(
        "resends-on-not-exists",
        "tracks by certificate number, gets EnvelopeNotExists and sends again",
        _ResendsOnNotExists,
        ("NPPO-EXP-004",),
    ),
    Variant(
        "acknowledges-twice",
        "retries every acknowledgement once",
        _AcknowledgesTwice,
        ("NPPO-ACK-002",),
    ),
    Variant(
        "text-content-only",
        "reads Content only as XML text; base64 (UTF-8 or UTF-16) fails",
        _TextContentOnly,
        ("NPPO-IMP-002",),
    ),
    Variant(
        "drops-backlog",
        f"handles {_PAGE} envelopes of a listing and marks the rest as seen",
        _DropsBacklog,
        ("NPPO-IMP-006",),
    ),
    Variant(
        "acks-on-header",
        "acknowledges from the header listing, then pulls",
        _AcksOnHeader,
        ("NPPO-ACK-001",),
    ),
    Variant(
        "header-status-always-70",
        "writes CertificateStatus 70 in every header, even for a withdrawal",
        _HeaderStatusAlways70,
        ("NPPO-EXP-003",),
    ),
    Variant(
        "severe-as-delivered",
        "ignores validation: SEVERE findings get a plain acknowledgement",
        _SevereAsDelivered,
        ("NPPO-IMP-004",),
    ),
    Variant(
        "exports-local-time",
        "sends IssueDateTime in local time without its UTC offset",
        _ExportsLocalTime,
        ("NPPO-EXP-002",),
    ),
)

VARIANTS: Mapping[str, Variant] = MappingProxyType({v.name: v for v in _ALL})
"""Every faulty variant by name."""
