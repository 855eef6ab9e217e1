"""A suite run's example budget holds even for checks imported before the run."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from conformance.suite.plugin import SuitePlugin
from conformance.suite.settings import SuiteSettings


def _settings() -> SuiteSettings:
    return SuiteSettings(
        url="https://127.0.0.1:1/hub/DeliveryService",
        ca=Path("ca.pem"),
        nppos=(),
        run_id="run",
    )


def test_checks_decorated_before_the_run_get_the_runs_max_examples() -> None:
    calls: list[int] = []

    # Decorated now, under hypothesis's default of 100 examples, as a check module
    # imported by an earlier listing of the checks would be.
    @given(st.integers())
    def check(number: int) -> None:
        calls.append(number)

    plugin = SuitePlugin(_settings(), max_examples=2)
    config: Any = SimpleNamespace(stash={})
    plugin.pytest_configure(config)
    item: Any = SimpleNamespace(obj=check, extra_keyword_matches=set())

    plugin.pytest_collection_modifyitems([item])
    check()

    assert len(calls) == 2
