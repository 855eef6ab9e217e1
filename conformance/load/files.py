"""Names of the files a load run writes, shared by Locust processes and the driver."""

from __future__ import annotations

__all__ = ["LEDGER_DIR", "MEMORY_FILE", "PROGRESS_FILE", "SERIES_FILE"]

LEDGER_DIR = "ledger"
PROGRESS_FILE = "progress.json"
SERIES_FILE = "series.jsonl"
MEMORY_FILE = "memory.jsonl"
