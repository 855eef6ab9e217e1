"""Running the suite in this process: pytest arguments, plugins and report files."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conformance.report.summary import CheckResult
from conformance.suite.plugin import SuitePlugin
from conformance.suite.results import ResultCollector, RunListener
from conformance.suite.settings import SuiteSettings

__all__ = ["SUITE_DIR", "ReportFiles", "SuiteRun", "pytest_arguments", "run_suite"]

SUITE_DIR = Path(__file__).resolve().parent
# Only the check modules: the suite never collects the project's tests, nor they it.
CHECK_FILES = "check_*.py"


@dataclass(frozen=True, slots=True)
class ReportFiles:
    """Where one run's reports go."""

    directory: Path

    @property
    def junit(self) -> Path:
        """pytest's JUnit XML."""
        return self.directory / "junit.xml"

    @property
    def allure(self) -> Path:
        """allure-pytest's result directory."""
        return self.directory / "allure-results"

    @property
    def summary(self) -> Path:
        """The run summary (``conformance.report.summary``)."""
        return self.directory / "summary.json"

    @property
    def pytest_log(self) -> Path:
        """pytest's own terminal output."""
        return self.directory / "pytest.log"

    @property
    def exchanges_log(self) -> Path:
        """One line per SOAP exchange, written at ``--log-level INFO`` or lower."""
        return self.directory / "exchanges.log"


@dataclass(slots=True)
class SuiteRun:
    """pytest's exit code and each check's result."""

    exit_code: int
    results: list[CheckResult] = field(default_factory=list)


def pytest_arguments(
    reports: ReportFiles,
    *,
    select: str | None,
    seed: int,
    suite_dir: Path = SUITE_DIR,
) -> list[str]:
    """The pytest command line for a packaged suite (the hub's by default)."""
    arguments = [
        str(suite_dir),
        # No configuration file: a project's pytest settings must not leak in.
        "-c",
        os.devnull,
        "--rootdir",
        str(suite_dir),
        "--confcutdir",
        str(suite_dir),
        "-o",
        f"python_files={CHECK_FILES}",
        "-p",
        "no:cacheprovider",
        "--strict-markers",
        "-rfEs",
        "--junitxml",
        str(reports.junit),
        "-o",
        "junit_family=xunit2",
        "--alluredir",
        str(reports.allure),
        "--clean-alluredir",
        f"--hypothesis-seed={seed}",
    ]
    if select:
        arguments += ["-k", select]
    return arguments


def run_suite(
    settings: SuiteSettings,
    reports: ReportFiles,
    *,
    select: str | None = None,
    seed: int = 0,
    max_examples: int = 3,
    listener: RunListener | None = None,
    suite_dir: Path = SUITE_DIR,
    extra_plugins: Sequence[object] = (),
) -> SuiteRun:
    """Run the checks against ``settings.url``; pytest's output goes to the log.

    Example::

        run = run_suite(settings, ReportFiles(Path("reports/x")), select="ROUTE")

    ``suite_dir`` and ``extra_plugins`` run another packaged suite (the NPPO
    profile's checks) with the plugins that hand it its own settings.

    Raises ``OSError`` when the report directory cannot be written.
    """
    reports.directory.mkdir(parents=True, exist_ok=True)
    collector = ResultCollector(listener)
    plugin = SuitePlugin(settings, max_examples=max_examples)
    arguments = pytest_arguments(reports, select=select, seed=seed, suite_dir=suite_dir)
    with (
        reports.pytest_log.open("w", encoding="utf-8") as log,
        contextlib.redirect_stdout(log),
        contextlib.redirect_stderr(log),
    ):
        exit_code = pytest.main(arguments, plugins=[plugin, collector, *extra_plugins])
    return SuiteRun(int(exit_code), collector.results)
