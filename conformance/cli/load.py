"""``ephyto-conformance load``: a headless Locust run against a hub, proved lossless."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from conformance.cli import EXIT_USAGE
from conformance.errors import ConformanceError, UsageError
from conformance.load.settings import LOAD_NPPOS, SHAPES, parse_rate
from conformance.load.thresholds import Thresholds, parse_p95

__all__ = ["command"]


@click.command(name="load")
@click.option(
    "--certificates",
    "-n",
    type=click.IntRange(1),
    required=True,
    help="How many certificates to deliver, pull and acknowledge.",
)
@click.option(
    "--rate",
    default="0",
    show_default=True,
    help="Certificates per second, or per unit: '500/s', '2000000/day'. "
    "0 = as fast as the hub allows.",
)
@click.option(
    "--shape",
    type=click.Choice(SHAPES),
    default="steady",
    show_default=True,
    help="steady pace, bursts every period, or backlog (queue all, then drain).",
)
@click.option(
    "--workers",
    "-w",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Local Locust worker processes.",
)
@click.option(
    "--users",
    type=click.IntRange(2),
    default=32,
    show_default=True,
    help="Locust users per worker (3 exporters to 1 importer).",
)
@click.option(
    "--target",
    "targets",
    multiple=True,
    metavar="URL",
    help="Hub endpoint (repeatable); none starts the reference hub. "
    "Needs --pki-dir and --nppo.",
)
@click.option(
    "--pki-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="With --target: ca.pem and CODE.pem/CODE.key per --nppo "
    "(checked before the run starts).",
)
@click.option(
    "--nppo",
    "nppos",
    multiple=True,
    metavar="CODE",
    help="NPPO codes to exchange between (repeatable, at least two). Default "
    f"without --target: {' '.join(LOAD_NPPOS)}; required with --target.",
)
@click.option(
    "--report-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("reports/load"),
    show_default=True,
)
@click.option(
    "--timeout",
    type=click.FloatRange(1),
    default=None,
    help="Seconds before the run stops by itself [default: from N and rate].",
)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option(
    "--p95",
    "p95",
    multiple=True,
    metavar="OP=MS",
    help="p95 latency limit per operation ('*' for all), repeatable.",
)
@click.option("--max-error-rate", type=click.FloatRange(0, 1), default=None)
@click.option(
    "--min-rate",
    type=click.FloatRange(0),
    default=None,
    help="Minimum certificates per second end to end.",
)
@click.option(
    "--thresholds",
    "thresholds_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="TOML or JSON file of thresholds; options override it.",
)
def command(**options: Any) -> None:
    """Load a hub with N certificates on Locust, then prove none was lost.

    Starts a Locust master and WORKERS worker processes on this machine (and the
    reference hub in its own process when no --target is given), shows live
    progress, stops when every certificate is delivered and acknowledged (or at the
    timeout), checks each hubDeliveryNumber through GetEnvelopeTrackingInfo and the
    hub's store, and writes load-summary.json, Locust's CSVs and load-report.html.

    Example: ephyto-conformance load --certificates 20000 --workers 2 --rate 500/s

    Exit codes: 0 all acknowledged once and thresholds met; 1 a loss, duplicate,
    undrained queue or broken threshold; 2 bad options or a hub that cannot start.
    """
    try:
        rate = parse_rate(options["rate"])
        thresholds = _thresholds(options)
        timeout = options["timeout"] or _default_timeout(options["certificates"], rate)
        _check_users(options)
        _check_target(options)
    except ConformanceError as err:
        click.echo(f"load: {err}", err=True)
        raise SystemExit(EXIT_USAGE) from err
    from conformance.load.driver import LoadRun, RunResult
    from conformance.load.finish import finish
    from conformance.load.live_view import ProgressView, check_text

    if len(options["nppos"]) == 1:
        raise click.BadParameter(
            f"one NPPO ({options['nppos'][0]!r}) cannot exchange certificates; "
            "give --nppo at least twice",
            param_hint="--nppo",
        )
    run = LoadRun(
        certificates=options["certificates"],
        report_dir=options["report_dir"],
        rate=options["rate"],
        shape=options["shape"],
        workers=options["workers"],
        users_per_worker=options["users"],
        targets=tuple(options["targets"]),
        pki_dir=options["pki_dir"],
        nppos=tuple(options["nppos"]) or LOAD_NPPOS,
        seed=options["seed"],
        timeout=timeout,
    )
    console = Console(stderr=True)
    view = ProgressView(console)

    def check(result: RunResult) -> tuple[dict[str, Any], int]:
        view.stop()
        console.print("checking every delivered envelope ...")
        total = int(result.progress.get("delivered") or 0)
        started = time.monotonic()
        checking = ProgressView(console, render=check_text)

        def on_verify(asked: int) -> None:
            elapsed = time.monotonic() - started
            checking.update({"asked": asked, "total": total, "t": elapsed})

        def on_store() -> None:
            checking.stop()
            console.print("reading the reference hub's store ...")

        with checking:
            return finish(
                result,
                report_dir=options["report_dir"],
                certificates=options["certificates"],
                thresholds=thresholds,
                verify_seconds=max(120.0, timeout),
                on_verify=on_verify,
                on_store=on_store,
            )

    try:
        with view:
            summary, code = run.execute(view.update, check)
    except ConformanceError as err:
        click.echo(f"load: {err}", err=True)
        raise SystemExit(EXIT_USAGE) from err
    click.echo(_verdict(summary, options["report_dir"]))
    raise SystemExit(code)


def _thresholds(options: dict[str, Any]) -> Thresholds:
    base = (
        Thresholds.from_file(options["thresholds_file"])
        if options["thresholds_file"]
        else Thresholds()
    )
    return base.merged(
        Thresholds(
            p95_ms=parse_p95(options["p95"]),
            max_error_rate=options["max_error_rate"],
            min_certificates_per_s=options["min_rate"],
        )
    )


def _check_target(options: dict[str, Any]) -> None:
    if not options["targets"]:
        return
    if not options["nppos"]:
        raise UsageError(
            "--target needs --nppo: name (at least twice) the NPPO codes whose "
            "certificates and keys are in --pki-dir; a real hub's NPPOs are not "
            "guessed"
        )
    if options["pki_dir"] is None:
        raise UsageError(
            "--target needs --pki-dir: the directory with ca.pem and "
            "CODE.pem/CODE.key of every --nppo"
        )
    from conformance.load.pki_check import check_pki

    check_pki(options["pki_dir"], options["nppos"])


def _check_users(options: dict[str, Any]) -> None:
    importers = max(len(options["nppos"] or LOAD_NPPOS), options["workers"])
    users = options["users"] * options["workers"]
    if users <= importers:
        raise UsageError(
            f"--users {options['users']} on {options['workers']} worker(s) leaves "
            f"no exporter: {importers} users are importers (one per recipient NPPO "
            f"and per worker); give more than {importers // options['workers']}"
        )


def _default_timeout(certificates: int, rate: float) -> float:
    # Paced runs need N/rate; unpaced ones are assumed to manage 100 per second.
    expected = certificates / rate if rate > 0 else certificates / 100
    return float(math.ceil(expected * 2 + 120))


def _verdict(summary: dict[str, Any], report_dir: Path) -> str:
    lines = [
        (
            f"delivered {summary['delivered']}  "
            f"acknowledged {summary['acknowledged']}  "
            f"lost {summary['lost']}  duplicated {summary['duplicated']}  "
            f"pending {summary['pending']}"
        ),
        (
            f"average {summary['certificates_per_s']} certificates/s "
            f"over {summary['duration_s']} s"
        ),
    ]
    lines += [f"FAILED: {problem}" for problem in summary["problems"]]
    lines += [f"THRESHOLD: {broken}" for broken in summary["threshold_violations"]]
    lines.append(f"report: {report_dir / 'load-report.html'}")
    return "\n".join(lines)
