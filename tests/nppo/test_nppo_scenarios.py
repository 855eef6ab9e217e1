"""Scenario envelopes carry what their expectation says."""

from __future__ import annotations

import pytest

from conformance.findings import Level
from conformance.nppo.capabilities import Capabilities, ImportCapabilities
from conformance.nppo.scenarios import (
    ADVANCED,
    FAILED,
    SCENARIOS,
    ScenarioContext,
    expected_kinds,
    missing_capability,
)
from conformance.validate import validate_envelope

_CONTEXT = ScenarioContext("NL", "KE", "T1", backlog=4)
_BY_ID = {scenario.id: scenario for scenario in SCENARIOS}


@pytest.mark.parametrize(
    "scenario_id",
    [s.id for s in SCENARIOS if s.expect not in ("failed", "severe")],
)
def test_readable_scenarios_have_no_severe_finding(scenario_id: str) -> None:
    envelopes = _BY_ID[scenario_id].build(_CONTEXT)

    severe = [
        f.rule_id
        for envelope in envelopes
        for f in validate_envelope(envelope)
        if f.level == Level.SEVERE
    ]

    assert envelopes and not severe
    assert all(e.from_ == "NL" and e.to == "KE" for e in envelopes)


def test_unreadable_and_severe_scenarios_break_as_intended() -> None:
    unreadable = _BY_ID["unreadable"].build(_CONTEXT)[0]
    severe = _BY_ID["severe-findings"].build(_CONTEXT)[0]

    assert [f.rule_id for f in validate_envelope(unreadable)] == ["EPH-WF-001"]
    assert [f.rule_id for f in validate_envelope(severe)] == ["EPH-BR-004"]


def test_backlog_has_distinct_numbers_of_the_asked_size() -> None:
    envelopes = _BY_ID["backlog"].build(_CONTEXT)

    assert len({e.nppo_certificate_number for e in envelopes}) == 4


def test_duplicate_reuses_the_valid_851_number() -> None:
    original = _BY_ID["valid-851"].build(_CONTEXT)[0]
    duplicate = _BY_ID["duplicate-number"].build(_CONTEXT)[0]

    assert duplicate.nppo_certificate_number == original.nppo_certificate_number


def test_severe_expectation_follows_the_capability_statement() -> None:
    severe = _BY_ID["severe-findings"]
    failing = Capabilities(import_=ImportCapabilities(severe_findings="failed"))

    assert expected_kinds(severe, Capabilities()) == (ADVANCED,)
    assert expected_kinds(severe, failing) == (FAILED,)


def test_push_mode_skips_every_import_scenario_naming_d19() -> None:
    push = Capabilities(import_=ImportCapabilities(mode="push"))

    reasons = {missing_capability(s, push) for s in SCENARIOS}

    assert len(reasons) == 1
    assert "import.mode" in str(reasons.pop())
