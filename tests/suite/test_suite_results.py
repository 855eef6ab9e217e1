"""The result collector folds pytest's reports into one result per check case."""

from __future__ import annotations

import pytest

from conformance.suite.results import ResultCollector

pytest_plugins = ["pytester"]

_CHECKS = """
import pytest
from conformance.suite.registry import check

@check("HUB-TEST-001", title="Passes", requirement="D1")
def test_passes():
    pass

@pytest.mark.parametrize("kind", ["good", "bad"])
@check("HUB-TEST-002", title="Fails once", requirement="D2")
def test_fails_once(kind):
    assert kind == "good", "the hub said no"

@check("HUB-TEST-003", title="Skipped", requirement="D3")
def test_skipped():
    pytest.skip("no unregistered certificate")

@pytest.fixture
def broken():
    raise RuntimeError("fixture broke")

@check("HUB-TEST-004", title="Errors", requirement="D4")
def test_errors(broken):
    pass
"""


def test_collector_reports_each_case_with_its_check_id(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_checks=_CHECKS)
    collector = ResultCollector()

    pytester.inline_run("-p", "no:cacheprovider", plugins=[collector])

    outcomes = {(r.id, r.case): r.outcome for r in collector.results}
    assert outcomes == {
        ("HUB-TEST-001", None): "passed",
        ("HUB-TEST-002", "good"): "passed",
        ("HUB-TEST-002", "bad"): "failed",
        ("HUB-TEST-003", None): "skipped",
        ("HUB-TEST-004", None): "error",
    }
    messages = {r.id: r.message for r in collector.results if r.message}
    assert "the hub said no" in messages["HUB-TEST-002"]
    assert messages["HUB-TEST-003"] == "no unregistered certificate"
    assert "fixture broke" in messages["HUB-TEST-004"]
    assert {r.requirement for r in collector.results} == {"D1", "D2", "D3", "D4"}
