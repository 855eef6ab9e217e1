"""Command line of the reference national system (``python -m conformance.nppo.reference``)."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from types import FrameType

from conformance.errors import ConformanceError
from conformance.hub.client import HubClient
from conformance.nppo.adapters import ExportRequest
from conformance.nppo.contract import (
    ENV_CERTIFICATE_STATUS,
    ENV_CERTIFICATE_TYPE,
    ENV_DESTINATION,
    ENV_HUB_DELIVERY_NUMBER,
    ENV_REFERENCE_NUMBER,
    ENV_SCENARIO,
    SystemEndpoint,
)
from conformance.nppo.local_store import LocalStore
from conformance.nppo.reference import ReferenceSystem

__all__ = ["main"]

_EXIT_HELD, _EXIT_NOT_HELD, _EXIT_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m conformance.nppo.reference",
        description="The reference national system, driven by the adapter contract.",
    )
    parser.add_argument("action", choices=("run", "export", "query"))
    parser.add_argument("--variant", default=None, help="a faulty variant's name")
    parser.add_argument(
        "--poll", type=float, default=0.05, help="seconds between cycles"
    )
    return parser


def _system_class(variant: str | None) -> type[ReferenceSystem]:
    if variant is None:
        return ReferenceSystem
    from conformance.nppo.variants import VARIANTS

    if variant not in VARIANTS:
        raise SystemExit(
            f"unknown --variant {variant!r}; choose from {sorted(VARIANTS)}"
        )
    return VARIANTS[variant].system


def main(argv: list[str] | None = None) -> int:
    """Run one action of the reference national system; the exit code."""
    arguments = _parser().parse_args(argv)
    logging.basicConfig(level=os.environ.get("EPHYTO_LOG_LEVEL", "WARNING").upper())
    try:
        endpoint = SystemEndpoint.from_environment(os.environ)
    except KeyError as err:
        print(
            f"reference system: environment variable {err} is missing", file=sys.stderr
        )
        return _EXIT_ERROR
    store = LocalStore.open(endpoint.work_dir)
    try:
        if arguments.action == "query":
            held = store.holds(os.environ.get(ENV_HUB_DELIVERY_NUMBER, ""))
            return _EXIT_HELD if held else _EXIT_NOT_HELD
        with HubClient(
            endpoint.url, cert=(endpoint.cert, endpoint.key), ca=endpoint.ca
        ) as client:
            system = _system_class(arguments.variant)(
                client, store, code=endpoint.code, poll_interval=arguments.poll
            )
            if arguments.action == "export":
                system.export(_request())
                return 0
            _serve(system)
            return 0
    except ConformanceError as err:
        print(f"reference system: {err}", file=sys.stderr)
        return _EXIT_ERROR
    finally:
        store.close()


def _request() -> ExportRequest:
    return ExportRequest(
        scenario=os.environ.get(ENV_SCENARIO, ""),
        destination=os.environ[ENV_DESTINATION],
        certificate_type=int(os.environ.get(ENV_CERTIFICATE_TYPE, "851")),
        certificate_status=int(os.environ.get(ENV_CERTIFICATE_STATUS, "70")),
        reference_number=os.environ.get(ENV_REFERENCE_NUMBER, ""),
    )


def _serve(system: ReferenceSystem) -> None:
    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    system.run(stop)
