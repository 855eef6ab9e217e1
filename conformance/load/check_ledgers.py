"""The loss check on its own, for ledgers gathered from Locust workers by hand.

Example::

    python -m conformance.load.check_ledgers --ledger-dir reports/load/ledger \\
        --target https://hub.example:8443/hub/DeliveryService --pki-dir pki \\
        --run-tag 3fa9c1d2

Prints the counts as JSON; exits 0 when every delivered envelope was acknowledged
exactly once, 1 on any loss, duplicate or pending envelope, 2 on bad options.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from conformance.errors import ConformanceError
from conformance.load.loss_check import DeliveryCheck, Ledger
from conformance.load.verify import load_ledger_files, query_store, query_tracking

__all__ = ["check_ledgers", "main"]

_CHECK_FILE = "loss-check.sqlite3"


def check_ledgers(
    ledger_dir: Path,
    hub_url: str,
    pki_dir: Path,
    *,
    run_tag: str = "",
    hub_database: Path | None = None,
    deadline_s: float = 600.0,
) -> DeliveryCheck:
    """Check the ledgers in ``ledger_dir`` against the hub's tracking answers.

    Writes ``loss-check.sqlite3`` next to the ledgers. Raises ``ConfigError`` when
    the PKI files of a sender do not load.
    """
    check_path = ledger_dir / _CHECK_FILE
    check_path.unlink(missing_ok=True)
    ledger = Ledger(check_path)
    try:
        load_ledger_files(ledger, ledger_dir, run_tag)
        query_tracking(ledger, hub_url, pki_dir, deadline=time.monotonic() + deadline_s)
        if hub_database is not None:
            query_store(ledger, hub_database)
        return ledger.check()
    finally:
        ledger.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the check from the command line; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m conformance.load.check_ledgers", description=__doc__
    )
    parser.add_argument("--ledger-dir", type=Path, required=True)
    parser.add_argument("--target", required=True, help="Hub endpoint URL.")
    parser.add_argument("--pki-dir", type=Path, required=True)
    parser.add_argument(
        "--run-tag", default="", help="Check only this run's ledger files."
    )
    parser.add_argument(
        "--hub-database", type=Path, help="The reference hub's hub.sqlite3, if any."
    )
    parser.add_argument("--deadline", type=float, default=600.0, metavar="SECONDS")
    args = parser.parse_args(argv)
    if not args.ledger_dir.is_dir():
        print(
            f"check_ledgers: {str(args.ledger_dir)!r} is no directory", file=sys.stderr
        )
        return 2
    try:
        check = check_ledgers(
            args.ledger_dir,
            args.target,
            args.pki_dir,
            run_tag=args.run_tag,
            hub_database=args.hub_database,
            deadline_s=args.deadline,
        )
    except ConformanceError as err:
        print(f"check_ledgers: {err}", file=sys.stderr)
        return 2
    print(json.dumps({**asdict(check), "ok": check.ok}, indent=2))
    return 0 if check.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
