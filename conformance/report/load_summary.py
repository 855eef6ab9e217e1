"""``load-summary.json``: what a load run delivered, lost and how fast, in one file."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["SUMMARY_FILE", "read_locust_stats", "write_load_summary"]

SUMMARY_FILE = "load-summary.json"
_PERCENTILES = {"p50": "50%", "p95": "95%", "p99": "99%"}


def read_locust_stats(path: Path) -> tuple[dict[str, dict[str, float]], int, int]:
    """Per-operation p50/p95/p99 (ms), total requests and failures from Locust's CSV."""
    latency: dict[str, dict[str, float]] = {}
    requests = failures = 0
    if not path.exists():
        return latency, requests, failures
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("Type") != "SOAP":
                continue
            requests += int(row["Request Count"])
            failures += int(row["Failure Count"])
            latency[row["Name"]] = {
                key: float(row[column] or 0) for key, column in _PERCENTILES.items()
            }
    return latency, requests, failures


def write_load_summary(
    directory: Path,
    *,
    certificates_requested: int,
    check: Mapping[str, Any],
    duration_s: float,
    latency_ms: Mapping[str, Mapping[str, float]],
    requests: int,
    failures: int,
    violations: Sequence[str],
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Write ``load-summary.json`` into ``directory`` and return what was written."""
    acknowledged = int(check["acknowledged"])
    summary: dict[str, Any] = {
        "certificates_requested": certificates_requested,
        "delivered": int(check["delivered"]),
        "acknowledged": acknowledged,
        "lost": int(check["lost"]),
        "duplicated": int(check["duplicated"]),
        "pending": int(check["pending"]),
        "duration_s": round(duration_s, 3),
        "certificates_per_s": round(acknowledged / duration_s, 2)
        if duration_s
        else 0.0,
        "latency_ms": {
            name: dict(values) for name, values in sorted(latency_ms.items())
        },
        "requests": requests,
        "failures": failures,
        "error_rate": round(failures / requests, 6) if requests else 0.0,
        "threshold_violations": list(violations),
        **dict(extra or {}),
    }
    directory.mkdir(parents=True, exist_ok=True)
    (directory / SUMMARY_FILE).write_text(
        json.dumps(summary, indent=2) + "\n", encoding="utf-8"
    )
    return summary
