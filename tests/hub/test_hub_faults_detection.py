"""Each hub fault is caught by the checks it names, which pass on the clean hub."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from conformance.hub.faults import FAULTS, fault_names
from conformance.hub.faults.runner import (
    CLEAN,
    SelftestOptions,
    VariantRun,
    run_variant,
)
from conformance.suite.samples import find_fixtures_dir

# Small, so that the slow-batch-pull fault costs a few seconds; the reference hub
# answers the selected checks far within it.
_TIMEOUT = 2.0
_SEED = 20261203
_WORKERS = 2


def _options(check_ids: set[str]) -> SelftestOptions:
    # Fixture certificates only: the detection must not depend on ../shared.
    return SelftestOptions(
        seed=_SEED,
        timeout=_TIMEOUT,
        select=" or ".join(sorted(check_ids)),
        fixtures_dir=find_fixtures_dir(),
    )


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where each variant's pytest log goes."""
    return tmp_path_factory.mktemp("detections")


@pytest.fixture(scope="module")
def detections(reports: Path) -> dict[str, VariantRun]:
    """Every variant, each run on only the checks its fault names."""
    everything = {check_id for fault in FAULTS.values() for check_id in fault.caught_by}
    jobs = [(CLEAN, None, everything)] + [
        (name, name, set(fault.caught_by)) for name, fault in FAULTS.items()
    ]
    # Spawned workers: Hypothesis fixes a check's settings when its module is first
    # imported, so the checks must be imported fresh, under the suite's profile.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=_WORKERS, mp_context=context) as pool:
        futures = {
            name: pool.submit(run_variant, name, fault, reports, _options(ids))
            for name, fault, ids in jobs
        }
        return {name: future.result() for name, future in futures.items()}


def _log(reports: Path, name: str) -> str:
    return (reports / name / "pytest.log").read_text(encoding="utf-8")[-3000:]


@pytest.mark.slow
def test_expected_checks_pass_against_the_clean_hub(
    detections: dict[str, VariantRun], reports: Path
) -> None:
    clean = detections[CLEAN]

    assert clean.failed_ids == [], _log(reports, CLEAN)
    assert clean.passed > 0


@pytest.mark.slow
@pytest.mark.parametrize("name", fault_names())
def test_fault_is_caught_by_its_checks(
    detections: dict[str, VariantRun], reports: Path, name: str
) -> None:
    expected = set(FAULTS[name].caught_by)

    missed = expected - set(detections[name].failed_ids)

    assert not missed, f"{name} not caught by {sorted(missed)}: {_log(reports, name)}"
