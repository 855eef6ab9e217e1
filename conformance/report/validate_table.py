"""``validate --format table``: one line per input, one per finding, then totals."""

from __future__ import annotations

from typing import TextIO

from conformance.report.validate_rows import ValidateTotals
from conformance.validate.batch import InputResult

__all__ = ["TableValidateWriter"]

_LEVEL_WIDTH = 7


class TableValidateWriter:
    """Plain text for a terminal or a CI log, written as each input is done."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def add(self, result: InputResult, failed: bool) -> None:
        """``FAIL``/``ok`` and the path, then each finding indented."""
        verdict = "FAIL" if failed else "ok"
        detail = result.kind
        if result.content_form is not None:
            detail += f", Content {result.content_form}"
        count = len(result.findings)
        detail += f", {count} finding{'' if count == 1 else 's'}"
        lines = [f"{verdict:<5}{result.path} ({detail})"]
        for item in result.findings:
            where = f"line {item.line}" if item.line is not None else "line -"
            lines.append(
                f"     {item.level:<{_LEVEL_WIDTH}} {item.rule_id:<12} {where:<10} "
                f"{item.field}: {item.message}"
            )
        self._stream.write("\n".join(lines) + "\n")
        self._stream.flush()

    def problem(self, path: str, message: str) -> None:
        """``ERROR`` and the path: the input could not be read or validated."""
        self._stream.write(f"ERROR {path}: {message}\n")
        self._stream.flush()

    def close(self, totals: ValidateTotals) -> None:
        """One closing line with the counts."""
        levels = ", ".join(
            f"{totals.levels.get(level, 0)} {level}"
            for level in ("SEVERE", "WARNING", "INFO")
        )
        self._stream.write(
            f"{totals.inputs} input(s): {totals.inputs - totals.failed} pass, "
            f"{totals.failed} fail at {totals.fail_on} or above; findings: {levels}"
            + (f"; {totals.problems} unreadable" if totals.problems else "")
            + "\n"
        )
