"""A tiny headless run end to end: Locust users, the reference hub, the proof."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conformance.cli import main
from conformance.load.driver import locustfile_path

pytestmark = pytest.mark.slow

_OPERATIONS = {
    "DeliverEnvelope",
    "PULLImportEnvelope",
    "AcknowledgeEnvelopeReceipt",
}


def _load(report_dir: Path, *extra: str) -> int:
    args = ["load", "-n", "200", "--workers", "1", "--users", "8"]
    args += ["--nppo", "NL", "--nppo", "KE", "--timeout", "60"]
    result = CliRunner().invoke(main, [*args, "--report-dir", str(report_dir), *extra])
    return result.exit_code


def test_the_shipped_locustfile_offers_exporters_and_importers() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(locustfile_path()), "--list"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert {"ExporterUser", "ImporterUser"} <= set(listed.stdout.split())


def test_a_small_run_acknowledges_every_certificate_once(tmp_path: Path) -> None:
    code = _load(tmp_path)

    summary = json.loads((tmp_path / "load-summary.json").read_text("utf-8"))
    assert code == 0
    assert (summary["delivered"], summary["acknowledged"]) == (200, 200)
    assert (summary["lost"], summary["duplicated"], summary["pending"]) == (0, 0, 0)
    assert summary["tracking_checked"] and summary["store_checked"]
    with (tmp_path / "locust_stats.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["Type"] == "SOAP"]
    assert _OPERATIONS <= {row["Name"] for row in rows}
    page = (tmp_path / "load-report.html").read_text("utf-8")
    assert "Queue depth" in page
    assert "Connections open at the reference hub" in page
    samples = (tmp_path / "memory.jsonl").read_text("utf-8").splitlines()
    # Two NPPOs, each with its export and import pool, plus the listening socket.
    connections = [json.loads(line).get("hub_connections", 0) for line in samples]
    assert 2 <= max(connections) <= 2 * (8 + 16) + 1


def test_a_broken_threshold_fails_the_run(tmp_path: Path) -> None:
    code = _load(tmp_path, "--min-rate", "1000000")

    summary = json.loads((tmp_path / "load-summary.json").read_text("utf-8"))
    assert code == 1
    assert summary["lost"] == 0
    assert summary["threshold_violations"]


def test_a_bad_rate_is_a_usage_error(tmp_path: Path) -> None:
    assert _load(tmp_path, "--rate", "fast") == 2


def test_a_backlog_is_queued_whole_before_importers_drain_it(tmp_path: Path) -> None:
    code = _load(tmp_path, "--shape", "backlog")

    series = (tmp_path / "ledger" / "series.jsonl").read_text("utf-8").splitlines()
    points = [json.loads(line) for line in series]
    assert code == 0
    assert max(point["pending"] for point in points) == 200
    assert points[-1]["acknowledged"] == 200
