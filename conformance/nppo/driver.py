"""Driving the scenarios: queue each import round, ask for each export, wait."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from conformance.nppo.adapters import ExportAttempt, Exporter, ExportRequest
from conformance.nppo.capabilities import Capabilities
from conformance.nppo.hub import NppoHub
from conformance.nppo.observer import DELIVERIES, Exchange
from conformance.nppo.scenarios import (
    SCENARIOS,
    Scenario,
    ScenarioContext,
    missing_capability,
)

__all__ = [
    "EXPORT_SCENARIOS",
    "ExportRun",
    "ExportScenario",
    "ImportRun",
    "ScenarioRun",
    "missing_export_capability",
    "run_exports",
    "run_imports",
]

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class ScenarioRun:
    """One import scenario as run: the envelopes queued, or why it was skipped."""

    scenario: Scenario
    numbers: list[str] = field(default_factory=list)
    skipped: str | None = None


@dataclass(slots=True)
class ImportRun:
    """Every import scenario of a run, by id."""

    scenarios: dict[str, ScenarioRun] = field(default_factory=dict)
    timed_out_rounds: list[int] = field(default_factory=list)

    def numbers(self) -> set[str]:
        """Every hubDeliveryNumber the harness queued for the system."""
        return {number for run in self.scenarios.values() for number in run.numbers}


def run_imports(
    hub: NppoHub,
    capabilities: Capabilities,
    *,
    timeout: float,
    tag: str,
    backlog: int,
) -> ImportRun:
    """Queue each round of scenarios and wait, at most ``timeout`` per round."""
    context = ScenarioContext(hub.partner, hub.system, tag, backlog)
    result = ImportRun()
    for round_number in sorted({scenario.round for scenario in SCENARIOS}):
        queued: list[str] = []
        for scenario in SCENARIOS:
            if scenario.round != round_number:
                continue
            reason = missing_capability(scenario, capabilities)
            run = ScenarioRun(scenario, skipped=reason)
            if reason is None:
                run.numbers = hub.queue(scenario.build(context))
                queued += run.numbers
            result.scenarios[scenario.id] = run
        if not queued:
            continue
        if not hub.wait_final(queued, timeout):
            logger.info(
                "round %d: not every envelope final in %g s", round_number, timeout
            )
            result.timed_out_rounds.append(round_number)
        # One more listing after the round: room for a late second acknowledgement.
        hub.wait_listing_after(hub.log.last_seq, timeout)
    return result


@dataclass(frozen=True, slots=True)
class ExportScenario:
    """One certificate the harness asks the system to send."""

    id: str
    title: str
    certificate_type: int
    certificate_status: int
    requires: str | None = None
    withdraws: str | None = None


EXPORT_SCENARIOS: tuple[ExportScenario, ...] = (
    ExportScenario("export-851", "An issued phytosanitary certificate (851)", 851, 70),
    ExportScenario(
        "export-657", "An issued re-export certificate (657)", 657, 70, "re_export"
    ),
    ExportScenario(
        "export-withdrawal",
        "Withdrawal (status 40) of the certificate sent in export-851",
        851,
        40,
        "withdrawal",
        withdraws="export-851",
    ),
)
"""Every export scenario, in the order the harness asks for them."""


@dataclass(slots=True)
class ExportRun:
    """One export scenario as run: the command's outcome and what reached the hub."""

    scenario: ExportScenario
    attempt: ExportAttempt | None = None
    numbers: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    skipped: str | None = None


def missing_export_capability(
    scenario: ExportScenario, capabilities: Capabilities, exporter: Exporter | None
) -> str | None:
    """Why an export scenario does not apply, or ``None`` when it does."""
    if not capabilities.export.enabled:
        return "capability export.enabled is false: the system does not export"
    if exporter is None:
        return "no --export-command given: the harness cannot ask the system to send"
    if scenario.requires and not getattr(capabilities.export, scenario.requires):
        return f"capability export.{scenario.requires} is false"
    return None


def run_exports(
    hub: NppoHub,
    exporter: Exporter | None,
    capabilities: Capabilities,
    *,
    timeout: float,
) -> dict[str, ExportRun]:
    """Ask for each export scenario in turn and collect what reached the hub."""
    runs: dict[str, ExportRun] = {}
    for scenario in EXPORT_SCENARIOS:
        run = ExportRun(scenario)
        runs[scenario.id] = run
        run.skipped = missing_export_capability(scenario, capabilities, exporter)
        if run.skipped is not None or exporter is None:
            continue
        reference = ""
        if scenario.withdraws is not None:
            reference = _certificate_number(hub, runs.get(scenario.withdraws))
            if not reference:
                run.skipped = f"{scenario.withdraws} sent nothing to withdraw"
                continue
        start = hub.log.last_seq
        run.attempt = exporter.export(
            ExportRequest(
                scenario.id,
                hub.partner,
                scenario.certificate_type,
                scenario.certificate_status,
                reference,
            )
        )
        if run.attempt.succeeded:
            _wait_delivery(hub, start, timeout)
        for exchange in _deliveries(hub, start):
            if exchange.refused is not None:
                run.refusals.append(exchange.refused)
            run.numbers += list(exchange.numbers if exchange.ok else ())
    return runs


def _deliveries(hub: NppoHub, after: int) -> list[Exchange]:
    return [
        exchange
        for exchange in hub.log.snapshot()
        if exchange.seq > after and exchange.operation in DELIVERIES
    ]


def _certificate_number(hub: NppoHub, run: ExportRun | None) -> str:
    if run is None or not run.numbers:
        return ""
    envelope = hub.envelope(run.numbers[0])
    return "" if envelope is None else envelope.nppo_certificate_number


def _wait_delivery(hub: NppoHub, after: int, timeout: float) -> None:
    hub.log.wait_for(lambda: bool(_deliveries(hub, after)), timeout)
