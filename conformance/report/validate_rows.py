"""What every ``validate`` report writer shares: finding rows, verdicts, totals."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol

from conformance.findings import Finding, Level
from conformance.validate.batch import InputResult

__all__ = [
    "LEVEL_ORDER",
    "ValidateTotals",
    "ValidateWriter",
    "fails",
    "finding_row",
    "problem_row",
    "result_row",
]

LEVEL_ORDER = {Level.INFO: 0, Level.WARNING: 1, Level.SEVERE: 2}
"""Levels from least to most severe, for ``--fail-on``."""


def finding_row(item: Finding) -> dict[str, Any]:
    """A finding in the hub's ValidationResult shape plus rule id, XPath and line.

    ``field`` and ``msg`` are what the reference hub's ValidatePhytoXML answers;
    ``xpath`` is the location when it is an XPath into the certificate.
    """
    return {
        "rule_id": item.rule_id,
        "area": str(item.area),
        "field": item.field,
        "level": str(item.level),
        "msg": item.hub_message(),
        "xpath": item.field if item.field.startswith("/") else None,
        "line": item.line,
    }


def result_row(result: InputResult) -> dict[str, Any]:
    """One input as a JSON object: path, what it was read as, its findings."""
    return {
        "path": result.path,
        "kind": result.kind,
        "content_form": None
        if result.content_form is None
        else str(result.content_form),
        "findings": [finding_row(item) for item in result.findings],
    }


def problem_row(path: str, message: str) -> dict[str, Any]:
    """An input that could not be read or validated: path, error, no findings."""
    return {"path": path, "error": message, "findings": []}


def fails(result: InputResult, fail_on: Level) -> bool:
    """True when ``result`` has a finding at ``fail_on`` or more severe."""
    threshold = LEVEL_ORDER[fail_on]
    return any(LEVEL_ORDER[item.level] >= threshold for item in result.findings)


@dataclass(slots=True)
class ValidateTotals:
    """Counts over a whole ``validate`` run."""

    fail_on: Level
    inputs: int = 0
    failed: int = 0
    problems: int = 0
    levels: Counter[str] = field(default_factory=Counter)

    def add(self, result: InputResult) -> bool:
        """Count ``result``; True when it fails at the ``fail_on`` level."""
        self.inputs += 1
        self.levels.update(str(item.level) for item in result.findings)
        failed = fails(result, self.fail_on)
        self.failed += failed
        return failed


class ValidateWriter(Protocol):
    """A report format: told of each input as it is done, then of the totals."""

    def add(self, result: InputResult, failed: bool) -> None:
        """Write (or remember) one input's result."""

    def problem(self, path: str, message: str) -> None:
        """Write (or remember) an input that could not be read or validated."""

    def close(self, totals: ValidateTotals) -> None:
        """Finish the report."""
