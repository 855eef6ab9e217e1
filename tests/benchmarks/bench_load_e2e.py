"""End-to-end load figures: certificates/s (deliver, pull, acknowledge) and memory.

Run: .venv/bin/python tests/benchmarks/bench_load_e2e.py --certificates 20000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

_FIGURES = (
    "certificates_requested",
    "delivered",
    "acknowledged",
    "lost",
    "duplicated",
    "pending",
    "duration_s",
    "certificates_per_s",
)


def _memory(report_dir: Path) -> dict[str, tuple[float, float, float]]:
    # First, last and highest resident MiB per process: flat means last ~ first.
    series: dict[str, list[float]] = {}
    with (report_dir / "memory.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            for key, value in json.loads(line).items():
                if key.endswith("_rss_mb"):
                    series.setdefault(key[:-7], []).append(value)
    return {k: (v[min(5, len(v) - 1)], v[-1], max(v)) for k, v in series.items() if v}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--certificates", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shape", default="steady")
    parser.add_argument("--rate", default="0")
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--report-dir", type=Path, default=None)
    options = parser.parse_args()
    report_dir = options.report_dir or Path(tempfile.mkdtemp(prefix="bench-load-"))
    command = [
        sys.executable, "-m", "conformance", "load",
        f"--certificates={options.certificates}", f"--workers={options.workers}",
        f"--shape={options.shape}", f"--rate={options.rate}",
        f"--timeout={options.timeout}", f"--report-dir={report_dir}",
    ]  # fmt: skip
    code = subprocess.run(command, check=False).returncode
    summary = json.loads((report_dir / "load-summary.json").read_text("utf-8"))
    print(f"exit {code}; report in {report_dir}")
    for key in _FIGURES:
        print(f"{key:24s} {summary[key]}")
    for name, values in summary["latency_ms"].items():
        print(f"{name:34s} p50 {values['p50']:6.0f}  p95 {values['p95']:6.0f} ms")
    for name, (early, last, peak) in _memory(report_dir).items():
        print(
            f"{name:10s} RSS early {early:7.1f}  last {last:7.1f}  peak {peak:7.1f} MiB"
        )


if __name__ == "__main__":
    main()
