"""Drive one local load run: hub, Locust master and workers, then the loss check.

Locust runs as subprocesses (``python -m locust --master`` and W ``--worker``), so
each has its own GIL and gevent loop; the reference hub, when no target is given, is
a process of its own for the same reason.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import psutil

from conformance.errors import ConfigError
from conformance.load.files import LEDGER_DIR, MEMORY_FILE, PROGRESS_FILE
from conformance.load.hub_process import HubProcess
from conformance.load.settings import LOAD_NPPOS, new_run_tag

__all__ = ["LOAD_NPPOS", "LoadRun", "RunResult", "locustfile_path"]

logger = logging.getLogger(__name__)

_T = TypeVar("_T")
_POLL_SECONDS = 1.0
_GRACE_SECONDS = 30.0


def locustfile_path() -> Path:
    """The locustfile shipped in the package (works from a non-editable install)."""
    return Path(str(resources.files("conformance.load").joinpath("locustfile.py")))


@dataclass(slots=True)
class RunResult:
    """What the Locust phase left: the last progress point and how it ended."""

    progress: dict[str, Any]
    timed_out: bool
    master_exit: int | None
    hub_url: str
    pki_dir: Path
    hub_database: Path | None
    started: float
    finished: float
    run_tag: str = ""


@dataclass(slots=True)
class LoadRun:
    """One headless run; :meth:`execute` blocks until it stops (bounded by timeout)."""

    certificates: int
    report_dir: Path
    rate: str = "0"
    shape: str = "steady"
    workers: int = 1
    users_per_worker: int = 32
    targets: tuple[str, ...] = ()
    pki_dir: Path | None = None
    nppos: tuple[str, ...] = LOAD_NPPOS
    seed: int = 1
    timeout: float = 600.0
    run_tag: str = field(default_factory=new_run_tag)
    extra_env: dict[str, str] = field(default_factory=dict)

    def execute(
        self,
        on_progress: Callable[[dict[str, Any]], None],
        then: Callable[[RunResult], _T],
    ) -> _T:
        """Run to completion or timeout, then call ``then`` while the hub still serves.

        ``on_progress`` gets the latest progress point about once a second. Raises
        ``ConfigError`` when the hub or Locust cannot start.
        """
        self.report_dir.mkdir(parents=True, exist_ok=True)
        ledger = self.report_dir / LEDGER_DIR
        ledger.mkdir(exist_ok=True)
        hub: HubProcess | None = None
        if self.targets:
            if self.pki_dir is None:
                raise ConfigError(
                    "--target needs --pki-dir: the directory with ca.pem and "
                    "CODE.pem/CODE.key of every --nppo"
                )
            hub_url, pki_dir, database = ",".join(self.targets), self.pki_dir, None
        else:
            hub = HubProcess(self.report_dir / "hub", self.nppos).start()
            hub_url, pki_dir = hub.url, hub.state_dir / "pki"
            database = hub.state_dir / "hub.sqlite3"
        try:
            result = self._locust(hub, hub_url, pki_dir, database, ledger, on_progress)
            return then(result)
        finally:
            if hub is not None:
                hub.stop()

    def _locust(
        self,
        hub: HubProcess | None,
        hub_url: str,
        pki_dir: Path,
        database: Path | None,
        ledger: Path,
        on_progress: Callable[[dict[str, Any]], None],
    ) -> RunResult:
        port = _free_port()
        common = [sys.executable, "-m", "locust", "-f", str(locustfile_path())]
        options = [
            f"--hub-url={hub_url}",
            f"--pki-dir={pki_dir}",
            f"--nppos={','.join(self.nppos)}",
            f"--certificates={self.certificates}",
            f"--rate={self.rate}",
            f"--shape={self.shape}",
            f"--seed={self.seed}",
            f"--ledger-dir={ledger}",
            f"--load-workers={self.workers}",
            f"--run-tag={self.run_tag}",
        ]
        users = self.users_per_worker * self.workers
        master_args = common + [
            "--master", "--headless", "--master-bind-host=127.0.0.1",
            f"--master-bind-port={port}", f"--expect-workers={self.workers}",
            f"--users={users}", f"--spawn-rate={users}",
            f"--run-time={int(self.timeout)}s", "--stop-timeout=5",
            f"--csv={self.report_dir / 'locust'}", "--csv-full-history",
            "--only-summary", "--loglevel=WARNING",
        ] + options  # fmt: skip
        worker_args = common + [
            "--worker", "--master-host=127.0.0.1", f"--master-port={port}",
            "--loglevel=WARNING",
        ] + options  # fmt: skip
        env = {**os.environ, **self.extra_env}
        logs = self.report_dir / "locust-logs"
        logs.mkdir(exist_ok=True)
        started = time.time()
        master = _spawn(master_args, logs / "master.log", env)
        workers = [
            _spawn(worker_args, logs / f"worker-{i}.log", env)
            for i in range(self.workers)
        ]
        progress: dict[str, Any] = {}
        deadline = time.monotonic() + self.timeout + _GRACE_SECONDS
        memory = (self.report_dir / MEMORY_FILE).open("a", encoding="utf-8")
        try:
            while master.poll() is None and time.monotonic() < deadline:
                time.sleep(_POLL_SECONDS)
                progress = _read_progress(ledger) or progress
                _sample_memory(memory, started, hub, master, workers)
                on_progress(progress)
        finally:
            memory.close()
            timed_out = master.poll() is None
            _stop(master)
            # Workers close their ledgers on the master's quit; give them the time.
            for process in workers:
                _stop(process, wait_first=_GRACE_SECONDS)
        progress = _read_progress(ledger) or progress
        return RunResult(
            progress=progress,
            timed_out=timed_out or progress.get("acknowledged", 0) < self.certificates,
            master_exit=master.returncode,
            hub_url=hub_url.split(",")[0],
            pki_dir=pki_dir,
            hub_database=database,
            started=started,
            finished=time.time(),
            run_tag=self.run_tag,
        )


def _spawn(args: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    with log.open("wb") as handle:
        return subprocess.Popen(args, stdout=handle, stderr=subprocess.STDOUT, env=env)


def _stop(process: subprocess.Popen[bytes], *, wait_first: float = 0.0) -> None:
    if wait_first:
        try:
            process.wait(wait_first)
        except subprocess.TimeoutExpired:
            logger.warning("Locust process %d did not stop; terminating", process.pid)
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(_GRACE_SECONDS)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _read_progress(ledger: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((ledger / PROGRESS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _sample_memory(
    out: Any,
    started: float,
    hub: HubProcess | None,
    master: subprocess.Popen[bytes],
    workers: list[subprocess.Popen[bytes]],
) -> None:
    # Resident memory per process: a long run must stay flat, not grow per certificate.
    sample: dict[str, Any] = {"t": round(time.time() - started, 1)}
    running = {"master": master, **{f"worker{i}": w for i, w in enumerate(workers)}}
    pids = {name: p.pid for name, p in running.items() if p.poll() is None}
    if hub is not None and hub.pid is not None:
        pids["hub"] = hub.pid
    for name, pid in pids.items():
        try:
            sample[f"{name}_rss_mb"] = round(
                psutil.Process(pid).memory_info().rss / 2**20, 1
            )
        except psutil.Error:
            continue
    if "hub" in pids:
        # The hub's memory follows its open connections (a TLS connection holds
        # buffers of its own), not the certificates it has carried.
        try:
            sample["hub_connections"] = len(
                psutil.Process(pids["hub"]).net_connections()
            )
        except psutil.Error:
            pass
    out.write(json.dumps(sample) + "\n")
    out.flush()
