"""Drawn certificates are valid by construction and keep the ePhyto rules."""

from __future__ import annotations

import base64
from datetime import datetime

import pytest
from hypothesis import given, settings
from lxml import etree

from conformance.certificate import Certificate, codelists, profile_schema, to_xml
from conformance.certificate.model import Note, TradeLine
from conformance.errors import UsageError
from conformance.generate.strategies import certificates

RE_EXPORT_NOTES = {"RPCST", "RPCCO", "RPCRF"}
RE_EXPORT_BOOLEANS = {"RPCOR", "RPCTC", "RPCPK", "RPCRP", "RPCOC", "RPCNC", "RPCAI"}


def _lines(certificate: Certificate) -> list[TradeLine]:
    return [line for item in certificate.consignment.items for line in item.trade_lines]


def _subjects(notes: list[Note]) -> set[str]:
    return {note.subject for note in notes}


def _moment(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    assert moment.tzinfo is not None, value
    return moment


@settings(max_examples=100)
@given(certificates())
def test_drawn_certificates_are_valid_against_the_profile_schema(
    certificate: Certificate,
) -> None:
    root = etree.fromstring(to_xml(certificate))

    assert profile_schema().validate(root), profile_schema().error_log


@settings(max_examples=50)
@given(certificates())
def test_drawn_codes_come_from_the_code_lists(certificate: Certificate) -> None:
    consignment = certificate.consignment
    lines = _lines(certificate)
    countries = codelists.countries()

    assert certificate.document.type_code in codelists.document_types()
    assert certificate.document.status_code in codelists.status_codes()
    assert {consignment.export_country, consignment.import_country} <= countries
    assert {c.id for c in consignment.transit_countries} <= countries
    assert {c.id for line in lines for c in line.origin_countries} <= countries
    assert _subjects(certificate.document.notes) <= codelists.note_subjects("document")
    for line in lines:
        assert _subjects(line.notes) <= codelists.note_subjects("trade-line")
        assert {p.type_code for p in line.packages} <= codelists.package_types()
        for measure, kind in (
            (line.net_weight, "weight"),
            (line.gross_weight, "weight"),
            (line.net_volume, "volume"),
        ):
            assert measure is None or measure.unit in codelists.units(kind)
        for process in line.processes:
            codes = {c.descriptions[0].value for c in process.characteristics}
            assert codes <= codelists.treatment_characteristics()
    for movement in consignment.transport_movements:
        assert movement.mode_code in codelists.transport_modes()
    for document in certificate.document.referenced_documents:
        assert document.relationship_type_code in codelists.relationship_types()


@settings(max_examples=50)
@given(certificates(type_codes=(657,)))
def test_reexport_lines_carry_rpc_notes_and_the_original_is_awr(
    certificate: Certificate,
) -> None:
    references = certificate.document.referenced_documents
    originals = [r.id for r in references if r.relationship_type_code == "AWR"]

    assert certificate.document.type_code == "657"
    assert len(originals) == 1
    for line in _lines(certificate):
        subjects = _subjects(line.notes)
        assert RE_EXPORT_NOTES | RE_EXPORT_BOOLEANS <= subjects
        for note in line.notes:
            if note.subject in RE_EXPORT_BOOLEANS:
                assert [c.value for c in note.contents] in (["True"], ["False"])
            if note.subject == "RPCRF":
                assert note.contents[0].value == originals[0]
        assert certificate.consignment.export_country not in {
            c.id for c in line.origin_countries
        }


@settings(max_examples=50)
@given(certificates(type_codes=(851,)))
def test_phytosanitary_certificates_never_carry_rpc_notes(
    certificate: Certificate,
) -> None:
    references = certificate.document.referenced_documents

    assert certificate.document.type_code == "851"
    assert all(r.relationship_type_code != "AWR" for r in references)
    for line in _lines(certificate):
        assert not any(subject.startswith("RPC") for subject in _subjects(line.notes))


@settings(max_examples=50)
@given(certificates())
def test_structure_rules_hold(certificate: Certificate) -> None:
    items = certificate.consignment.items
    lines = _lines(certificate)

    assert 1 <= len(items) <= 3
    assert all(1 <= len(item.trade_lines) <= 4 for item in items)
    assert [line.sequence for line in lines] == list(range(1, len(lines) + 1))
    for line in lines:
        has_optnd = "OPTND" in _subjects(line.notes)
        assert bool(line.packages) != has_optnd
        assert line.descriptions and line.origin_countries
    for document in certificate.document.referenced_documents:
        if document.attachment is not None:
            base64.b64decode(document.attachment.content, validate=True)


@settings(max_examples=50)
@given(certificates())
def test_dates_have_offsets_and_precede_issue(certificate: Certificate) -> None:
    issued = _moment(certificate.document.issue_date_time)

    assert issued < datetime.now(issued.tzinfo)
    signed = _moment(certificate.document.signatory.actual_date_time)
    assert signed.date() <= issued.date()
    for line in _lines(certificate):
        for process in line.processes:
            period = process.period
            if period is not None and period.start and period.end:
                assert _moment(period.start) <= _moment(period.end) <= issued
        for note in line.notes:
            if note.subject == "ADDITLIL":
                assert note.contents[0].value <= issued.date().isoformat()
    for note in certificate.document.notes:
        if note.subject == "ADRD":
            assert _moment(note.contents[0].value) < issued
    replacement = {"ADRP", "ADRPN", "ADRPR", "ADRD"}
    subjects = _subjects(certificate.document.notes)
    assert replacement <= subjects or not replacement & subjects


@settings(max_examples=30)
@given(certificates(exporter="NL", importer="KE"))
def test_pinned_exporter_and_importer_hold(certificate: Certificate) -> None:
    assert certificate.consignment.export_country == "NL"
    assert certificate.consignment.import_country == "KE"
    assert certificate.document.id.startswith("NL-")


@settings(max_examples=30)
@given(certificates(exporter="CL"))
def test_unpinned_importer_differs_from_the_exporter(certificate: Certificate) -> None:
    assert certificate.consignment.export_country == "CL"
    assert certificate.consignment.import_country != "CL"


@settings(max_examples=20)
@given(certificates(status_codes=(40,)))
def test_status_codes_can_be_chosen(certificate: Certificate) -> None:
    assert certificate.document.status_code == "40"


@pytest.mark.parametrize(
    ("kwargs", "bad"),
    [
        ({"exporter": "nl"}, "'nl'"),
        ({"importer": "ZZ"}, "'ZZ'"),
        ({"type_codes": (852,)}, "852"),
        ({"type_codes": ()}, "()"),
        ({"status_codes": (1,)}, "1"),
    ],
)
def test_bad_arguments_raise_usage_error_naming_the_value(
    kwargs: dict[str, object], bad: str
) -> None:
    with pytest.raises(UsageError) as caught:
        certificates(**kwargs)  # type: ignore[arg-type]

    assert bad in str(caught.value)
