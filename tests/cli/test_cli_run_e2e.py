"""``ephyto-conformance run`` end to end: the reference hub, every check, reports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.suite.registry import discover_checks

_REPOSITORY = Path(__file__).resolve().parents[2]
_SAMPLES = _REPOSITORY.parent / "shared/reference/samples"


@pytest.mark.slow
def test_run_against_reference_hub_passes_and_reports(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    command = [sys.executable, "-m", "conformance", "run", "--report-dir", str(reports)]
    command += ["--seed", "20261203"]

    # From the clone, as in the README: the fixtures and ../shared are found there.
    finished = subprocess.run(
        command,
        cwd=_REPOSITORY,
        check=False,
        capture_output=True,
        text=True,
        timeout=240,
    )

    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    junit = (reports / "junit.xml").read_text(encoding="utf-8")
    assert 'name="check_id"' in junit
    # Hypothesis' base64 statistics are kept out of the suite's properties.
    assert "hypothesis-statistics-" not in junit
    assert any((reports / "allure-results").glob("*-result.json"))
    summary = json.loads((reports / "summary.json").read_text(encoding="utf-8"))
    assert {"run_id", "target", "started", "finished", "tool_version"} <= set(summary)
    assert summary["started"].endswith("+00:00")
    assert summary["target"].startswith("https://127.0.0.1:")
    tests = summary["tests"]
    totals = summary["totals"]
    assert (totals["failed"], totals["errors"]) == (0, 0)
    assert totals["passed"] + totals["skipped"] == len(tests)
    ran = {entry["id"] for entry in tests}
    assert ran == {info.id for info in discover_checks()}
    for entry in tests:
        assert {"id", "title", "outcome", "duration_s", "requirement"} <= set(entry)
        sample_absent = "SAMPLE" in entry["id"] and not _SAMPLES.is_dir()
        allowed = {"passed", "skipped"} if sample_absent else {"passed"}
        assert entry["outcome"] in allowed, entry
    cases = {entry.get("case") for entry in tests if entry["id"] == "HUB-SAMPLE-001"}
    assert any(str(case).startswith("fixtures/") for case in cases), cases
    assert "HUB-ACK-001" in finished.stdout
    # Allure shows each sample case by its label, not by a path object's repr.
    sample_parameters = [
        parameter["value"]
        for result in (reports / "allure-results").glob("*-result.json")
        for parameter in json.loads(result.read_text("utf-8")).get("parameters", [])
        if parameter["name"] == "sample"
    ]
    assert any("fixtures/" in value for value in sample_parameters), sample_parameters
    assert not any("Path(" in value for value in sample_parameters), sample_parameters


@pytest.mark.skipif(not _SAMPLES.is_dir(), reason="../shared/reference/samples absent")
@pytest.mark.slow
def test_run_records_how_each_sample_fares(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    command = [sys.executable, "-m", "conformance", "run", "-k", "HUB-SAMPLE-002"]
    command += ["--report-dir", str(reports), "--samples-dir", str(_SAMPLES)]

    finished = subprocess.run(
        command, cwd=tmp_path, check=False, capture_output=True, text=True, timeout=120
    )

    assert finished.returncode == 0, finished.stdout[-3000:]
    summary = json.loads((reports / "summary.json").read_text(encoding="utf-8"))
    by_case = {entry["case"]: entry for entry in summary["tests"]}
    bolivia = by_case["samples/bolivia-soap-deliverphytoenvelope-851.xml"]
    assert bolivia["details"]["SEVERE"] >= 1
    assert all(entry["id"] == "HUB-SAMPLE-002" for entry in summary["tests"])
