"""Shared steps of the import checks: skip what does not apply, then judge outcomes."""

from __future__ import annotations

import pytest

from conformance.nppo.driver import ImportRun, ScenarioRun
from conformance.nppo.evidence import outcome_problem
from conformance.nppo.scenarios import expected_kinds
from conformance.nppo.settings import NppoSettings

__all__ = ["applicable", "assert_outcomes"]


def applicable(import_run: ImportRun, scenario_id: str) -> ScenarioRun:
    """The scenario's run; skips the check with the capability reason if it did not run."""
    run = import_run.scenarios[scenario_id]
    if run.skipped is not None:
        pytest.skip(f"scenario {scenario_id}: {run.skipped}")
    return run


def assert_outcomes(run: ScenarioRun, settings: NppoSettings) -> None:
    """Every envelope of ``run`` got an expected acknowledgement."""
    expected = expected_kinds(run.scenario, settings.capabilities)
    problems = [
        problem
        for number in run.numbers
        if (
            problem := outcome_problem(
                settings.hub, number, expected, settings.scenario_timeout
            )
        )
        is not None
    ]
    shown = problems[:5]
    more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
    assert not problems, (
        f"scenario {run.scenario.id} ({run.scenario.title}): " + "; ".join(shown) + more
    )
