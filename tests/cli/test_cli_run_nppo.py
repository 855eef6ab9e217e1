"""``run --profile nppo``: the reference national system through the adapter commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

_PYTHON = sys.executable
_SYSTEM = f"{_PYTHON} -m conformance.nppo.reference"


def _run(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [_PYTHON, "-m", "conformance", "run", "--profile", "nppo", *arguments]
    return subprocess.run(
        command, cwd=cwd, check=False, capture_output=True, text=True, timeout=240
    )


def _outcomes(reports: Path) -> dict[tuple[str, str | None], str]:
    summary = json.loads((reports / "summary.json").read_text(encoding="utf-8"))
    return {(t["id"], t.get("case")): t["outcome"] for t in summary["tests"]}


@pytest.mark.slow
def test_reference_system_passes_through_the_commands(tmp_path: Path) -> None:
    reports = tmp_path / "reports"

    finished = _run(
        "--nppo-command",
        f"{_SYSTEM} run",
        "--export-command",
        f"{_SYSTEM} export",
        "--query-command",
        f"{_PYTHON} -m conformance.nppo.query",
        "--scenario-timeout",
        "10",
        "--backlog",
        "5",
        "--report-dir",
        str(reports),
        cwd=tmp_path,
    )

    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr
    outcomes = _outcomes(reports)
    assert set(outcomes.values()) == {"passed"}
    assert ("NPPO-IMP-007", None) in outcomes
    assert "EPHYTO_NPPO_CERT=" in finished.stdout


@pytest.mark.slow
def test_export_header_disagreement_is_flagged(tmp_path: Path) -> None:
    reports = tmp_path / "reports"

    finished = _run(
        "--nppo-command",
        f"{_SYSTEM} run",
        "--export-command",
        f"{_SYSTEM} export --variant header-status-always-70",
        "-k",
        "NPPO-EXP",
        "--scenario-timeout",
        "10",
        "--report-dir",
        str(reports),
        cwd=tmp_path,
    )

    assert finished.returncode == 1, finished.stdout[-3000:] + finished.stderr
    outcomes = _outcomes(reports)
    assert outcomes[("NPPO-EXP-003", "export-withdrawal")] == "failed"
    assert outcomes[("NPPO-EXP-003", "export-851")] == "passed"
    summary = (reports / "summary.json").read_text(encoding="utf-8")
    assert "EPH-ENV-004" in summary


def test_system_that_never_calls_is_a_configuration_error(tmp_path: Path) -> None:
    finished = _run(
        "--nppo-command",
        f"{_PYTHON} -c 'import time; time.sleep(30)'",
        "--connect-timeout",
        "1",
        "--report-dir",
        str(tmp_path / "reports"),
        cwd=tmp_path,
    )

    assert finished.returncode == 2
    assert "never called the harness hub" in finished.stderr


def test_system_that_exits_before_calling_stops_the_run_at_once(
    tmp_path: Path,
) -> None:
    finished = _run(
        "--nppo-command",
        f"{_PYTHON} -c pass",
        "--connect-timeout",
        "60",
        "--report-dir",
        str(tmp_path / "reports"),
        cwd=tmp_path,
    )

    assert finished.returncode == 2
    assert "exited 0 before" in finished.stderr


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--target", "https://hub.example/x"], "--target"),
        (["--listen", "no-port"], "--listen"),
        (["--nppo-code", "k"], "k"),
        (["--capabilities", "missing.toml"], "missing.toml"),
        (["--nppo-command", "'unclosed"], "--nppo-command"),
    ],
)
def test_bad_nppo_options_exit_2(
    tmp_path: Path, arguments: list[str], named: str
) -> None:
    finished = _run(*arguments, "--connect-timeout", "1", cwd=tmp_path)

    assert finished.returncode == 2, finished.stderr
    assert named in finished.stderr
    assert finished.stderr.count("\n") == 1


def test_nppo_options_without_the_profile_exit_2(tmp_path: Path) -> None:
    command = [_PYTHON, "-m", "conformance", "run", "--nppo-command", "x"]

    finished = subprocess.run(
        command, cwd=tmp_path, check=False, capture_output=True, text=True, timeout=60
    )

    assert finished.returncode == 2
    assert "--profile nppo" in finished.stderr
