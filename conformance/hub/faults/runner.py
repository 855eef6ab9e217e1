"""The hub selftest: the suite against the clean reference hub and each fault."""

from __future__ import annotations

import logging
import multiprocessing
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from conformance.hub.faults.catalogue import FAULTS, find_fault
from conformance.hub.faults.model import Fault
from conformance.report.selftest import (
    FaultOutcome,
    SelftestListener,
    SelftestResult,
)
from conformance.suite.runner import ReportFiles, SuiteRun, run_suite
from conformance.suite.targets import TargetOptions, embedded_settings

__all__ = [
    "CLEAN",
    "SELFTEST_TIMEOUT",
    "SelftestOptions",
    "VariantRun",
    "run_hub_selftest",
    "run_variant",
]

logger = logging.getLogger(__name__)

CLEAN = "clean"
# Seconds the checks' client waits in a selftest: the reference hub answers in
# well under a second, and a slow-hub fault then costs seconds, not minutes.
SELFTEST_TIMEOUT = 5.0
_FAILED = ("failed", "error")


@dataclass(frozen=True, slots=True)
class SelftestOptions:
    """How each suite run of a selftest is drawn, and where its inputs are."""

    seed: int = 0
    max_examples: int = 1
    timeout: float = SELFTEST_TIMEOUT
    select: str | None = None
    samples_dir: Path | None = None
    fixtures_dir: Path | None = None


@dataclass(slots=True)
class VariantRun:
    """One suite run of a selftest: against the clean hub or one fault."""

    name: str
    passed: int = 0
    failed: int = 0
    failed_ids: list[str] = field(default_factory=list)


def run_variant(
    name: str, fault: str | None, report_dir: Path, options: SelftestOptions
) -> VariantRun:
    """Run the suite once against a fresh reference hub with ``fault`` injected.

    Example::

        run = run_variant("acknowledgement-lost", "acknowledgement-lost",
                          Path("reports/x"), SelftestOptions(seed=1))

    Raises ``UsageError`` for an unknown fault and ``ConfigError`` when the hub
    cannot start.
    """
    targets = TargetOptions().with_inputs(
        samples_dir=options.samples_dir, fixtures_dir=options.fixtures_dir
    )
    with (
        tempfile.TemporaryDirectory(prefix=f"ephyto-selftest-{name}-") as state,
        embedded_settings(
            targets,
            Path(state),
            f"selftest-{name}",
            fault=fault,
            timeout=options.timeout,
        ) as settings,
    ):
        run = run_suite(
            settings,
            ReportFiles(report_dir / name),
            select=options.select,
            seed=options.seed,
            max_examples=options.max_examples,
        )
    return _summarised(name, run)


def _summarised(name: str, run: SuiteRun) -> VariantRun:
    failed = [result for result in run.results if result.outcome in _FAILED]
    return VariantRun(
        name=name,
        passed=sum(result.outcome == "passed" for result in run.results),
        failed=len(failed),
        failed_ids=sorted({result.id for result in failed}),
    )


def _jobs(
    chosen: Sequence[Fault], report_dir: Path
) -> Iterator[tuple[str, str | None, Path]]:
    yield CLEAN, None, report_dir
    for fault in chosen:
        yield fault.name, fault.name, report_dir / "faults"


def _run_all(
    chosen: Sequence[Fault],
    report_dir: Path,
    options: SelftestOptions,
    workers: int,
    listener: SelftestListener | None,
) -> dict[str, VariantRun]:
    jobs = list(_jobs(chosen, report_dir))
    done: dict[str, VariantRun] = {}
    if workers <= 1:
        for index, (name, fault, where) in enumerate(jobs, start=1):
            if listener is not None:
                listener.variant_started(name, index, len(jobs))
            done[name] = run_variant(name, fault, where, options)
            if listener is not None:
                listener.variant_finished(name, done[name].failed_ids)
        return done
    # Spawned workers: pytest and Hypothesis keep process-wide state, and a fork
    # would copy the parent's threads' locks mid-use.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        running: dict[Future[VariantRun], str] = {}
        queue = list(enumerate(jobs, start=1))
        while queue or running:
            # Only as many submitted as there are workers, so "started" is true.
            while queue and len(running) < workers:
                index, (name, fault, where) = queue.pop(0)
                if listener is not None:
                    listener.variant_started(name, index, len(jobs))
                running[pool.submit(run_variant, name, fault, where, options)] = name
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                name = running.pop(future)
                done[name] = future.result()
                if listener is not None:
                    listener.variant_finished(name, done[name].failed_ids)
    return done


def run_hub_selftest(
    report_dir: Path,
    *,
    faults: Sequence[str] | None = None,
    options: SelftestOptions | None = None,
    workers: int = 1,
    listener: SelftestListener | None = None,
) -> SelftestResult:
    """Run the suite against the clean reference hub, then against each fault.

    Each run gets a fresh hub and state directory; its reports go to
    ``report_dir/clean/`` and ``report_dir/faults/<name>/``. A fault counts as
    caught when at least one check fails against it. ``workers`` above 1 runs that
    many suite runs at once, each in its own process.

    Example::

        result = run_hub_selftest(Path("reports/selftest"), workers=2)
        assert result.ok

    Raises ``UsageError`` for a fault name not in the catalogue, ``ConfigError``
    when a hub cannot start, ``OSError`` when ``report_dir`` is not writable.
    """
    options = options or SelftestOptions()
    chosen = (
        list(FAULTS.values()) if faults is None else [find_fault(n) for n in faults]
    )
    done = _run_all(chosen, report_dir, options, workers, listener)

    clean = done[CLEAN]
    result = SelftestResult(
        profile="hub",
        clean_passed=clean.passed,
        clean_failed=clean.failed,
        clean_failed_ids=clean.failed_ids,
    )
    for fault in chosen:
        caught_by = done[fault.name].failed_ids
        logger.info("fault %s caught by %s", fault.name, caught_by or "no check")
        result.faults.append(
            FaultOutcome(
                name=fault.name,
                caught=bool(caught_by),
                caught_by=caught_by,
                description=fault.description,
            )
        )
    return result
