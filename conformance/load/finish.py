"""After the Locust phase: prove delivery, write the reports, decide the exit code."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from conformance.load.driver import RunResult
from conformance.load.files import LEDGER_DIR, MEMORY_FILE, SERIES_FILE
from conformance.load.loss_check import DeliveryCheck, Ledger
from conformance.load.thresholds import Thresholds, violations
from conformance.load.verify import load_ledger_files, query_store, query_tracking
from conformance.report.load_html import Series, write_load_html
from conformance.report.load_summary import read_locust_stats, write_load_summary

__all__ = ["EXIT_FAILED", "EXIT_OK", "finish"]

EXIT_OK = 0
EXIT_FAILED = 1
_CHECK_FILE = "loss-check.sqlite3"


def finish(
    result: RunResult,
    *,
    report_dir: Path,
    certificates: int,
    thresholds: Thresholds,
    verify_seconds: float,
    on_verify: Callable[[int], None] | None = None,
    on_store: Callable[[], None] | None = None,
) -> tuple[dict[str, Any], int]:
    """Run the loss check, write the summary and the page; return the exit code."""
    check_path = report_dir / _CHECK_FILE
    check_path.unlink(missing_ok=True)
    ledger = Ledger(check_path)
    try:
        load_ledger_files(ledger, report_dir / LEDGER_DIR, result.run_tag)
        tracked = query_tracking(
            ledger,
            result.hub_url,
            result.pki_dir,
            deadline=time.monotonic() + verify_seconds,
            progress=on_verify,
        )
        if result.hub_database is not None and result.hub_database.exists():
            if on_store is not None:
                on_store()
            query_store(ledger, result.hub_database)
        check = ledger.check()
        to_ack = ledger.delivery_to_acknowledgement(5.0)
    finally:
        ledger.close()

    latency, requests, failures = read_locust_stats(report_dir / "locust_stats.csv")
    duration = float(result.progress.get("t") or (result.finished - result.started))
    acknowledged_per_s = check.acknowledged / duration if duration else 0.0
    broken = violations(
        thresholds,
        latency_ms=latency,
        error_rate=failures / requests if requests else 0.0,
        certificates_per_s=acknowledged_per_s,
    )
    problems = _problems(check, certificates, result.timed_out)
    if tracked < check.delivered:
        problems.append(
            f"the tracking check reached only {tracked} of {check.delivered} "
            "numbers before its deadline"
        )
    summary = write_load_summary(
        report_dir,
        certificates_requested=certificates,
        check=asdict(check),
        duration_s=duration,
        latency_ms=latency,
        requests=requests,
        failures=failures,
        violations=broken,
        extra={
            "ok": not broken and not problems,
            "problems": problems,
            "lost_examples": list(check.lost_examples),
            "duplicated_examples": list(check.duplicated_examples),
            "unanswered_copies": check.unanswered_copies,
            "retried": int(result.progress.get("retried") or 0),
            "tracking_checked": check.tracking_checked,
            "store_checked": check.store_checked,
            "timed_out": result.timed_out,
        },
    )
    write_load_html(report_dir, summary, _charts(report_dir, to_ack, result.started))
    return summary, EXIT_FAILED if broken or problems else EXIT_OK


def _problems(check: DeliveryCheck, certificates: int, timed_out: bool) -> list[str]:
    problems = []
    if check.lost:
        problems.append(f"{check.lost} delivered envelopes were lost")
    if check.duplicated:
        problems.append(f"{check.duplicated} envelopes were duplicated")
    if check.pending:
        problems.append(f"{check.pending} envelopes still pending at the end")
    if check.delivered < certificates:
        problems.append(
            f"only {check.delivered} of {certificates} certificates were delivered "
            "(the workers' own errors are in locust-logs/worker-*.log)"
        )
    if timed_out:
        problems.append("the run stopped at its timeout before draining")
    return problems


def _charts(
    report_dir: Path, to_ack: list[tuple[float, float]], started: float
) -> dict[str, Series]:
    points = _jsonl(report_dir / LEDGER_DIR / SERIES_FILE)
    memory = _jsonl(report_dir / MEMORY_FILE)
    operations = sorted({name for p in points for name in p.get("latency_ms", {})})
    latency: dict[str, list[tuple[float, float]]] = {}
    for name in operations:
        for key in ("p50", "p95", "p99"):
            latency[f"{name} {key}"] = [
                (p["t"], p["latency_ms"][name][key])
                for p in points
                if name in p.get("latency_ms", {})
            ]
    origin = points[0]["at"] - points[0]["t"] if points else started
    memory_lines: dict[str, list[tuple[float, float]]] = {}
    for sample in memory:
        for key, value in sample.items():
            if key.endswith("_rss_mb"):
                memory_lines.setdefault(key[:-7], []).append((sample["t"], value))
    connections = [
        (sample["t"], sample["hub_connections"])
        for sample in memory
        if "hub_connections" in sample
    ]
    charts: dict[str, Series] = {
        "Certificates acknowledged per second": {
            "certificates/s": [(p["t"], p["certificates_per_s"]) for p in points]
        },
        "Latency percentiles (ms)": latency,
        "Delivery to acknowledgement (s, mean per 5 s)": {
            "seconds": [(max(0.0, at - origin), value) for at, value in to_ack]
        },
        "Queue depth (delivered, not yet acknowledged)": {
            "pending": [(p["t"], p["pending"]) for p in points]
        },
        "Workers": {"workers": [(p["t"], p["workers"]) for p in points]},
        "Resident memory (MiB)": memory_lines,
    }
    if connections:
        # The reference hub's memory follows its open connections.
        charts["Connections open at the reference hub"] = {"hub": connections}
    return charts


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
