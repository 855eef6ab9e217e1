"""``ephyto-conformance selftest``: prove the suite catches broken hubs or systems."""

from __future__ import annotations

import os
import secrets
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import click
from rich.console import Console

from conformance.cli import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE
from conformance.errors import ConformanceError
from conformance.hub.faults import find_fault
from conformance.hub.faults.runner import SelftestOptions, run_hub_selftest
from conformance.report.selftest import (
    PROFILES,
    SelftestResult,
    detection_table,
    write_selftest,
)
from conformance.suite.samples import find_fixtures_dir, find_samples_dir

__all__ = ["SELFTEST_FILE", "SelftestProgress", "command"]

SELFTEST_FILE = "selftest.json"
_LOG_WIDTH = 120
# Two suite runs at once fill two cores: each half waits on its own hub thread.
_DEFAULT_JOBS = max(1, min(2, os.cpu_count() or 1))


def _fail(message: str) -> NoReturn:
    click.echo(f"ephyto-conformance selftest: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


class SelftestProgress:
    """One console line as each run starts and as it ends, with what caught it."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._started: dict[str, float] = {}

    def variant_started(self, name: str, index: int, total: int) -> None:
        """Print which run (``clean`` or a fault) starts."""
        self._started[name] = time.perf_counter()
        self.console.print(
            f"[{index}/{total}] {name} ...", highlight=False, markup=False
        )

    def variant_finished(self, name: str, caught_by: list[str]) -> None:
        """Print how the run ended and how long it took."""
        elapsed = time.perf_counter() - self._started.pop(name, time.perf_counter())
        failed = ", ".join(caught_by) if caught_by else "no check failed"
        self.console.print(
            f"      {name} done in {elapsed:.1f} s: {failed}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )


def _console() -> Console:
    console = Console(file=sys.stdout)
    if not console.is_terminal:
        # CI logs have no width; 80 columns would fold every check id list.
        console = Console(file=sys.stdout, width=_LOG_WIDTH)
    return console


def _hub_selftest(
    report_dir: Path,
    faults: tuple[str, ...],
    options: SelftestOptions,
    jobs: int,
    progress: SelftestProgress,
) -> SelftestResult:
    return run_hub_selftest(
        report_dir,
        faults=faults or None,
        options=options,
        workers=jobs,
        listener=progress,
    )


def _nppo_selftest(report_dir: Path, progress: SelftestProgress) -> SelftestResult:
    try:
        from conformance.nppo.selftest import run_nppo_selftest
    except ImportError as err:
        _fail(
            f"the NPPO profile's selftest is not available ({err}); "
            "run --profile hub, or install a version with conformance.nppo.selftest"
        )
    return run_nppo_selftest(report_dir, listener=progress)


@click.command("selftest")
@click.option(
    "--profile",
    type=click.Choice(PROFILES),
    default="hub",
    show_default=True,
    help="hub: the suite against injected hub faults; nppo: the national-system checks.",
)
@click.option(
    "--report-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Default: reports/selftest-<profile>-<time>/.",
)
@click.option(
    "--fault",
    "faults",
    multiple=True,
    metavar="NAME",
    help="Only this hub fault (repeatable); default: the whole catalogue.",
)
@click.option(
    "-k",
    "select",
    metavar="EXPR",
    help="Run only checks matching EXPR (pytest -k), against every variant.",
)
@click.option("--seed", type=int, help="Hypothesis seed; default: a random one.")
@click.option(
    "--max-examples",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Certificates drawn per check, in each run.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.5),
    default=5.0,
    show_default=True,
    help="Seconds the checks' client waits for one hub answer.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=_DEFAULT_JOBS,
    show_default=True,
    help="Suite runs at once, each in its own process.",
)
def command(
    profile: str,
    report_dir: Path | None,
    faults: tuple[str, ...],
    select: str | None,
    seed: int | None,
    max_examples: int,
    timeout: float,
    jobs: int,
) -> None:
    """Run the suite against the clean reference and each injected fault.

    Prints the detection matrix (each fault, whether a check caught it, and
    which) and writes selftest.json to the report directory.

    Example: ephyto-conformance selftest --report-dir reports/selftest

    Exits 0 when the clean reference passes every check and every fault is caught,
    1 otherwise, 2 on a usage error (unknown fault, unwritable report directory).
    """
    if (faults or select) and profile != "hub":
        _fail(
            "--fault and -k select hub faults and checks; use them with --profile hub"
        )
    if faults:
        try:
            for name in faults:
                find_fault(name)
        except ConformanceError as err:
            _fail(str(err))
    stamp = f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    report_dir = report_dir or Path("reports") / f"selftest-{profile}-{stamp}"
    seed = secrets.randbelow(2**32) if seed is None else seed
    console = _console()
    progress = SelftestProgress(console)
    console.print(
        f"selftest ({profile} profile), seed {seed}, reports in {report_dir}",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    started = time.perf_counter()
    try:
        if profile == "hub":
            options = SelftestOptions(
                seed=seed,
                max_examples=max_examples,
                timeout=timeout,
                select=select,
                samples_dir=find_samples_dir(None),
                fixtures_dir=find_fixtures_dir(),
            )
            result = _hub_selftest(report_dir, faults, options, jobs, progress)
            result.seed = seed
        else:
            result = _nppo_selftest(report_dir, progress)
        written = write_selftest(result, report_dir / SELFTEST_FILE)
    except ConformanceError as err:
        _fail(str(err))
    except OSError as err:
        _fail(
            f"{err.strerror or err} ({err.filename!r}); check that --report-dir is writable"
        )
    console.print(detection_table(result))
    caught = sum(outcome.caught for outcome in result.faults)
    console.print(
        f"{caught}/{len(result.faults)} faults caught; clean reference "
        f"{result.clean_passed} passed, {result.clean_failed} failed; "
        f"{time.perf_counter() - started:.0f} s; {written}",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    sys.exit(EXIT_CLEAN if result.ok else EXIT_FINDINGS)
