"""Validator throughput: certificates per second per core, schema plus rules.

Run: .venv/bin/python tests/benchmarks/bench_validate.py [--count 2000] [--repeat 5]

One process, so every rate is per core. CPU time (``time.process_time``) is used so
that other processes on a shared machine inflate the figures less; the best of
``--repeat`` passes is reported. The corpus is ``bulk_certificate`` (the bulk
generator: one to a few trade lines, no attachments) plus the hypothesis
``certificates()`` strategy (more notes and lines), bucketed by size, and the
fixed minimal and full examples.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence

from hypothesis import HealthCheck, given, settings

from conformance.certificate import Certificate, examples, to_xml
from conformance.generate import certificates
from conformance.generate.bulk import bulk_certificate
from conformance.validate import validate_certificate
from conformance.validate.options import ValidationOptions
from conformance.validate.safe import parse_untrusted
from conformance.validate.schema import check_schema

_BUCKETS = ((0, 4096), (4096, 8192), (8192, 16384), (16384, 1 << 30))


def _rate(
    items: Sequence[bytes], work: Callable[[bytes], object], repeat: int
) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for item in items:
            work(item)
        best = min(best, time.process_time() - start)
    return len(items) / best if best > 0 else float("inf")


def _strategy_corpus(count: int) -> list[bytes]:
    corpus: list[bytes] = []

    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(certificates())
    def collect(certificate: Certificate) -> None:
        corpus.append(to_xml(certificate))

    collect()
    return corpus


def _line(label: str, items: Sequence[bytes], repeat: int, **extra: float) -> None:
    sizes = [len(item) for item in items]
    rate = _rate(items, validate_certificate, repeat)
    tail = "".join(f"  {key} {value:,.0f}/s" for key, value in extra.items())
    print(
        f"{label:<28} n={len(items):>5}  median {statistics.median(sizes) / 1024:5.1f} KiB"
        f"  {rate:>7,.0f} certificates/s{tail}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Print the rates; a SEVERE finding in the corpus aborts the run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    bulk = [bulk_certificate(1, n) for n in range(args.count)]
    drawn = _strategy_corpus(max(args.count // 4, 50))
    for item in bulk[:200] + drawn[:50]:
        severe = [f for f in validate_certificate(item) if f.level == "SEVERE"]
        if severe:
            raise SystemExit(f"corpus certificate has SEVERE findings: {severe}")

    trees = [parse_untrusted(item).tree for item in bulk]
    parse_rate = _rate(
        bulk, lambda item: parse_untrusted(item, max_depth=None), args.repeat
    )
    schema_rate = len(trees) / min(
        _timed(lambda: [check_schema(tree) for tree in trees if tree is not None])
        for _ in range(args.repeat)
    )
    print("fast path (lxml), schema + every rule layer, per core:")
    _line(
        "bulk corpus (typical)", bulk, args.repeat, parse=parse_rate, schema=schema_rate
    )
    for low, high in _BUCKETS:
        bucket = [item for item in bulk + drawn if low <= len(item) < high]
        if bucket:
            _line(
                f"  {low // 1024}-{high // 1024} KiB"
                if high < 1 << 30
                else f"  {low // 1024}+ KiB",
                bucket,
                args.repeat,
            )
    _line("hypothesis certificates()", drawn, args.repeat)
    _line("minimal_851 example", [to_xml(examples.minimal_851())] * 500, args.repeat)
    _line("full_851 example", [to_xml(examples.full_851())] * 500, args.repeat)
    hub = ValidationOptions(strictness="hub")
    detailed = ValidationOptions(detailed=True)
    sample = bulk[:200]
    print("other paths on the bulk corpus:")
    print(
        f"  --strictness hub  {_rate(sample, lambda x: validate_certificate(x, options=hub), args.repeat):>9,.0f}/s"
    )
    print(
        f"  --detailed        {_rate(sample, lambda x: validate_certificate(x, options=detailed), args.repeat):>9,.0f}/s"
    )


def _timed(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


if __name__ == "__main__":
    main()
