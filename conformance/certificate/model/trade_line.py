"""``ram:IncludedSPSTradeLineItem``: one commodity line of a consignment item."""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance.certificate.model.common import Country, Measure, Note, Text

__all__ = [
    "AppliedProcess",
    "Classification",
    "Package",
    "ProcessCharacteristic",
    "ProcessPeriod",
    "TradeLine",
]


@dataclass(slots=True)
class Classification:
    """``ApplicableSPSClassification``: HS code or an IPPC class (commodity, condition)."""

    system_name: str
    class_code: str | None = None
    class_names: list[Text] = field(default_factory=list)


@dataclass(slots=True)
class Package:
    """``PhysicalSPSPackage``: level (1 = outer), Rec 21 type and decimal quantity."""

    level_code: str
    type_code: str
    quantity: str


@dataclass(slots=True)
class ProcessPeriod:
    """``CompletionSPSPeriod`` of a treatment: start, end and duration."""

    start: str | None = None
    end: str | None = None
    duration: Measure | None = None


@dataclass(slots=True)
class ProcessCharacteristic:
    """A treatment characteristic: first description is the code (TTL1 ...)."""

    descriptions: list[Text] = field(default_factory=list)
    value: Measure | None = None


@dataclass(slots=True)
class AppliedProcess:
    """``AppliedSPSProcess``: one treatment, described by its characteristics."""

    type_code: str = "ZZZ"
    period: ProcessPeriod | None = None
    characteristics: list[ProcessCharacteristic] = field(default_factory=list)


@dataclass(slots=True)
class TradeLine:
    """One commodity line: descriptions, names, measures, notes, packages, origin."""

    sequence: int
    descriptions: list[Text]
    origin_countries: list[Country]
    common_names: list[Text] = field(default_factory=list)
    scientific_names: list[Text] = field(default_factory=list)
    intended_uses: list[Text] = field(default_factory=list)
    net_weight: Measure | None = None
    gross_weight: Measure | None = None
    net_volume: Measure | None = None
    gross_volume: Measure | None = None
    notes: list[Note] = field(default_factory=list)
    classifications: list[Classification] = field(default_factory=list)
    packages: list[Package] = field(default_factory=list)
    processes: list[AppliedProcess] = field(default_factory=list)
