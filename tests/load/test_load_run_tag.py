"""A run tag marks a run's certificates, so importers and the check take only those."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from conformance.errors import UsageError
from conformance.findings import Level
from conformance.hub.entities import EnvelopeHeader
from conformance.load.envelopes import load_envelope, run_delivery_numbers
from conformance.load.loss_check import Ledger
from conformance.load.settings import LoadSettings, new_run_tag
from conformance.load.verify import load_ledger_files
from conformance.validate import validate_envelope


def _header(number: str, certificate: str) -> EnvelopeHeader:
    return EnvelopeHeader("NL", "KE", 851, 70, certificate, hub_delivery_number=number)


def _options(**changes: object) -> argparse.Namespace:
    values: dict[str, object] = {
        "hub_url": "https://hub.test/DeliveryService",
        "pki_dir": "pki",
        "nppos": "NL,KE",
        "certificates": 10,
        "rate": "0",
        "shape": "steady",
        "seed": 1,
        "ledger_dir": ".",
        "load_workers": 1,
        "burst_period": 10.0,
        "run_tag": "ab12cd34",
    }
    values.update(changes)
    return argparse.Namespace(**values)


def test_a_tagged_certificate_carries_the_tag_in_header_and_body() -> None:
    envelope = load_envelope(1, 42, "CL", "US", run_tag="ab12cd34")

    findings = validate_envelope(envelope)

    assert envelope.nppo_certificate_number == "LOAD-ab12cd34-42"
    assert ">LOAD-ab12cd34-42<" in (envelope.content or "")
    assert [f for f in findings if f.level == Level.SEVERE] == []


def test_untagged_envelopes_keep_the_bulk_number() -> None:
    plain = load_envelope(1, 42, "CL", "US")

    assert not plain.nppo_certificate_number.startswith("LOAD-")


def test_only_the_runs_envelopes_are_taken_from_a_pull() -> None:
    pulled = [
        _header("EPH1", "LOAD-ab12cd34-0"),
        _header("EPH2", "NL2023-0001-00000007"),
        _header("EPH3", "LOAD-ffff0000-1"),
        _header("EPH4", "LOAD-ab12cd34-1"),
    ]

    assert run_delivery_numbers(pulled, "ab12cd34") == ["EPH1", "EPH4"]


def test_run_tags_are_random_and_reach_the_settings() -> None:
    settings = LoadSettings.from_options(_options())

    assert settings.run_tag == "ab12cd34"
    assert new_run_tag() != new_run_tag()


def test_a_tag_that_cannot_travel_in_a_number_is_refused() -> None:
    with pytest.raises(UsageError, match="run tag"):
        LoadSettings.from_options(_options(run_tag="a,b"))


def test_the_check_reads_only_the_runs_ledger_files(tmp_path: Path) -> None:
    (tmp_path / "delivered-ab12cd34-w0-1.csv").write_text("EPH1,NL,KE,1.0\n")
    (tmp_path / "acknowledged-ab12cd34-w0-1.csv").write_text("EPH1,KE,2.0\n")
    (tmp_path / "delivered-old00000-w0-9.csv").write_text("EPH9,NL,KE,1.0\n")
    (tmp_path / "acknowledged-old00000-w0-9.csv").write_text("EPH8,KE,2.0\n")
    ledger = Ledger(tmp_path / "check.sqlite3")

    load_ledger_files(ledger, tmp_path, "ab12cd34")
    check = ledger.check()

    assert (check.delivered, check.acknowledged, check.duplicated) == (1, 1, 0)
    ledger.close()
