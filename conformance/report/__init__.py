"""Report writers of a conformance run, one module per format."""

from __future__ import annotations

from conformance.report.summary import CheckResult, RunSummary, write_summary

__all__ = ["CheckResult", "RunSummary", "write_summary"]
