"""``ephyto-conformance selftest``: the detection matrix, selftest.json, exit codes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from conformance.cli import main

_SEED = "20261203"


@pytest.fixture(autouse=True)
def _hypothesis_profile_restored() -> Iterator[None]:
    # The suite loads its own Hypothesis profile; the project's tests keep theirs.
    previous = settings.get_current_profile_name()
    yield
    settings.load_profile(previous)


def _selftest(report_dir: Path, *arguments: str) -> Result:
    return CliRunner().invoke(
        main,
        ["selftest", "--report-dir", str(report_dir), "--seed", _SEED, *arguments],
    )


def _report(report_dir: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (report_dir / "selftest.json").read_text(encoding="utf-8")
    )
    return loaded


@pytest.mark.slow
def test_caught_faults_exit_0_and_write_the_matrix(tmp_path: Path) -> None:
    # Worker processes: Hypothesis checks need a fresh import under the suite profile.
    result = _selftest(
        tmp_path,
        "--jobs",
        "2",
        "-k",
        "HUB-ROUTE-005 or HUB-DELIVER-004",
        "--fault",
        "sender-filter-ignored",
        "--fault",
        "duplicate-number-merged",
    )

    assert result.exit_code == 0, result.output
    report = _report(tmp_path)
    assert set(report) == {"profile", "seed", "clean", "faults"}
    assert report["profile"] == "hub"
    assert report["seed"] == int(_SEED)
    assert set(report["clean"]) == {"passed", "failed"}
    assert report["clean"]["failed"] == 0
    assert report["clean"]["passed"] > 0
    assert report["faults"] == [
        {
            "name": "sender-filter-ignored",
            "caught": True,
            "caught_by": ["HUB-ROUTE-005"],
        },
        {
            "name": "duplicate-number-merged",
            "caught": True,
            "caught_by": ["HUB-DELIVER-004"],
        },
    ]
    assert "Detection matrix" in result.output
    assert "[2/3] sender-filter-ignored" in result.output
    assert (tmp_path / "faults" / "sender-filter-ignored" / "pytest.log").is_file()


@pytest.mark.slow
def test_uncaught_fault_exits_1_in_process(tmp_path: Path) -> None:
    # Checks without Hypothesis, so this process's Hypothesis state cannot matter.
    # TRACK-002 catches the reworded refusal; nothing selected sees truncated Content.
    result = _selftest(
        tmp_path,
        "--jobs",
        "1",
        "-k",
        "HUB-TRACK-002",
        "--fault",
        "unknown-number-worded-otherwise",
        "--fault",
        "content-truncated",
    )

    assert result.exit_code == 1, result.output
    report = _report(tmp_path)
    assert report["clean"] == {"passed": 4, "failed": 0}
    assert report["faults"] == [
        {
            "name": "unknown-number-worded-otherwise",
            "caught": True,
            "caught_by": ["HUB-TRACK-002"],
        },
        {"name": "content-truncated", "caught": False, "caught_by": []},
    ]
    assert "NO" in result.output


def test_unknown_fault_is_a_usage_error_listing_the_catalogue(tmp_path: Path) -> None:
    result = _selftest(tmp_path, "--fault", "hub-on-fire")

    assert result.exit_code == 2
    assert "'hub-on-fire'" in result.stderr
    assert "acknowledgement-lost" in result.stderr
    assert not (tmp_path / "selftest.json").exists()


def test_fault_with_nppo_profile_is_a_usage_error(tmp_path: Path) -> None:
    result = _selftest(tmp_path, "--profile", "nppo", "--fault", "content-truncated")

    assert result.exit_code == 2
    assert "--profile hub" in result.stderr


def test_unknown_profile_is_a_usage_error(tmp_path: Path) -> None:
    result = _selftest(tmp_path, "--profile", "gateway")

    assert result.exit_code == 2
    assert "gateway" in result.stderr
