"""Writing ``rsm:SPSConsignment``: parties, countries, transport, trade lines."""

from __future__ import annotations

from conformance.certificate import _xml
from conformance.certificate.model import (
    AppliedProcess,
    Consignment,
    Country,
    Party,
    TradeLine,
)
from conformance.errors import UsageError

__all__ = ["write_consignment"]

_ADDRESS_LINES = ("LineOne", "LineTwo", "LineThree", "LineFour", "LineFive")


def _party(out: list[str], name: str, party: Party) -> None:
    out.append(f"<ram:{name}>")
    _xml.write_leaf(out, "Name", party.name)
    for identifier in party.identifiers:
        attrs = ""
        if identifier.list_name is not None:
            attrs = f' listName="{_xml.escape_attr(identifier.list_name)}"'
        out.append(
            f"<ram:TypeCode{attrs}>{_xml.escape_text(identifier.value)}</ram:TypeCode>"
        )
    address = party.address
    if address is not None:
        if not 1 <= len(address.lines) <= len(_ADDRESS_LINES):
            raise UsageError(
                f"address of {party.name!r} has {len(address.lines)} lines; "
                "SpecifiedSPSAddress holds one to five, merge or drop lines"
            )
        out.append("<ram:SpecifiedSPSAddress>")
        for element, line in zip(_ADDRESS_LINES, address.lines):
            _xml.write_leaf(out, element, line)
        out.append("</ram:SpecifiedSPSAddress>")
    out.append(f"</ram:{name}>")


def _country(out: list[str], name: str, country: Country) -> None:
    out.append(f"<ram:{name}>")
    _xml.write_leaf(out, "ID", country.id)
    _xml.write_leaf(out, "Name", country.name)
    subdivision = country.subdivision
    if subdivision is not None:
        out.append("<ram:SubordinateSPSCountrySubDivision>")
        _xml.write_text(out, "Name", subdivision.name)
        if subdivision.hierarchical_level_code is not None:
            _xml.write_leaf(
                out, "HierarchicalLevelCode", subdivision.hierarchical_level_code
            )
        out.append("</ram:SubordinateSPSCountrySubDivision>")
    out.append(f"</ram:{name}>")


def write_consignment(out: list[str], consignment: Consignment) -> None:
    _party(out, "ConsignorSPSParty", consignment.consignor)
    _party(out, "ConsigneeSPSParty", consignment.consignee)
    _country(
        out,
        "ExportSPSCountry",
        Country(consignment.export_country, consignment.export_country_name),
    )
    _country(
        out,
        "ImportSPSCountry",
        Country(consignment.import_country, consignment.import_country_name),
    )
    for transit in consignment.transit_countries:
        _country(out, "TransitSPSCountry", transit)
    if consignment.unloading_baseport is not None:
        _xml.write_location(
            out, "UnloadingBaseportSPSLocation", consignment.unloading_baseport
        )
    out.append("<ram:ExaminationSPSEvent><ram:OccurrenceSPSLocation>")
    _xml.write_leaf(out, "Name", consignment.examination_location_name)
    out.append("</ram:OccurrenceSPSLocation></ram:ExaminationSPSEvent>")
    for movement in consignment.transport_movements:
        out.append("<ram:MainCarriageSPSTransportMovement>")
        if movement.id is not None:
            _xml.write_leaf(out, "ID", movement.id)
        _xml.write_leaf(out, "ModeCode", movement.mode_code)
        if movement.means_name is not None:
            out.append("<ram:UsedSPSTransportMeans>")
            _xml.write_text(out, "Name", movement.means_name)
            out.append("</ram:UsedSPSTransportMeans>")
        out.append("</ram:MainCarriageSPSTransportMovement>")
    for equipment in consignment.equipment:
        out.append("<ram:UtilizedSPSTransportEquipment>")
        _xml.write_leaf(out, "ID", equipment.id)
        for seal in equipment.seals:
            out.append("<ram:AffixedSPSSeal>")
            _xml.write_leaf(out, "ID", seal)
            out.append("</ram:AffixedSPSSeal>")
        out.append("</ram:UtilizedSPSTransportEquipment>")
    for item in consignment.items:
        out.append("<ram:IncludedSPSConsignmentItem>")
        if item.cargo_type_code is not None:
            out.append("<ram:NatureIdentificationSPSCargo>")
            _xml.write_leaf(out, "TypeCode", item.cargo_type_code)
            out.append("</ram:NatureIdentificationSPSCargo>")
        for line in item.trade_lines:
            _trade_line(out, line)
        out.append("</ram:IncludedSPSConsignmentItem>")


def _trade_line(out: list[str], line: TradeLine) -> None:
    out.append("<ram:IncludedSPSTradeLineItem>")
    _xml.write_leaf(out, "SequenceNumeric", str(line.sequence))
    for name, texts in (
        ("Description", line.descriptions),
        ("CommonName", line.common_names),
        ("ScientificName", line.scientific_names),
        ("IntendedUse", line.intended_uses),
    ):
        for text in texts:
            _xml.write_text(out, name, text)
    for name, measure in (
        ("NetWeightMeasure", line.net_weight),
        ("GrossWeightMeasure", line.gross_weight),
        ("NetVolumeMeasure", line.net_volume),
        ("GrossVolumeMeasure", line.gross_volume),
    ):
        if measure is not None:
            _xml.write_measure(out, name, measure)
    for note in line.notes:
        _xml.write_note(out, "AdditionalInformationSPSNote", note)
    for classification in line.classifications:
        out.append("<ram:ApplicableSPSClassification>")
        _xml.write_leaf(out, "SystemName", classification.system_name)
        if classification.class_code is not None:
            _xml.write_leaf(out, "ClassCode", classification.class_code)
        for class_name in classification.class_names:
            _xml.write_text(out, "ClassName", class_name)
        out.append("</ram:ApplicableSPSClassification>")
    for package in line.packages:
        out.append("<ram:PhysicalSPSPackage>")
        _xml.write_leaf(out, "LevelCode", package.level_code)
        _xml.write_leaf(out, "TypeCode", package.type_code)
        _xml.write_leaf(out, "ItemQuantity", package.quantity)
        out.append("</ram:PhysicalSPSPackage>")
    for origin in line.origin_countries:
        _country(out, "OriginSPSCountry", origin)
    for process in line.processes:
        _applied_process(out, process)
    out.append("</ram:IncludedSPSTradeLineItem>")


def _applied_process(out: list[str], process: AppliedProcess) -> None:
    out.append("<ram:AppliedSPSProcess>")
    _xml.write_leaf(out, "TypeCode", process.type_code)
    period = process.period
    if period is not None:
        out.append("<ram:CompletionSPSPeriod>")
        if period.start is not None:
            _xml.write_date_time(out, "StartDateTime", period.start)
        if period.end is not None:
            _xml.write_date_time(out, "EndDateTime", period.end)
        if period.duration is not None:
            _xml.write_measure(out, "DurationMeasure", period.duration)
        out.append("</ram:CompletionSPSPeriod>")
    for characteristic in process.characteristics:
        out.append("<ram:ApplicableSPSProcessCharacteristic>")
        for description in characteristic.descriptions:
            _xml.write_text(out, "Description", description)
        if characteristic.value is not None:
            _xml.write_measure(out, "ValueMeasure", characteristic.value)
        out.append("</ram:ApplicableSPSProcessCharacteristic>")
    out.append("</ram:AppliedSPSProcess>")
