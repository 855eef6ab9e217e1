"""Export checks: what the system sends through the hub is valid and agrees with itself."""

from __future__ import annotations

import pytest

from conformance.findings import Finding, Level
from conformance.hub.entities import Envelope
from conformance.nppo.driver import EXPORT_SCENARIOS, ExportRun
from conformance.nppo.settings import NppoSettings
from conformance.suite.registry import check
from conformance.validate import validate_envelope

_IDS = tuple(scenario.id for scenario in EXPORT_SCENARIOS)
# The envelope rules that hold the header against the body (B4).
_HEADER_RULES = frozenset(f"EPH-ENV-00{n}" for n in range(1, 6))


def _ran(export_runs: dict[str, ExportRun], scenario_id: str) -> ExportRun:
    run = export_runs[scenario_id]
    if run.skipped is not None:
        pytest.skip(f"scenario {scenario_id}: {run.skipped}")
    return run


def _sent(run: ExportRun, settings: NppoSettings) -> list[Envelope]:
    if not run.numbers:
        pytest.fail(
            f"scenario {run.scenario.id}: nothing reached the hub (NPPO-EXP-001)"
        )
    found = [settings.hub.envelope(number) for number in run.numbers]
    return [envelope for envelope in found if envelope is not None]


def _findings(run: ExportRun, settings: NppoSettings) -> list[Finding]:
    # EXP-002 and EXP-003 read the same findings, split by rule family.
    return [
        finding
        for envelope in _sent(run, settings)
        for finding in validate_envelope(envelope)
    ]


@check(
    "NPPO-EXP-001",
    title="The export command succeeds and its envelope reaches the hub",
    requirement="docs/nppo-profile.md adapter contract; WSDL DeliverEnvelope",
)
@pytest.mark.parametrize("scenario_id", _IDS)
def test_export_reaches_the_hub(
    scenario_id: str, export_runs: dict[str, ExportRun], nppo_settings: NppoSettings
) -> None:
    """Example: export-851 ends with an envelope addressed to the partner NPPO."""
    run = _ran(export_runs, scenario_id)
    attempt = run.attempt
    assert attempt is not None and attempt.succeeded, (
        f"--export-command failed for {scenario_id}: "
        f"{attempt.detail if attempt else 'not run'}"
    )
    assert not run.refusals, f"the hub refused the export: {'; '.join(run.refusals)}"
    assert run.numbers, (
        f"--export-command exited 0 for {scenario_id} but no envelope reached the "
        f"hub within {nppo_settings.scenario_timeout:g} s"
    )
    destination = nppo_settings.hub.partner
    wrong = [e.to for e in _sent(run, nppo_settings) if e.to != destination]
    assert not wrong, f"envelope addressed to {wrong!r}, expected {destination!r}"


@check(
    "NPPO-EXP-002",
    title="An exported certificate has no SEVERE finding",
    requirement="hub-protocol §4.3; ephyto-certificate B1-B4",
)
@pytest.mark.parametrize("scenario_id", _IDS)
def test_export_is_valid(
    scenario_id: str, export_runs: dict[str, ExportRun], nppo_settings: NppoSettings
) -> None:
    """What reaches the hub passes validate_envelope without SEVERE rows."""
    run = _ran(export_runs, scenario_id)
    severe = [
        finding.hub_message()
        for finding in _findings(run, nppo_settings)
        if finding.level == Level.SEVERE and finding.rule_id not in _HEADER_RULES
    ]
    assert not severe, f"{scenario_id}: SEVERE findings: {'; '.join(severe[:5])}"


@check(
    "NPPO-EXP-003",
    title="An exported envelope's header agrees with its certificate",
    requirement="WSDL EnvelopeHeader; ephyto-certificate B4; D3",
)
@pytest.mark.parametrize("scenario_id", _IDS)
def test_export_header_agrees_with_body(
    scenario_id: str, export_runs: dict[str, ExportRun], nppo_settings: NppoSettings
) -> None:
    """From, To, type, status and number in the header match the certificate."""
    run = _ran(export_runs, scenario_id)
    disagreements = [
        finding.hub_message()
        for finding in _findings(run, nppo_settings)
        if finding.rule_id in _HEADER_RULES
    ]
    assert not disagreements, f"{scenario_id}: {'; '.join(disagreements)}"


@check(
    "NPPO-EXP-004",
    title="One export request sends exactly one envelope",
    requirement="hub-protocol §2.2, §4.1 step 2; D10, D12",
)
@pytest.mark.parametrize("scenario_id", _IDS)
def test_export_sent_once(
    scenario_id: str, export_runs: dict[str, ExportRun], nppo_settings: NppoSettings
) -> None:
    """Example: re-sending after EnvelopeNotExists creates a duplicate certificate."""
    run = _ran(export_runs, scenario_id)
    sent = _sent(run, nppo_settings)
    assert len(sent) <= 1, (
        f"{scenario_id}: {len(sent)} envelopes for one request: "
        + ", ".join(
            f"{e.hub_delivery_number} ({e.nppo_certificate_number})" for e in sent
        )
    )
