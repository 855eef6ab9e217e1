"""The closing lines: skip reasons and an interrupted run."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console

from conformance.report.console import print_closing
from conformance.report.summary import CheckResult, RunSummary, write_summary


def _summary(**flags: bool) -> RunSummary:
    tests = [
        CheckResult("HUB-SEC-001", "Unregistered", "skipped", 0.0, "D17",
                    message="no unregistered client certificate given"),
        CheckResult("HUB-DIR-001", "Profile", "passed", 0.1, "D5"),
    ]  # fmt: skip
    return RunSummary("r", "https://hub", "s", "f", "0", tests=tests, **flags)


def _closing(summary: RunSummary) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=False, width=120, color_system=None)
    print_closing(console, summary, [])
    return buffer.getvalue()


def test_closing_lists_each_skip_with_its_reason() -> None:
    text = _closing(_summary())

    assert "skipped HUB-SEC-001: no unregistered client certificate given" in text
    assert "interrupted" not in text


def test_closing_says_an_interrupted_run_is_interrupted() -> None:
    text = _closing(_summary(complete=False, interrupted=True))

    assert "interrupted: the run stopped before every check ran" in text


def test_summary_records_an_unfinished_run(tmp_path: Path) -> None:
    path = write_summary(
        _summary(complete=False, interrupted=True), tmp_path / "s.json"
    )

    document = json.loads(path.read_text(encoding="utf-8"))

    assert (document["complete"], document["interrupted"]) == (False, True)


def test_summary_of_a_finished_run_says_complete(tmp_path: Path) -> None:
    document = json.loads(
        write_summary(_summary(), tmp_path / "s.json").read_text(encoding="utf-8")
    )

    assert (document["complete"], document["interrupted"]) == (True, False)
