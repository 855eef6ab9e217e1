"""Names of the files a load run writes, shared by Locust processes and the driver."""

from __future__ import annotations

__all__ = ["LEDGER_DIR", "MEMORY_FILE", "PROGRESS_FILE", "SERIES_FILE", "ledger_prefix"]

LEDGER_DIR = "ledger"
PROGRESS_FILE = "progress.json"
SERIES_FILE = "series.jsonl"
MEMORY_FILE = "memory.jsonl"


def ledger_prefix(kind: str, run_tag: str = "") -> str:
    """Start of a ledger file name: ``delivered-<tag>`` (``delivered`` untagged)."""
    return f"{kind}-{run_tag}" if run_tag else kind
