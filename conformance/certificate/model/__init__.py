"""Typed records for the ePhyto element tree (section B1 of the certificate notes)."""

from __future__ import annotations

from dataclasses import dataclass

from conformance.certificate.model.common import (
    Address,
    Attachment,
    Country,
    CountrySubdivision,
    Location,
    Measure,
    Note,
    Party,
    PartyIdentifier,
    Text,
    format_date_time,
)
from conformance.certificate.model.consignment import (
    Consignment,
    ConsignmentItem,
    TransportEquipment,
    TransportMovement,
)
from conformance.certificate.model.document import (
    Authentication,
    Clause,
    ExchangedDocument,
    ReferencedDocument,
)
from conformance.certificate.model.trade_line import (
    AppliedProcess,
    Classification,
    Package,
    ProcessCharacteristic,
    ProcessPeriod,
    TradeLine,
)

__all__ = [
    "Address",
    "AppliedProcess",
    "Attachment",
    "Authentication",
    "Certificate",
    "Classification",
    "Clause",
    "Consignment",
    "ConsignmentItem",
    "Country",
    "CountrySubdivision",
    "ExchangedDocument",
    "Location",
    "Measure",
    "Note",
    "Package",
    "Party",
    "PartyIdentifier",
    "ProcessCharacteristic",
    "ProcessPeriod",
    "ReferencedDocument",
    "Text",
    "TradeLine",
    "TransportEquipment",
    "TransportMovement",
    "format_date_time",
]


@dataclass(slots=True)
class Certificate:
    """``rsm:SPSCertificate``: the exchanged document then the consignment."""

    document: ExchangedDocument
    consignment: Consignment
