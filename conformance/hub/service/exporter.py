"""Exporter operations: deliver, validate, and follow one's own envelopes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from conformance.errors import InputError
from conformance.findings import Finding, Level
from conformance.hub.entities import (
    Envelope,
    EnvelopeHeader,
    TrackingInfo,
    ValidationResult,
)
from conformance.hub.service.directory import CERTIFICATE_STATUSES, CERTIFICATE_TYPES
from conformance.hub.store import HubStore

__all__ = [
    "MAX_CONTENT_BYTES",
    "EnvelopeValidator",
    "Validator",
    "deliver",
    "header_problems",
    "tracking_info",
    "under_delivery",
    "validate_and_deliver",
    "validate_phyto_xml",
]

Validator = Callable[[str], Sequence[Finding]]
EnvelopeValidator = Callable[[Envelope], Sequence[Finding]]

# D15: generous, because attachments travel base64-encoded inside the certificate.
MAX_CONTENT_BYTES = 16 * 1024 * 1024

_MANDATORY = (
    ("from_", "From"),
    ("to", "To"),
    ("certificate_type", "CertificateType"),
    ("certificate_status", "CertificateStatus"),
    ("nppo_certificate_number", "NPPOCertificateNumber"),
    ("content", "Content"),
)


def header_problems(store: HubStore, caller: str, envelope: Envelope) -> list[str]:
    """Why the hub refuses this envelope's header (D4, D5, D14, D15, D19); [] if not."""
    missing = [
        wire for name, wire in _MANDATORY if _is_missing(getattr(envelope, name))
    ]
    if missing:
        return [
            f"{wire} is missing; it is mandatory in an envelope" for wire in missing
        ]

    problems: list[str] = []
    sender = store.nppo(caller)
    if sender is not None and not sender.send:
        problems.append(f"From {caller!r} is not allowed to send on this hub")
    if envelope.from_ != caller:
        problems.append(
            f"From {envelope.from_!r} is not the NPPO of the client certificate "
            f"({caller!r}); send as your own connection"
        )
    recipient = store.nppo(envelope.to)
    if recipient is None or not recipient.active:
        problems.append(
            f"To {envelope.to!r} is not an active NPPO on this hub; see GetActiveNppos"
        )
    elif not recipient.receive:
        problems.append(f"To {envelope.to!r} does not receive envelopes")
    if envelope.certificate_type not in CERTIFICATE_TYPES:
        problems.append(
            f"CertificateType {envelope.certificate_type!r} is not allowed; "
            f"use one of {_codes(CERTIFICATE_TYPES)}"
        )
    if envelope.certificate_status not in CERTIFICATE_STATUSES:
        problems.append(
            f"CertificateStatus {envelope.certificate_status!r} is not allowed; "
            f"use one of {_codes(CERTIFICATE_STATUSES)}"
        )
    if envelope.forwardings:
        codes = [forwarding.code for forwarding in envelope.forwardings]
        problems.append(
            f"Forwardings {codes!r} are not supported: this hub is pull-only; "
            "send without Forwardings"
        )
    size = len((envelope.content or "").encode("utf-8"))
    if size > MAX_CONTENT_BYTES:
        problems.append(
            f"Content is {size} bytes, over the {MAX_CONTENT_BYTES} byte limit; "
            "send a smaller certificate"
        )
    return problems


def deliver(store: HubStore, caller: str, envelope: Envelope) -> EnvelopeHeader:
    """``DeliverEnvelope``: check the header and queue the content unopened (D11)."""
    problems = header_problems(store, caller, envelope)
    if problems:
        return _failed(envelope, problems)
    return store.add_envelope(envelope).header()


def validate_and_deliver(
    store: HubStore, caller: str, envelope: Envelope, validator: EnvelopeValidator
) -> EnvelopeHeader:
    """``ValidateAndDeliverEnvelope``: as deliver, refusing SEVERE findings (D3)."""
    problems = header_problems(store, caller, envelope)
    if problems:
        return _failed(envelope, problems)
    try:
        findings = validator(envelope)
    except InputError as err:
        return _failed(envelope, [f"Content cannot be read: {err}"])
    severe = [finding for finding in findings if finding.level == Level.SEVERE]
    if severe:
        return _failed(
            envelope,
            [f"[{f.rule_id}] {f.field}: {f.message}" for f in severe],
        )
    return store.add_envelope(envelope).header()


def validate_phyto_xml(ephyto_xml: str, validator: Validator) -> list[ValidationResult]:
    """``ValidatePhytoXML``: one row per finding, nothing queued."""
    return [
        ValidationResult(
            area=str(finding.area),
            field=finding.field,
            level=str(finding.level),
            msg=finding.hub_message(),
        )
        for finding in validator(ephyto_xml)
    ]


def tracking_info(store: HubStore, caller: str, number: str) -> EnvelopeHeader:
    """``GetEnvelopeTrackingInfo``: the state, for the sender or addressee only."""
    envelope = store.envelope(number)
    if envelope is None or caller not in (envelope.from_, envelope.to):
        # D10, D18: unknown and someone else's look the same, to prevent probing.
        return EnvelopeHeader(
            from_="",
            to="",
            certificate_type=0,
            certificate_status=0,
            nppo_certificate_number="",
            hub_delivery_number=number,
            hub_tracking_info=TrackingInfo.ENVELOPE_NOT_EXISTS.value,
        )
    return envelope.header()


def under_delivery(store: HubStore, caller: str) -> list[EnvelopeHeader]:
    """``GetUnderDeliveryEnvelope``: the caller's sent envelopes not yet final."""
    return [envelope.header() for envelope in store.under_delivery(caller)]


def _failed(envelope: Envelope, problems: list[str]) -> EnvelopeHeader:
    header = envelope.header()
    header.hub_delivery_number = None
    header.hub_tracking_info = TrackingInfo.FAILED_DELIVERY.value
    header.hub_delivery_error_message = "; ".join(problems)
    return header


def _is_missing(value: object) -> bool:
    # The codec reads an absent type or status as 0, a code no document has.
    return value is None or value == 0 or str(value).strip() == ""


def _codes(table: Mapping[int, str]) -> str:
    return ", ".join(str(code) for code in table)
