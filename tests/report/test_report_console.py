"""The console: plain progress lines off a terminal, and the closing table."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from conformance.report.console import LiveProgress, print_closing
from conformance.report.summary import CheckResult, RunSummary


def _console(buffer: io.StringIO) -> Console:
    return Console(file=buffer, force_terminal=False, width=120, color_system=None)


def test_progress_prints_one_line_per_check_off_a_terminal() -> None:
    buffer = io.StringIO()
    progress = LiveProgress(_console(buffer))

    progress.run_started(2)
    progress.check_started("HUB-ACK-001 [receipt]")
    progress.check_finished(
        CheckResult("HUB-ACK-001", "t", "failed", 0.1, "D1", case="receipt")
    )
    progress.check_finished(CheckResult("HUB-DIR-001", "t", "passed", 0.1, "D5"))
    progress.stop()

    assert buffer.getvalue().splitlines() == [
        "1/2 HUB-ACK-001 [receipt] failed",
        "2/2 HUB-DIR-001 passed",
    ]
    assert (progress.passed, progress.failed) == (1, 1)


def test_closing_table_has_one_row_per_check_and_lists_failures() -> None:
    buffer = io.StringIO()
    tests = [
        CheckResult("HUB-ACK-001", "Acked", "passed", 1.0, "D1", case="receipt"),
        CheckResult(
            "HUB-ACK-001", "Acked", "failed", 0.5, "D1", case="advanced", message="no"
        ),
        CheckResult("HUB-DIR-001", "Profile", "passed", 0.25, "D5"),
    ]
    summary = RunSummary(
        "run", "https://hub.example/hub", "s", "f", "0.1.0", tests=tests
    )

    print_closing(_console(buffer), summary, [Path("reports/run/summary.json")])

    lines = buffer.getvalue().splitlines()
    ack_rows = [line for line in lines if line.startswith("│ HUB-ACK-001")]
    assert len(ack_rows) == 1
    assert "failed 1" in ack_rows[0] and "1.50 s" in ack_rows[0]
    assert "failed HUB-ACK-001 [advanced]: no" in lines
    assert (
        "2 passed, 1 failed, 0 skipped, 0 errors against https://hub.example/hub"
        in lines
    )
    assert "  reports/run/summary.json" in lines
