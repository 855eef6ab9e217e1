"""``rsm:SPSConsignment``: parties, countries, transport and the consignment items."""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance.certificate.model.common import Country, Location, Party, Text
from conformance.certificate.model.trade_line import TradeLine

__all__ = [
    "Consignment",
    "ConsignmentItem",
    "TransportEquipment",
    "TransportMovement",
]


@dataclass(slots=True)
class TransportMovement:
    """``MainCarriageSPSTransportMovement``: Rec 19 mode, voyage number, vessel."""

    mode_code: str
    id: str | None = None
    means_name: Text | None = None


@dataclass(slots=True)
class TransportEquipment:
    """``UtilizedSPSTransportEquipment``: a container number and its seals."""

    id: str
    seals: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ConsignmentItem:
    """``IncludedSPSConsignmentItem``: one or more trade lines."""

    trade_lines: list[TradeLine]
    cargo_type_code: str | None = None


@dataclass(slots=True)
class Consignment:
    """The consignment: ``export_country`` and ``import_country`` are ISO codes."""

    consignor: Party
    consignee: Party
    export_country: str
    import_country: str
    items: list[ConsignmentItem]
    transit_countries: list[Country] = field(default_factory=list)
    unloading_baseport: Location | None = None
    transport_movements: list[TransportMovement] = field(default_factory=list)
    equipment: list[TransportEquipment] = field(default_factory=list)
    export_country_name: str = ""
    import_country_name: str = ""
    examination_location_name: str = ""
