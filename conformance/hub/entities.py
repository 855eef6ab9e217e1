"""Hub entities of the ``DeliveryService`` contract, as plain records.

Field names are the WSDL's in snake case; :mod:`conformance.hub.codec` maps them to
the exact element names (``hubDeliveryNumber`` in the header, ``HubDeliveryNumber``
in a forwarding).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields

__all__ = [
    "FINAL_STATES",
    "AllowedDocument",
    "CdataText",
    "Envelope",
    "EnvelopeForwarding",
    "EnvelopeHeader",
    "Nppo",
    "TrackingInfo",
    "ValidationResult",
]


class TrackingInfo(enum.StrEnum):
    """``HUBTrackingInfo``: the six values of the published enumeration."""

    PENDING_DELIVERY = "PendingDelivery"
    DELIVERED = "Delivered"
    DELIVERED_WITH_WARNINGS = "DeliveredWithWarnings"
    DELIVERED_NOT_READABLE = "DeliveredNotReadable"
    FAILED_DELIVERY = "FailedDelivery"
    ENVELOPE_NOT_EXISTS = "EnvelopeNotExists"


# States an envelope never leaves; they drop out of GetUnderDeliveryEnvelope.
FINAL_STATES = frozenset(
    {
        TrackingInfo.DELIVERED,
        TrackingInfo.DELIVERED_WITH_WARNINGS,
        TrackingInfo.DELIVERED_NOT_READABLE,
        TrackingInfo.FAILED_DELIVERY,
    }
)


class CdataText(str):
    """Content text to be written as a CDATA section rather than escaped.

    Some senders (the Sri Lanka client among them) wrap the certificate in CDATA;
    the receiver reads the same characters either way, only the wire form differs.
    """

    __slots__ = ()


@dataclass(slots=True)
class EnvelopeForwarding:
    """An extra destination of an envelope (``hub:EnvelopeForwarding``)."""

    code: str
    hub_delivery_number: str | None = None


@dataclass(slots=True)
class EnvelopeHeader:
    """``hub:EnvelopeHeader``: routing data the hub reads; the body is not opened."""

    from_: str
    to: str
    certificate_type: int
    certificate_status: int
    nppo_certificate_number: str
    hub_delivery_number: str | None = None
    hub_tracking_info: str | None = None
    hub_delivery_error_message: str | None = None
    forwardings: list[EnvelopeForwarding] = field(default_factory=list)

    def header(self) -> EnvelopeHeader:
        """This record's header fields alone (drops ``content`` from an envelope)."""
        return EnvelopeHeader(
            **{f.name: getattr(self, f.name) for f in fields(EnvelopeHeader)}
        )


@dataclass(slots=True)
class Envelope(EnvelopeHeader):
    """``hub:Envelope``: a header plus ``Content``, the certificate as text."""

    content: str | None = None


@dataclass(slots=True)
class AllowedDocument:
    """``eph:allowedDocument``: a certificate type and status an NPPO exchanges."""

    certificate_type: int
    certificate_status: int
    active: bool = True
    type_label: str = ""
    status_label: str = ""


@dataclass(slots=True)
class Nppo:
    """``hub:Nppo``: one connection on the hub."""

    country: str
    receive: bool = True
    send: bool = True
    allowed_documents: list[AllowedDocument] = field(default_factory=list)
    signature_dn: str | None = None
    signature_certificate: str | None = None


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """``eph:ValidationResult``: one row of ``ValidatePhytoXML``."""

    area: str
    field: str
    level: str
    msg: str
