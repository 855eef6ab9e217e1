"""Collecting each check's result from pytest's reports as the run goes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import pytest

from conformance.report.summary import CheckResult
from conformance.suite.registry import check_info

__all__ = ["ResultCollector", "RunListener"]

_MESSAGE_LIMIT = 2000
_MESSAGE_LINES = 12


class RunListener(Protocol):
    """Told about the run's progress (the console's live line)."""

    def run_started(self, total: int) -> None:
        """The suite is collected: ``total`` checks (cases) will run."""

    def check_started(self, label: str) -> None:
        """A check starts; ``label`` is its id and case."""

    def check_finished(self, result: CheckResult) -> None:
        """A check has a result."""


@dataclass(slots=True)
class _Pending:
    id: str
    title: str
    requirement: str
    case: str | None
    outcome: str = "passed"
    duration_s: float = 0.0
    message: str | None = None
    details: object = None


def _message(report: pytest.CollectReport | pytest.TestReport) -> str:
    if report.skipped and isinstance(report.longrepr, tuple):
        return str(report.longrepr[2]).removeprefix("Skipped: ")
    crash = getattr(report.longrepr, "reprcrash", None)
    message = getattr(crash, "message", None)
    if isinstance(message, str) and message.strip():
        # Hypothesis appends the whole failing example; pytest.log keeps it.
        head = message.split("\nFailing test case:", 1)[0].strip()
        return "\n".join(head.splitlines()[:_MESSAGE_LINES])[:_MESSAGE_LIMIT]
    # No crash location (e.g. a collection error): the last lines name the cause.
    lines = report.longreprtext.strip().splitlines()
    return "\n".join(lines[-12:])[-_MESSAGE_LIMIT:]


class ResultCollector:
    """A pytest plugin turning reports into ``CheckResult`` records."""

    def __init__(self, listener: RunListener | None = None) -> None:
        self.listener = listener
        self.results: list[CheckResult] = []
        self._items: dict[str, _Pending] = {}

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        """Learn each selected item's check id, title, requirement and case."""
        for item in session.items:
            info = check_info(getattr(item, "obj", None))
            callspec = getattr(item, "callspec", None)
            self._items[item.nodeid] = _Pending(
                id=info.id if info else item.nodeid,
                title=info.title if info else item.name,
                requirement=info.requirement if info else "",
                case=callspec.id if callspec is not None else None,
            )
        if self.listener is not None:
            self.listener.run_started(len(session.items))

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        """A check module that cannot be collected counts as an error."""
        if report.failed:
            self._finish(
                _Pending(report.nodeid, "collection", "", None, "error"),
                _message(report),
            )

    def pytest_runtest_logstart(self, nodeid: str) -> None:
        """Tell the listener which check runs now."""
        pending = self._items.get(nodeid)
        if self.listener is not None and pending is not None:
            case = f" [{pending.case}]" if pending.case else ""
            self.listener.check_started(pending.id + case)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Fold setup, call and teardown into one outcome per check."""
        pending = self._items.get(report.nodeid)
        if pending is None:
            return
        pending.duration_s += report.duration
        for name, value in report.user_properties:
            if name == "details":
                pending.details = value
        if report.failed and pending.outcome != "failed":
            pending.outcome = "failed" if report.when == "call" else "error"
            pending.message = _message(report)
        elif report.skipped and pending.outcome == "passed":
            pending.outcome = "skipped"
            pending.message = _message(report)
        if report.when == "teardown":
            self._finish(pending, pending.message)

    def _finish(self, pending: _Pending, message: str | None) -> None:
        result = CheckResult(
            id=pending.id,
            title=pending.title,
            outcome=pending.outcome,
            duration_s=pending.duration_s,
            requirement=pending.requirement,
            case=pending.case,
            message=message if pending.outcome != "passed" else None,
            details=pending.details,
        )
        self.results.append(result)
        if self.listener is not None:
            self.listener.check_finished(result)
