"""summary.json: schema, totals, optional fields, and write errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance.errors import ConfigError
from conformance.report.summary import CheckResult, RunSummary, totals, write_summary


def _summary() -> RunSummary:
    return RunSummary(
        run_id="20261203T154012Z-1a2b3c",
        target="https://127.0.0.1:8443/hub/DeliveryService",
        started="2026-12-03T15:40:12+00:00",
        finished="2026-12-03T15:40:30+00:00",
        tool_version="0.1.0",
        seed=7,
        tests=[
            CheckResult("HUB-ROUTE-001", "Listed", "passed", 0.12345, "D7"),
            CheckResult(
                "HUB-ACK-001", "Acked", "failed", 0.5, "D1", case="receipt", message="x"
            ),
            CheckResult("HUB-SEC-001", "Refused", "skipped", 0.0, "D17", message="no"),
            CheckResult("HUB-DIR-001", "Profile", "error", 0.1, "D5", message="boom"),
            CheckResult(
                "HUB-SAMPLE-002", "Rows", "passed", 0.2, "§3.10", details={"SEVERE": 2}
            ),
        ],
    )


def test_totals_count_each_outcome() -> None:
    counts = totals(_summary().tests)

    assert counts == {"passed": 2, "failed": 1, "skipped": 1, "errors": 1}


def test_written_summary_has_the_documented_schema(tmp_path: Path) -> None:
    path = write_summary(_summary(), tmp_path / "run" / "summary.json")

    document = json.loads(path.read_text(encoding="utf-8"))

    assert set(document) == {
        "run_id",
        "target",
        "started",
        "finished",
        "tool_version",
        "seed",
        "complete",
        "interrupted",
        "totals",
        "tests",
    }
    first, failed = document["tests"][0], document["tests"][1]
    assert first == {
        "id": "HUB-ROUTE-001",
        "title": "Listed",
        "outcome": "passed",
        "duration_s": 0.123,
        "requirement": "D7",
    }
    assert failed["case"] == "receipt"
    assert failed["message"] == "x"
    assert document["tests"][4]["details"] == {"SEVERE": 2}


def test_unwritable_location_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")

    with pytest.raises(ConfigError, match="--report-dir"):
        write_summary(_summary(), blocker / "summary.json")
