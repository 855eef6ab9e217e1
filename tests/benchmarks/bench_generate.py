"""Benchmark of bulk generation: certificates/s/core beside lxml, and zip writes.

Run: ``.venv/bin/python tests/benchmarks/bench_generate.py [--count N]``. One
process, so the figures are per core. A sample of the generated certificates is
validated outside the timed regions; any SEVERE finding aborts the run.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from lxml import etree

from conformance.findings import Level
from conformance.generate.bulk import bulk_certificate
from conformance.generate.corpus import corpus
from conformance.generate.corpus_writer import write_corpus
from conformance.validate import validate_certificate

_SEED = 2024
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>10,.0f}/s  ({seconds / count * 1e6:6.1f} us each)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=500)
    args = parser.parse_args()
    count = args.count

    bulk_certificate(_SEED, 0)  # build the pools outside the timed region
    started = time.perf_counter()
    certificates = [bulk_certificate(_SEED, n) for n in range(count)]
    generate = time.perf_counter() - started

    started = time.perf_counter()
    for xml in certificates:
        etree.tostring(etree.fromstring(xml, _PARSER), xml_declaration=True, encoding="UTF-8")  # fmt: skip
    lxml_round_trip = time.perf_counter() - started

    size = sum(map(len, certificates)) / count
    step = max(1, count // args.sample)
    for n in range(0, count, step):
        severe = [f for f in validate_certificate(certificates[n]) if f.level is Level.SEVERE]  # fmt: skip
        if severe:
            raise SystemExit(f"certificate {n} is not valid: {severe[0]}")
    del certificates

    zip_count = min(count, 50_000)
    with tempfile.TemporaryDirectory() as directory:
        target = Path(directory) / "corpus.zip"
        started = time.perf_counter()
        write_corpus(target, corpus(_SEED, zip_count, invalid_share=0.1))
        corpus_write = time.perf_counter() - started
        zip_size = target.stat().st_size

    print(f"bulk certificates, serialised     {_rate(count, generate)}")
    print(f"lxml parse + re-serialise (same)  {_rate(count, lxml_round_trip)}")
    print(f"  mean certificate size           {size:,.0f} bytes")
    print(f"zip corpus, 10% invalid, written  {_rate(zip_count, corpus_write)}")
    print(f"  zip size                        {zip_size / zip_count:,.0f} bytes each")
    print(f"validated sample                  {len(range(0, count, step))} certificates, no SEVERE")  # fmt: skip


if __name__ == "__main__":
    main()
