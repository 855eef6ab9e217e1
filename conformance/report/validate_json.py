"""``validate --format json``: a JSON list, one object per input, written as it goes."""

from __future__ import annotations

import json
from typing import Any, TextIO

from conformance.report.validate_rows import ValidateTotals, problem_row, result_row
from conformance.validate.batch import InputResult

__all__ = ["JsonValidateWriter"]


class JsonValidateWriter:
    """Stream ``[{"path": ..., "findings": [...]}, ...]`` to ``stream``."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._count = 0

    def add(self, result: InputResult, failed: bool) -> None:
        """Write one object; each input is flushed before the next is read."""
        self._write(result_row(result))

    def problem(self, path: str, message: str) -> None:
        """Write ``{"path", "error", "findings": []}`` for an unreadable input."""
        self._write(problem_row(path, message))

    def _write(self, row: dict[str, Any]) -> None:
        prefix = "[\n  " if self._count == 0 else ",\n  "
        self._stream.write(prefix + json.dumps(row, ensure_ascii=False))
        self._stream.flush()
        self._count += 1

    def close(self, totals: ValidateTotals) -> None:
        """Close the list (an empty run writes ``[]``)."""
        self._stream.write("\n]\n" if self._count else "[]\n")
        self._stream.flush()
