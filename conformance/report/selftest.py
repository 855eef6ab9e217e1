"""``selftest.json`` and the detection matrix: which injected fault the suite caught."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from rich.table import Table
from rich.text import Text

from conformance.errors import ConfigError

__all__ = [
    "PROFILES",
    "FaultOutcome",
    "SelftestListener",
    "SelftestResult",
    "detection_table",
    "write_selftest",
]

# The roles a selftest can certify: the hub itself, or a national system (NPPO).
PROFILES = ("hub", "nppo")


@dataclass(slots=True)
class FaultOutcome:
    """Whether the suite caught one injected fault, and which checks did."""

    name: str
    caught: bool
    caught_by: list[str] = field(default_factory=list)
    description: str = ""

    def to_json(self) -> dict[str, Any]:
        """The ``faults`` entry: ``name``, ``caught``, ``caught_by``."""
        return {
            "name": self.name,
            "caught": self.caught,
            "caught_by": sorted(self.caught_by),
        }


@dataclass(slots=True)
class SelftestResult:
    """A selftest: the clean reference's counts and one outcome per fault."""

    profile: str
    # The Hypothesis seed of the hub profile's runs, so a result can be repeated.
    seed: int | None = None
    clean_passed: int = 0
    clean_failed: int = 0
    clean_failed_ids: list[str] = field(default_factory=list)
    faults: list[FaultOutcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the clean reference passed everything and every fault was caught."""
        return (
            self.clean_passed > 0
            and self.clean_failed == 0
            and all(outcome.caught for outcome in self.faults)
        )

    def to_json(self) -> dict[str, Any]:
        """The ``selftest.json`` document."""
        return {
            "profile": self.profile,
            "seed": self.seed,
            "clean": {"passed": self.clean_passed, "failed": self.clean_failed},
            "faults": [outcome.to_json() for outcome in self.faults],
        }


class SelftestListener(Protocol):
    """Told as a selftest moves on, to show live progress."""

    def variant_started(self, name: str, index: int, total: int) -> None:
        """The run of ``name`` (``clean`` or a fault), ``index`` of ``total``, began."""

    def variant_finished(self, name: str, caught_by: list[str]) -> None:
        """The run of ``name`` ended; ``caught_by`` lists the failed check ids."""


def write_selftest(result: SelftestResult, path: Path) -> Path:
    """Write ``result`` as indented UTF-8 JSON to ``path`` and return the path.

    Example::

        write_selftest(result, report_dir / "selftest.json")

    Raises ``ConfigError`` when the file cannot be written.
    """
    text = json.dumps(result.to_json(), indent=2, ensure_ascii=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    except OSError as err:
        raise ConfigError(
            f"cannot write the selftest report to {str(path)!r}: {err.strerror}; "
            "choose a writable --report-dir"
        ) from err
    return path


def detection_table(result: SelftestResult) -> Table:
    """The detection matrix: one row per fault, caught or not, and by which checks."""
    table = Table(title=f"Detection matrix ({result.profile} profile)")
    table.add_column("fault", style="bold", no_wrap=True)
    table.add_column("caught", no_wrap=True)
    table.add_column("caught by")
    clean_ok = result.clean_failed == 0 and result.clean_passed > 0
    table.add_row(
        "(clean reference)",
        Text("passes" if clean_ok else "FAILS", style="green" if clean_ok else "red"),
        Text(
            f"{result.clean_passed} passed, {result.clean_failed} failed"
            + (
                f": {', '.join(result.clean_failed_ids)}"
                if result.clean_failed_ids
                else ""
            )
        ),
    )
    for outcome in result.faults:
        mark = Text("yes", style="green") if outcome.caught else Text("NO", "bold red")
        table.add_row(outcome.name, mark, ", ".join(sorted(outcome.caught_by)) or "-")
    return table
