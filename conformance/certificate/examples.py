"""Hand-written certificates: the fixtures under ``fixtures/certificates`` and a
starting point for tests and checks. Each call returns a fresh, mutable copy.
"""

from __future__ import annotations

from conformance.certificate.model import (
    Address,
    AppliedProcess,
    Attachment,
    Authentication,
    Certificate,
    Classification,
    Clause,
    Consignment,
    ConsignmentItem,
    Country,
    CountrySubdivision,
    ExchangedDocument,
    Location,
    Measure,
    Note,
    Package,
    Party,
    PartyIdentifier,
    ProcessCharacteristic,
    ProcessPeriod,
    ReferencedDocument,
    Text,
    TradeLine,
    TransportEquipment,
    TransportMovement,
)

__all__ = [
    "EXAMPLES",
    "full_851",
    "minimal_851",
    "reexport_657",
    "replacement_851",
    "withdrawal_851",
]

# A tiny but real PDF header, so the attachment decodes to something recognisable.
_PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def minimal_851() -> Certificate:
    """The smallest valid 851 (NL to KE): mandatory elements and one package."""
    return Certificate(
        document=ExchangedDocument(
            id="NL-2024-000001",
            type_code="851",
            status_code="70",
            issue_date_time="2024-05-02T09:30:00+02:00",
            issuer_name="Netherlands Food and Consumer Product Safety Authority",
            signatory=Authentication(
                issue_location=Location("Rotterdam"),
                officer_name="J. de Vries",
                clauses=[Clause("1")],
                actual_date_time="2024-05-02T09:30:00+02:00",
            ),
        ),
        consignment=Consignment(
            consignor=Party("Bloemen Export B.V."),
            consignee=Party("Nairobi Flora Ltd"),
            export_country="NL",
            import_country="KE",
            items=[
                ConsignmentItem(
                    [
                        TradeLine(
                            sequence=1,
                            descriptions=[Text("Tulip bulbs", "en")],
                            origin_countries=[Country("NL")],
                            # B4 rule 6: coded packages or an OPTND note.
                            packages=[Package("1", "BX", "120")],
                        )
                    ]
                )
            ],
        ),
    )


def full_851() -> Certificate:
    """An 851 (CL to NL) using every branch: transport, treatment, attachment, notes."""
    certificate = minimal_851()
    document = certificate.document
    document.id = "CL-2024-SAG-004711"
    document.issue_date_time = "2024-03-14T16:05:00-03:00"
    document.issuer_name = "Servicio Agrícola y Ganadero"
    document.notes = [
        Note("SPSFL", [Text("5")]),
        Note("ADEDL", [Text("Consignment free from Lobesia botrana.", "en")]),
        Note("ADIPEDL", [Text("IP-NL-2024/0815")]),
        Note("ADDIEDL", [Text("2024-03-12")]),
        Note("DMCL", [Text('Lot "A&B" <export>')]),
    ]
    document.signatory = Authentication(
        issue_location=Location("San Antonio, Valparaíso", "CLSAI"),
        officer_name="María José Núñez",
        clauses=[Clause("1"), Clause("2")],
        actual_date_time="2024-03-14T16:05:00-03:00",
    )
    document.referenced_documents = [
        ReferencedDocument(
            relationship_type_code="ZZZ",
            id="LAB-2024-0099",
            issue_date_time="2024-03-11T10:00:00-03:00",
            attachment=Attachment.from_bytes(
                _PDF, filename="lab-report.pdf", mime_code="application/pdf"
            ),
            information=Text("Laboratory report", "en"),
        )
    ]
    consignment = certificate.consignment
    consignment.consignor = Party(
        "Frutícola del Valle S.A.",
        identifiers=[PartyIdentifier("76.123.456-7", "NationalRegistrationNumber")],
        address=Address(["Camino Real 1200", "Rancagua", "Chile"]),
    )
    consignment.consignee = Party(
        "Fruit Import Rotterdam B.V.", address=Address(["Maasvlakte 10"])
    )
    consignment.export_country = "CL"
    consignment.import_country = "NL"
    consignment.transit_countries = [Country("PA")]
    consignment.unloading_baseport = Location("Rotterdam", "NLRTM")
    consignment.transport_movements = [
        TransportMovement("1", "V-231S", Text("MSC Aurora", "en"))
    ]
    consignment.equipment = [TransportEquipment("MSCU1234565", ["SL-0001", "SL-0002"])]
    consignment.items = [ConsignmentItem([_grapes_line(), _apples_line()])]
    return certificate


def _grapes_line() -> TradeLine:
    return TradeLine(
        sequence=1,
        descriptions=[Text("Fresh table grapes", "en"), Text("Uvas de mesa", "es")],
        common_names=[Text("Grape", "en"), Text("Uva", "es")],
        scientific_names=[Text("Vitis vinifera")],
        intended_uses=[Text("Consumption", "en")],
        net_weight=Measure("12000.0000", "KGM"),
        gross_weight=Measure("12.8", "TNE"),
        notes=[Note("ADTLIL", [Text("Cold treated in transit.", "en")])],
        classifications=[
            Classification("HS", "080610", [Text("")]),
            Classification("IPPCPCVP", None, [Text("Fruits", "en")]),
            Classification("IPPCPCC", None, [Text("Fresh", "en")]),
        ],
        packages=[Package("1", "CT", "1500.0000"), Package("2", "BG", "3000.0000")],
        origin_countries=[
            Country("CL", subdivision=CountrySubdivision(Text("O'Higgins", "es"), "1"))
        ],
        processes=[
            AppliedProcess(
                period=ProcessPeriod(
                    start="2024-03-01T08:00:00-03:00",
                    end="2024-03-13T08:00:00-03:00",
                    duration=Measure("288", "HUR"),
                ),
                characteristics=[
                    ProcessCharacteristic([Text("TTL1"), Text("PHT")]),
                    ProcessCharacteristic([Text("TTTM")], Measure("0.5", "CEL")),
                    ProcessCharacteristic(
                        [Text("TTFT"), Text("Cold treatment 0.5 °C for 12 days", "en")]
                    ),
                ],
            )
        ],
    )


def _apples_line() -> TradeLine:
    return TradeLine(
        sequence=2,
        descriptions=[Text("Fresh apples", "en")],
        scientific_names=[Text("Malus domestica")],
        net_weight=Measure("800", "KGM"),
        net_volume=Measure("2.5", "MTQ"),
        notes=[Note("OPTND", [Text("Loose in bulk bins", "en")])],
        origin_countries=[Country("CL")],
    )


def reexport_657() -> Certificate:
    """A 657 re-export (NL to KE) of Chilean grapes, with RPC* notes and AWR document."""
    certificate = minimal_851()
    document = certificate.document
    document.id = "NL-2024-RE-000042"
    document.type_code = "657"
    document.referenced_documents = [
        ReferencedDocument(
            relationship_type_code="AWR",
            id="CL-2024-SAG-004711",
            issue_date_time="2024-03-14T16:05:00-03:00",
            information=Text("Original phytosanitary certificate", "en"),
        )
    ]
    line = certificate.consignment.items[0].trade_lines[0]
    line.descriptions = [Text("Fresh table grapes", "en")]
    line.origin_countries = [Country("CL")]
    line.packages = [Package("1", "CT", "200")]
    line.notes = [
        Note("RPCST", [Text("3")]),
        Note("RPCCO", [Text("CL")]),
        Note("RPCRF", [Text("CL-2024-SAG-004711")]),
        Note("RPCOR", [Text("True")]),
        Note("RPCTC", [Text("False")]),
        Note("RPCPK", [Text("True")]),
        Note("RPCRP", [Text("False")]),
        Note("RPCOC", [Text("True")]),
        Note("RPCNC", [Text("False")]),
        Note("RPCAI", [Text("False")]),
    ]
    return certificate


def replacement_851() -> Certificate:
    """An 851 replacing ``NL-2024-000001`` (new number, ADRP/ADRPN/ADRPR/ADRD notes)."""
    certificate = minimal_851()
    document = certificate.document
    document.id = "NL-2024-000002"
    document.issue_date_time = "2024-05-03T11:00:00+02:00"
    document.signatory.actual_date_time = document.issue_date_time
    document.notes = [
        Note("ADRP", [Text("4")]),
        Note("ADRPN", [Text("NL-2024-000001")]),
        Note("ADRPR", [Text("Change of consignee address", "en")]),
        Note("ADRD", [Text("2024-05-02T09:30:00+02:00")]),
    ]
    certificate.consignment.consignee.address = Address(["Mombasa Road 12", "Nairobi"])
    return certificate


def withdrawal_851() -> Certificate:
    """The minimal 851 re-sent with status 40 (withdrawn), same number."""
    certificate = minimal_851()
    certificate.document.status_code = "40"
    return certificate


EXAMPLES = {
    "minimal-851": minimal_851,
    "full-851": full_851,
    "reexport-657": reexport_657,
    "replacement-851": replacement_851,
    "withdrawal-851": withdrawal_851,
}
"""Fixture file stem -> the function building it (``fixtures/certificates/<stem>.xml``)."""
