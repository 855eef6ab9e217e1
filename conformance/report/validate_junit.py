"""``validate --format junit``: one test case per input, for CI dashboards."""

from __future__ import annotations

import shutil
import tempfile
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from conformance.report.validate_rows import ValidateTotals
from conformance.validate.batch import InputResult

__all__ = ["JUnitValidateWriter"]

_SPOOL_BYTES = 8 * 1024 * 1024


class JUnitValidateWriter:
    """JUnit XML; cases are spooled (to disk past 8 MiB) until the counts are known."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        # Open from the first case to close(); no single block spans that.
        self._cases = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=_SPOOL_BYTES, mode="w+", encoding="utf-8"
        )

    def add(self, result: InputResult, failed: bool) -> None:
        """A ``testcase`` named for the path; a ``failure`` when it fails."""
        name = quoteattr(result.path)
        self._cases.write(f'  <testcase classname="ephyto.validate" name={name}>\n')
        listing = "\n".join(
            f"{item.level} {item.rule_id} line {item.line}: {item.field}: "
            f"{item.message}"
            for item in result.findings
        )
        if failed:
            summary = quoteattr(f"{len(result.findings)} finding(s)")
            self._cases.write(
                f"    <failure message={summary}>{escape(listing)}</failure>\n"
            )
        elif listing:
            self._cases.write(f"    <system-out>{escape(listing)}</system-out>\n")
        self._cases.write("  </testcase>\n")

    def problem(self, path: str, message: str) -> None:
        """A ``testcase`` with an ``error``: the input could not be read."""
        self._cases.write(
            f'  <testcase classname="ephyto.validate" name={quoteattr(path)}>\n'
            f"    <error message={quoteattr(message)}/>\n"
            "  </testcase>\n"
        )

    def close(self, totals: ValidateTotals) -> None:
        """Write the suite with its counts, then the spooled cases."""
        self._stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self._stream.write(
            f'<testsuite name="ephyto-conformance validate" '
            f'tests="{totals.inputs + totals.problems}" '
            f'failures="{totals.failed}" errors="{totals.problems}">\n'
        )
        self._cases.seek(0)
        shutil.copyfileobj(self._cases, self._stream)
        self._cases.close()
        self._stream.write("</testsuite>\n")
        self._stream.flush()
