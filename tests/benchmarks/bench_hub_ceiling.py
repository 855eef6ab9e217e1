"""The reference hub's request ceiling: a tight gevent loop of one operation.

Run: .venv/bin/python tests/benchmarks/bench_hub_ceiling.py [--seconds 10]
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()

import argparse
import itertools
import tempfile
import time
from pathlib import Path

import gevent
import psutil

from conformance.load.client import FastHubClient, shared_ssl_context
from conformance.load.envelopes import load_envelope
from conformance.load.hub_process import HubProcess

_NPPOS = ("NL", "KE")


def _loop(
    client: FastHubClient, operation: str, until: float, seq: itertools.count[int]
) -> int:
    done = 0
    while time.monotonic() < until:
        if operation == "GetProfile":
            client.get_profile()
        else:
            client.deliver_envelope(load_envelope(1, next(seq), "NL", "KE"))
        done += 1
    return done


def measure(
    url: str, pki: Path, operation: str, seconds: float, concurrency: int
) -> float:
    client = FastHubClient(url, shared_ssl_context(pki, "NL"), concurrency=concurrency)
    seq = itertools.count()
    until = time.monotonic() + seconds
    started = time.monotonic()
    jobs = [
        gevent.spawn(_loop, client, operation, until, seq) for _ in range(concurrency)
    ]
    gevent.joinall(jobs, timeout=seconds + 30)
    total = sum(job.value or 0 for job in jobs)
    client.close()
    return total / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as state:
        hub = HubProcess(Path(state), _NPPOS).start()
        try:
            hub_cpu = psutil.Process(hub.pid)
            own_cpu = psutil.Process()
            for operation in ("GetProfile", "DeliverEnvelope"):
                hub_cpu.cpu_percent()
                own_cpu.cpu_percent()
                rate = measure(
                    hub.url,
                    Path(state) / "pki",
                    operation,
                    options.seconds,
                    options.concurrency,
                )
                hub_load, own_load = hub_cpu.cpu_percent(), own_cpu.cpu_percent()
                print(
                    f"{operation:16s} {rate:8.0f} requests/s  "
                    f"hub CPU {hub_load:.0f}%  client CPU {own_load:.0f}%"
                )
        finally:
            hub.stop()


if __name__ == "__main__":
    main()
