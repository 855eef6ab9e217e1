"""The packaged code lists load and hold what generators and validators rely on."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from conformance.certificate import codelists
from conformance.errors import UsageError


@pytest.mark.parametrize("name", codelists.CODELIST_NAMES)
def test_every_file_has_list_version_source_and_labelled_codes(name: str) -> None:
    raw = (
        resources.files("conformance.certificate.data.codelists")
        .joinpath(f"{name}.json")
        .read_text("utf-8")
    )

    data = json.loads(raw)

    assert {"list", "version", "source", "codes"} <= set(data)
    assert data["codes"], name
    assert all(isinstance(label, str) and label for label in data["codes"].values())
    assert codelists.codelist_version(name) == data["version"]


def test_countries_are_the_current_iso_list_plus_kosovo() -> None:
    countries = codelists.countries()

    assert len(countries) == 250
    assert {"SS", "BQ", "CW", "SX", "XK", "NL", "KE", "CL"} <= countries
    assert all(len(code) == 2 and code.isupper() for code in countries)
    assert "user-assigned" in codelists.codelist("countries").codes["XK"]
    assert "AN" not in countries  # Netherlands Antilles, withdrawn in 2010


def test_units_by_kind() -> None:
    assert {"KGM", "TNE", "GRM"} <= codelists.units("weight")
    assert {"LTR", "MTQ", "CMQ", "MMQ", "FTQ"} <= codelists.units("volume")
    assert codelists.units("temperature") == {"CEL", "FAH"}
    assert {"HUR", "MIN", "DAY"} <= codelists.units("duration")
    assert "KX" in codelists.units("concentration")
    assert codelists.units("weight") <= codelists.units()
    assert codelists.unit_kind("KGM") == "weight"
    assert codelists.unit_kind("XXX") is None


def test_unknown_unit_kind_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="'mass'"):
        codelists.units("mass")


def test_closed_lists() -> None:
    assert codelists.document_types() == {"851", "657"}
    assert codelists.status_codes() == {"70", "39", "40", "41", "42", "44", "47"}
    assert codelists.transport_modes() == {str(mode) for mode in range(10)}
    assert codelists.relationship_types() == {"AWR", "ZZZ"}
    assert codelists.classification_systems() == {"HS", "IPPCPCVP", "IPPCPCC"}
    assert codelists.treatment_characteristics() == {
        "TTL1",
        "TTL2",
        "TTCH",
        "TTTM",
        "TTCO",
        "TTAI",
        "TTFT",
    }


def test_package_types_hold_the_common_ones() -> None:
    packages = codelists.package_types()

    assert {"BG", "BX", "CT", "PK", "PL", "CR", "SA", "BA", "PX"} <= packages
    assert len(packages) >= 30


def test_note_subjects_by_level_and_content() -> None:
    document = codelists.note_subjects("document")
    line = codelists.note_subjects("trade-line")

    assert {"SPSFL", "ADEDL", "ADRP", "ADRPN", "ADRPR", "ADRD", "DMCL"} <= document
    assert {"OPTND", "RPCST", "RPCCO", "RPCRF", "RPCOR", "ADTLIL"} <= line
    assert not document & line
    assert document | line == codelists.note_subjects()
    subject = codelists.note_subject("RPCOR")
    assert subject is not None
    assert (subject.level, subject.content) == ("trade-line", "boolean")
    addiedl = codelists.note_subject("ADDIEDL")
    assert addiedl is not None and addiedl.content == "date"
    assert codelists.note_subject("NOPE") is None


def test_languages_and_locodes() -> None:
    assert {"en", "es", "fr", "ar"} <= codelists.languages()
    assert all(code == code.lower() for code in codelists.languages())
    locodes = codelists.locodes()
    assert {"NLRTM", "KEMBA", "USSEA"} <= locodes
    assert all(len(code) == 5 and code[:2] in codelists.countries() for code in locodes)


def test_unknown_code_list_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="'currencies'"):
        codelists.codelist("currencies")
