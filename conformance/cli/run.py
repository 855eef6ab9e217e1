"""``ephyto-conformance run``: the conformance suite against a hub, with reports."""

from __future__ import annotations

import contextlib
import functools
import secrets
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
import pytest
from rich.console import Console

from conformance import __version__
from conformance.cli import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE
from conformance.errors import ConformanceError
from conformance.nppo.click_options import nppo_click_options
from conformance.report.console import LiveProgress, print_closing
from conformance.report.summary import RunSummary, write_summary
from conformance.suite.exchange_log import exchange_log
from conformance.suite.preflight import check_before_run
from conformance.suite.runner import ReportFiles, SuiteRun, run_suite
from conformance.suite.samples import (
    SAMPLES_ENV,
    find_fixtures_dir,
    find_samples_dir,
    write_example_fixtures,
)
from conformance.suite.settings import SuiteSettings
from conformance.suite.targets import TargetOptions, embedded_settings

if TYPE_CHECKING:
    from conformance.nppo.session import NppoOptions

__all__ = ["EXIT_INTERRUPTED", "command", "new_run_id"]

# The shell's code for a command stopped by SIGINT (128 + 2).
EXIT_INTERRUPTED = 130
# pytest's "no tests collected": nothing matched -k, which is the user's to fix.
_NO_TESTS = 5
_INTERRUPTED = int(pytest.ExitCode.INTERRUPTED)
_LOG_WIDTH = 120


def new_run_id(now: datetime | None = None) -> str:
    """A run id: UTC time and six random hex digits, e.g. ``20261203T154012Z-1a2b3c``."""
    moment = now or datetime.now(UTC)
    return f"{moment:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _fail(message: str) -> NoReturn:
    click.echo(f"ephyto-conformance run: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@contextlib.contextmanager
def _target(
    options: TargetOptions, run_id: str, remote: SuiteSettings | None
) -> Iterator[SuiteSettings]:
    if remote is not None:
        yield remote
        return
    if options.state_dir is not None:
        with embedded_settings(options, options.state_dir, run_id) as settings:
            yield settings
        return
    with (
        tempfile.TemporaryDirectory(prefix="ephyto-hub-") as state,
        embedded_settings(options, Path(state), run_id) as settings,
    ):
        yield settings


@contextlib.contextmanager
def _suite_target(
    nppo_options: NppoOptions | None,
    options: TargetOptions,
    run_id: str,
    console: Console,
    remote: SuiteSettings | None,
) -> Iterator[tuple[str, Callable[..., SuiteRun]]]:
    if nppo_options is None:
        with _target(options, run_id, remote) as settings:
            yield settings.url, functools.partial(run_suite, settings)
        return
    # Imported here: the hub profile does not load the NPPO harness.
    from conformance.nppo.cli_support import nppo_suite_target

    with nppo_suite_target(nppo_options, options.state_dir, run_id, console) as found:
        yield found


def _nppo_options(
    profile: str, nppo: dict[str, object], hub_options_given: bool
) -> NppoOptions | None:
    from conformance.nppo.cli_support import nppo_options

    try:
        return nppo_options(profile, nppo, hub_options_given=hub_options_given)
    except ConformanceError as err:
        _fail(str(err))


def _exit_code(run: SuiteRun, reports: ReportFiles, select: str | None) -> int:
    if run.exit_code == _INTERRUPTED:
        return EXIT_INTERRUPTED
    if any(result.outcome in ("failed", "error") for result in run.results):
        return EXIT_FINDINGS
    if run.exit_code == EXIT_CLEAN:
        return EXIT_CLEAN
    if run.exit_code == _NO_TESTS:
        _fail(f"no conformance check matches -k {select!r}; see the README check list")
    _fail(f"pytest stopped with exit code {run.exit_code}; see {reports.pytest_log}")


@click.command("run")
@click.option(
    "--profile",
    type=click.Choice(["hub", "nppo"]),
    default="hub",
    show_default=True,
    help="hub: certify a hub; nppo: play the hub and certify a national system.",
)
@click.option(
    "--target",
    "url",
    metavar="URL",
    help="Hub endpoint; default: start the reference hub.",
)
@click.option(
    "--ca", type=click.Path(path_type=Path), help="CA certificate (PEM) of --target."
)
@click.option(
    "--nppo",
    "nppos",
    multiple=True,
    metavar="CODE=CERT.pem,KEY.pem",
    help="NPPO client identity for --target; the first three are exporter, importer, third.",
)
@click.option(
    "--unregistered",
    metavar="CERT.pem,KEY.pem",
    help="A client certificate the hub maps to no NPPO.",
)
@click.option(
    "--state-dir",
    type=click.Path(path_type=Path),
    help="Reference hub state; default: a temporary directory.",
)
@click.option(
    "--report-dir", type=click.Path(path_type=Path), help="Default: reports/<run-id>/."
)
@click.option(
    "--samples-dir",
    type=click.Path(path_type=Path),
    envvar=SAMPLES_ENV,
    help="Public sample certificates; default: ../shared/reference/samples.",
)
@click.option(
    "-k", "select", metavar="EXPR", help="Run only checks matching EXPR (pytest -k)."
)
@click.option(
    "--seed", type=int, help="Hypothesis seed; default: a random one, reported."
)
@click.option(
    "--max-examples",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Certificates drawn per check.",
)
@nppo_click_options
def command(
    profile: str,
    url: str | None,
    ca: Path | None,
    nppos: tuple[str, ...],
    unregistered: str | None,
    state_dir: Path | None,
    report_dir: Path | None,
    samples_dir: Path | None,
    select: str | None,
    seed: int | None,
    max_examples: int,
    **nppo: object,
) -> None:
    """Run the conformance checks against a hub and write the reports.

    Example: ephyto-conformance run --report-dir reports/local

    Exits 0 when every selected check passed, 1 when one failed, 2 on a usage or
    configuration error, 130 when interrupted (Ctrl-C).
    """
    try:
        _command(
            profile, url, ca, nppos, unregistered, state_dir, report_dir,
            samples_dir, select, seed, max_examples, nppo,
        )  # fmt: skip
    except KeyboardInterrupt:
        click.echo("ephyto-conformance run: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)


def _command(
    profile: str,
    url: str | None,
    ca: Path | None,
    nppos: tuple[str, ...],
    unregistered: str | None,
    state_dir: Path | None,
    report_dir: Path | None,
    samples_dir: Path | None,
    select: str | None,
    seed: int | None,
    max_examples: int,
    nppo: dict[str, object],
) -> NoReturn:
    run_id = new_run_id()
    seed = secrets.randbelow(2**32) if seed is None else seed
    hub_options_given = bool(url or ca or nppos or unregistered)
    nppo_options = _nppo_options(profile, nppo, hub_options_given)
    reports = ReportFiles(report_dir or Path("reports") / run_id)
    if samples_dir is not None and not samples_dir.is_dir():
        _fail(
            f"--samples-dir {str(samples_dir)!r} is not a directory; give the "
            "folder of sample certificates (*.xml) or leave it out"
        )
    with contextlib.ExitStack() as stack:
        fixtures_dir = find_fixtures_dir() or write_example_fixtures(
            Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ephyto-")))
        )
        options = TargetOptions(url, ca, nppos, unregistered, state_dir).with_inputs(
            samples_dir=find_samples_dir(samples_dir), fixtures_dir=fixtures_dir
        )
        try:
            remote = check_before_run(
                options, nppo_options is None, run_id, select, reports
            )
        except ConformanceError as err:
            _fail(str(err))
        _run(nppo_options, options, run_id, reports, remote, select, seed, max_examples)


def _run(
    nppo_options: NppoOptions | None,
    options: TargetOptions,
    run_id: str,
    reports: ReportFiles,
    remote: SuiteSettings | None,
    select: str | None,
    seed: int,
    max_examples: int,
) -> NoReturn:
    console = Console(file=sys.stdout)
    if not console.is_terminal:
        # CI logs have no width; 80 columns would fold every title.
        console = Console(file=sys.stdout, width=_LOG_WIDTH)
    progress = LiveProgress(console)
    started = datetime.now(UTC)
    try:
        with (
            _suite_target(nppo_options, options, run_id, console, remote) as (
                target,
                runner,
            ),
            exchange_log(reports.exchanges_log) as exchanges,
        ):
            console.print(
                f"run {run_id}: {target}, seed {seed}",
                highlight=False,
                markup=False,
                soft_wrap=True,
            )
            try:
                run = runner(
                    reports,
                    select=select,
                    seed=seed,
                    max_examples=max_examples,
                    listener=progress,
                )
            finally:
                progress.stop()
    except ConformanceError as err:
        _fail(str(err))
    except OSError as err:
        _fail(
            f"{err.strerror or err} ({err.filename!r}); check that --report-dir and "
            "--state-dir are writable"
        )
    summary = RunSummary(
        run_id=run_id,
        target=target,
        started=started.isoformat(timespec="seconds"),
        finished=datetime.now(UTC).isoformat(timespec="seconds"),
        tool_version=__version__,
        seed=seed,
        tests=run.results,
        complete=run.exit_code in (EXIT_CLEAN, EXIT_FINDINGS),
        interrupted=run.exit_code == _INTERRUPTED,
    )
    try:
        write_summary(summary, reports.summary)
    except ConformanceError as err:
        _fail(str(err))
    paths = [reports.summary, reports.junit, reports.allure, reports.pytest_log]
    print_closing(console, summary, paths + ([exchanges] if exchanges else []))
    sys.exit(_exit_code(run, reports, select))
