"""Directory: the caller's profile and the participating NPPOs."""

from __future__ import annotations

from conformance.suite.courier import NppoClient
from conformance.suite.registry import check

# Every registered NPPO exchanges these types with status 70, issued (D14).
_ISSUED = 70


@check(
    "HUB-DIR-001",
    title="GetProfile identifies the caller by its connection code",
    requirement="WSDL GetProfile; hub-protocol §2.4; D5",
)
def test_profile_identifies_caller(
    exporter: NppoClient, importer: NppoClient, third_nppo: NppoClient
) -> None:
    parties = (exporter, importer, third_nppo)

    profiles = [party.client.get_profile() for party in parties]

    assert [profile.country for profile in profiles] == [p.code for p in parties]


@check(
    "HUB-DIR-002",
    title="GetActiveNppos lists the participating NPPOs",
    requirement="WSDL GetActiveNppos; hub-protocol §2.4",
)
def test_active_nppos_lists_participants(
    exporter: NppoClient, importer: NppoClient, third_nppo: NppoClient
) -> None:
    active = exporter.client.get_active_nppos()

    codes = {nppo.country for nppo in active}
    assert {exporter.code, importer.code, third_nppo.code} <= codes


@check(
    "HUB-DIR-003",
    title="The participating NPPOs receive issued 851 and 657 certificates",
    requirement="WSDL GetActiveNppos, AllowedDocument; hub-protocol §3.5, §3.8; D14",
)
def test_participants_receive_issued_certificates(
    exporter: NppoClient, importer: NppoClient
) -> None:
    active = {nppo.country: nppo for nppo in importer.client.get_active_nppos()}

    receiver = active[importer.code]
    allowed = {
        (document.certificate_type, document.certificate_status)
        for document in receiver.allowed_documents
        if document.active
    }
    assert receiver.receive
    assert {(851, _ISSUED), (657, _ISSUED)} <= allowed
    assert exporter.code in active
