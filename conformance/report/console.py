"""The console view of a run: a live progress line, then a table of every check."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.live import Live
from rich.table import Table
from rich.text import Text

from conformance.report.summary import CheckResult, RunSummary, totals

__all__ = ["LiveProgress", "print_closing", "results_table"]

_STYLES = {
    "passed": "green",
    "failed": "bold red",
    "error": "bold red",
    "skipped": "yellow",
}


class LiveProgress:
    """One live line: checks done / total, passed, failed, the current check.

    On a terminal the line is redrawn in place; elsewhere (CI logs) each finished
    check prints one plain line instead.
    """

    def __init__(self, console: Console) -> None:
        self.console = console
        self.total = 0
        self.done = 0
        self.passed = 0
        self.failed = 0
        self.current = ""
        # Redrawn only from pytest's hooks: a refresh thread could write while
        # pytest has the terminal's file descriptors captured.
        self._live = Live(
            console=console,
            auto_refresh=False,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )

    def run_started(self, total: int) -> None:
        """Start the live line for ``total`` checks."""
        self.total = total
        if self.console.is_terminal:
            self._live.start()
        self._redraw()

    def check_started(self, label: str) -> None:
        """Show ``label`` as the current check."""
        self.current = label
        self._redraw()

    def check_finished(self, result: CheckResult) -> None:
        """Count ``result`` and, off a terminal, print it."""
        self.done += 1
        if result.outcome == "passed":
            self.passed += 1
        elif result.outcome in ("failed", "error"):
            self.failed += 1
        if not self.console.is_terminal:
            case = f" [{result.case}]" if result.case else ""
            self.console.print(
                f"{self.done}/{self.total} {result.id}{case} {result.outcome}",
                highlight=False,
                markup=False,
            )
        self._redraw()

    def stop(self) -> None:
        """Remove the live line."""
        if self._live.is_started:
            self._live.stop()

    def _redraw(self) -> None:
        if not self._live.is_started:
            return
        line = Text.assemble(
            (f"{self.done}/{self.total} checks  ", "bold"),
            (f"{self.passed} passed  ", "green"),
            (f"{self.failed} failed  ", "red" if self.failed else "dim"),
            (self.current, "cyan"),
        )
        self._live.update(line, refresh=True)


# A check's outcome is its worst case's.
_SEVERITY = {"skipped": 0, "passed": 1, "failed": 2, "error": 3}


def _by_check(results: Sequence[CheckResult]) -> dict[str, list[CheckResult]]:
    grouped: dict[str, list[CheckResult]] = {}
    for result in results:
        grouped.setdefault(result.id, []).append(result)
    return grouped


def results_table(results: Sequence[CheckResult]) -> Table:
    """A table with one row per check: id, title, cases, outcome, duration."""
    table = Table(title="Conformance checks", title_justify="left")
    table.add_column("id", no_wrap=True, min_width=15)
    table.add_column("title", ratio=1, overflow="fold")
    table.add_column("cases", justify="right", no_wrap=True)
    table.add_column("outcome", no_wrap=True, min_width=7)
    table.add_column("duration", justify="right", no_wrap=True, min_width=8)
    for check_id, cases in _by_check(results).items():
        worst = max(cases, key=lambda case: _SEVERITY.get(case.outcome, 0)).outcome
        bad = sum(case.outcome == worst for case in cases)
        label = worst if len(cases) == 1 or worst == "passed" else f"{worst} {bad}"
        table.add_row(
            Text(check_id),
            Text(cases[0].title),
            str(len(cases)),
            Text(label, style=_STYLES.get(worst, "")),
            f"{sum(case.duration_s for case in cases):.2f} s",
        )
    return table


def _notes(results: Sequence[CheckResult]) -> list[Text]:
    # Failures first: they are what the reader has to act on.
    order = ("failed", "error", "skipped")
    lines = []
    chosen = [result for result in results if result.outcome in order]
    for result in sorted(chosen, key=lambda result: order.index(result.outcome)):
        case = f" [{result.case}]" if result.case else ""
        first = (result.message or "").strip().splitlines()[:1]
        lines.append(
            Text.assemble(
                (f"{result.outcome} ", _STYLES[result.outcome]),
                f"{result.id}{case}: {first[0] if first else ''}",
            )
        )
    return lines


def print_closing(
    console: Console, summary: RunSummary, report_paths: Sequence[Path]
) -> None:
    """Print the table, the totals and where the reports are."""
    console.print(results_table(summary.tests))
    for line in _notes(summary.tests):
        console.print(line)
    if summary.interrupted or not summary.complete:
        why = "interrupted" if summary.interrupted else "incomplete"
        console.print(
            f"[bold red]{why}[/]: the run stopped before every check ran; "
            "the totals cover only the checks that finished"
        )
    counts = totals(summary.tests)
    console.print(
        f"[green]{counts['passed']} passed[/], [red]{counts['failed']} failed[/], "
        f"[yellow]{counts['skipped']} skipped[/], [red]{counts['errors']} errors[/]"
        f" against {summary.target}"
    )
    for path in report_paths:
        console.print(f"  {path}", highlight=False, markup=False, soft_wrap=True)
