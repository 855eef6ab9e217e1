"""``summary.json``: one machine-readable record of a conformance run."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conformance.errors import ConfigError

__all__ = ["OUTCOMES", "CheckResult", "RunSummary", "totals", "write_summary"]

# Outcomes as pytest names them; "error" is a failure outside the check's body.
OUTCOMES = ("passed", "failed", "skipped", "error")


@dataclass(slots=True)
class CheckResult:
    """How one check (one case of a parametrized check) ended."""

    id: str
    title: str
    outcome: str
    duration_s: float
    requirement: str
    case: str | None = None
    message: str | None = None
    details: Any = None

    def to_json(self) -> dict[str, Any]:
        """The summary entry; ``case``, ``message``, ``details`` only when set."""
        entry: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "outcome": self.outcome,
            "duration_s": round(self.duration_s, 3),
            "requirement": self.requirement,
        }
        for name in ("case", "message", "details"):
            value = getattr(self, name)
            if value is not None:
                entry[name] = value
        return entry


def totals(results: Iterable[CheckResult]) -> dict[str, int]:
    """Counts by outcome: ``passed``, ``failed``, ``skipped``, ``errors``."""
    counts = {"passed": 0, "failed": 0, "skipped": 0, "errors": 0}
    for result in results:
        key = "errors" if result.outcome == "error" else result.outcome
        counts[key] = counts.get(key, 0) + 1
    return counts


@dataclass(slots=True)
class RunSummary:
    """A run: where it pointed, when, with which tool, and each check's result."""

    run_id: str
    target: str
    started: str
    finished: str
    tool_version: str
    seed: int | None = None
    tests: list[CheckResult] = field(default_factory=list)
    complete: bool = True
    interrupted: bool = False

    def to_json(self) -> dict[str, Any]:
        """The ``summary.json`` document."""
        document: dict[str, Any] = {
            "run_id": self.run_id,
            "target": self.target,
            "started": self.started,
            "finished": self.finished,
            "tool_version": self.tool_version,
            # An unfinished run's totals cover only the checks that ran.
            "complete": self.complete,
            "interrupted": self.interrupted,
            "totals": totals(self.tests),
            "tests": [result.to_json() for result in self.tests],
        }
        if self.seed is not None:
            document["seed"] = self.seed
        return document


def write_summary(summary: RunSummary, path: Path) -> Path:
    """Write ``summary`` as indented UTF-8 JSON to ``path`` and return the path.

    Example::

        write_summary(summary, report_dir / "summary.json")

    Raises ``ConfigError`` when the file cannot be written.
    """
    text = json.dumps(summary.to_json(), indent=2, ensure_ascii=False, default=str)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    except OSError as err:
        raise ConfigError(
            f"cannot write the run summary to {str(path)!r}: {err.strerror}; "
            "choose a writable --report-dir"
        ) from err
    return path
