"""The NPPO checks pass the reference national system and catch every faulty variant."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.nppo.selftest import CLEAN, run_variant
from conformance.nppo.variants import VARIANTS

# Above the drops-backlog variant's page of 10, so the backlog outlasts one page.
_BACKLOG = 12
_TIMEOUT = 3.0


def _failed(name: str, tmp_path: Path) -> set[str]:
    run = run_variant(
        name, tmp_path / name, scenario_timeout=_TIMEOUT, backlog=_BACKLOG
    )
    return {r.id for r in run.results if r.outcome in ("failed", "error")}


def test_reference_system_passes_every_nppo_check(tmp_path: Path) -> None:
    run = run_variant(CLEAN, tmp_path, scenario_timeout=_TIMEOUT, backlog=_BACKLOG)

    outcomes = {(r.id, r.case): r.outcome for r in run.results}

    assert run.exit_code == 0, [r for r in run.results if r.outcome != "passed"]
    assert set(outcomes.values()) == {"passed"}
    assert {check_id for check_id, _ in outcomes} >= {
        "NPPO-IMP-001",
        "NPPO-IMP-007",
        "NPPO-ACK-001",
        "NPPO-EXP-004",
    }


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant_is_caught_by_its_checks(name: str, tmp_path: Path) -> None:
    expected = set(VARIANTS[name].caught_by)

    failed = _failed(name, tmp_path)

    assert expected <= failed, (
        f"{name}: expected {sorted(expected)}, got {sorted(failed)}"
    )


def test_there_are_at_least_eight_distinct_variants() -> None:
    descriptions = {variant.description for variant in VARIANTS.values()}

    assert len(VARIANTS) >= 8
    assert len(descriptions) == len(VARIANTS)
