"""The reference national system's ``--query-command``, kept free of heavy imports.

``python -m conformance.nppo.query`` exits 0 when the system's store holds the
envelope ``EPHYTO_HUB_DELIVERY_NUMBER``, 1 when it does not, 2 on a missing
environment variable. The harness runs it at every positive acknowledgement, so
it must start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from conformance.nppo.contract import ENV_HUB_DELIVERY_NUMBER, ENV_WORK_DIR
from conformance.nppo.local_store import LocalStore

__all__ = ["main"]


def main(environ: Mapping[str, str] = os.environ) -> int:
    """0 held, 1 not held, 2 when the contract environment is incomplete."""
    try:
        work_dir = Path(environ[ENV_WORK_DIR])
        number = environ[ENV_HUB_DELIVERY_NUMBER]
    except KeyError as err:
        sys.stderr.write(f"query: environment variable {err} is missing\n")
        return 2
    store = LocalStore.open(work_dir)
    try:
        return 0 if store.holds(number) else 1
    finally:
        store.close()


if __name__ == "__main__":
    raise SystemExit(main())
