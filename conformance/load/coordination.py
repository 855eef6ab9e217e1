"""Locust event wiring: state on workers; progress and the stop on the master.

Workers attach their counters to every report; the master (or a lone local runner)
sums them once a second into ``progress.json`` and ``series.jsonl`` in the ledger
directory, tells workers to drain a backlog once it is queued, and quits when every
certificate is delivered and acknowledged.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import gevent
import locust.runners
from locust.env import Environment
from locust.runners import MasterRunner, WorkerRunner

from conformance.load.files import PROGRESS_FILE, SERIES_FILE
from conformance.load.settings import LoadSettings, add_arguments
from conformance.load.worker_state import Counters, WorkerState

__all__ = ["install", "state"]

logger = logging.getLogger(__name__)

_DRAIN = "ephyto_load_drain"
_REPORT_KEY = "ephyto_load"
_TICK_SECONDS = 1.0
# Workers report every second instead of three, so progress and the stop are prompt.
locust.runners.WORKER_REPORT_INTERVAL = 1.0

_state: WorkerState | None = None
_reports: dict[str, dict[str, int]] = {}


def state() -> WorkerState | None:
    """The running process's shared state, once the test has started."""
    return _state


def install(events: Any, *, importers: type[Any]) -> None:
    """Register the listeners on Locust's ``events`` (called by the locustfile).

    ``importers`` is the importer user class; it gets a fixed count of at least
    one per recipient NPPO and per worker.
    """

    def one_importer_per_recipient(environment: Environment, **_: object) -> None:
        # Locust hands users to workers in turn; a fixed count of at least one per
        # worker and per recipient leaves no worker's recipients without importer.
        options = environment.parsed_options
        nppos = str(getattr(options, "nppos", "") or "")
        if nppos:
            recipients = len([code for code in nppos.split(",") if code.strip()])
            workers = int(getattr(options, "load_workers", 1))
            importers.fixed_count = max(recipients, workers)

    events.init_command_line_parser.add_listener(add_arguments)
    events.init.add_listener(one_importer_per_recipient)
    events.init.add_listener(_on_init)
    events.test_start.add_listener(_on_test_start)
    events.test_stop.add_listener(_on_test_stop)
    events.report_to_master.add_listener(_on_report_to_master)
    events.worker_report.add_listener(_on_worker_report)


def _on_init(environment: Environment, **_: object) -> None:
    runner = environment.runner
    if isinstance(runner, WorkerRunner):
        runner.register_message(_DRAIN, _on_drain)


def _on_test_start(environment: Environment, **_: object) -> None:
    global _state
    settings = LoadSettings.from_options(environment.parsed_options)
    runner = environment.runner
    if not isinstance(runner, MasterRunner) and _state is None:
        index = runner.worker_index if isinstance(runner, WorkerRunner) else 0
        _state = WorkerState(settings, index, environment.events.request.fire)
    if not isinstance(runner, WorkerRunner):
        gevent.spawn(_monitor, environment, settings)


def _on_test_stop(environment: Environment, **_: object) -> None:
    global _state
    if _state is not None:
        _state.close()
        _state = None


def _on_drain(*_: object, **__: object) -> None:
    if _state is not None:
        _state.draining = True


def _on_report_to_master(client_id: str, data: dict[str, Any]) -> None:
    if _state is not None:
        _state.flush()
        data[_REPORT_KEY] = asdict(_state.counters)


def _on_worker_report(client_id: str, data: dict[str, Any]) -> None:
    if _REPORT_KEY in data:
        _reports[client_id] = data[_REPORT_KEY]


def _totals() -> Counters:
    if _state is not None:
        return _state.counters
    totals = Counters()
    for report in _reports.values():
        for key, value in report.items():
            setattr(totals, key, getattr(totals, key) + int(value))
    return totals


def _monitor(environment: Environment, settings: LoadSettings) -> None:
    runner = environment.runner
    assert runner is not None
    ledger = Path(settings.ledger_dir)
    ledger.mkdir(parents=True, exist_ok=True)
    started = time.time()
    drained_told = False
    previous = (started, 0)
    with (ledger / SERIES_FILE).open("a", encoding="utf-8") as series:
        while True:
            gevent.sleep(_TICK_SECONDS)
            now, totals = time.time(), _totals()
            done = totals.delivered + totals.delivery_failed >= settings.certificates
            if done and not drained_told and isinstance(runner, MasterRunner):
                runner.send_message(_DRAIN)
                drained_told = True
            if done and _state is not None:
                _state.draining = True
            rate = (totals.acknowledged - previous[1]) / max(now - previous[0], 1e-6)
            previous = (now, totals.acknowledged)
            point = _point(environment, settings, totals, now - started, rate)
            series.write(json.dumps(point) + "\n")
            series.flush()
            _write_progress(ledger, point)
            if done and totals.acknowledged >= totals.delivered:
                logger.info("all %d certificates acknowledged", totals.acknowledged)
                runner.quit()
                return


def _point(
    environment: Environment,
    settings: LoadSettings,
    totals: Counters,
    elapsed: float,
    rate: float,
) -> dict[str, Any]:
    runner = environment.runner
    workers = runner.worker_count if isinstance(runner, MasterRunner) else 1
    latency: dict[str, dict[str, float]] = {}
    for (name, kind), entry in environment.stats.entries.items():
        if kind != "SOAP" or not entry.num_requests:
            continue
        latency[name] = {
            f"p{p}": float(
                entry.get_current_response_time_percentile(p / 100)
                or entry.get_response_time_percentile(p / 100)
            )
            for p in (50, 95, 99)
        }
    total = environment.stats.total
    return {
        "t": round(elapsed, 3),
        "at": time.time(),
        "requested": settings.certificates,
        "delivered": totals.delivered,
        "delivery_failed": totals.delivery_failed,
        "pulled": totals.pulled,
        "acknowledged": totals.acknowledged,
        # Worker reports arrive at different moments; never show a negative queue.
        "pending": max(0, totals.delivered - totals.acknowledged),
        "retried": totals.retried,
        "copies": totals.copies,
        "certificates_per_s": round(rate, 2),
        "workers": workers,
        "users": runner.user_count if runner is not None else 0,
        "requests": total.num_requests,
        "failures": total.num_failures,
        "latency_ms": latency,
    }


def _write_progress(ledger: Path, point: dict[str, Any]) -> None:
    temporary = ledger / f"{PROGRESS_FILE}.tmp"
    temporary.write_text(json.dumps(point), encoding="utf-8")
    temporary.replace(ledger / PROGRESS_FILE)
