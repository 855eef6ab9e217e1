"""Fill the loss-check ledger: worker files, the tracking API and the hub's store."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import gevent.pool

from conformance.errors import HubError
from conformance.load.client import FastHubClient, shared_ssl_context
from conformance.load.files import ledger_prefix
from conformance.load.loss_check import Ledger, read_ledger_files

__all__ = ["load_ledger_files", "query_store", "query_tracking"]

logger = logging.getLogger(__name__)

_PARALLEL = 64
_BATCH = 5000


def load_ledger_files(ledger: Ledger, directory: Path, run_tag: str = "") -> None:
    """Read the workers' delivered and acknowledged files into ``ledger``.

    With ``run_tag`` only that run's files count, so an earlier run's ledgers left
    in the same directory change nothing.
    """
    ledger.add_delivered(
        (row[0], row[1], row[2], float(row[3]))
        for row in read_ledger_files(directory, ledger_prefix("delivered", run_tag))
    )
    ledger.add_acknowledged(
        (row[0], row[1], float(row[2]), row[3] if len(row) > 3 else "")
        for row in read_ledger_files(directory, ledger_prefix("acknowledged", run_tag))
    )
    ledger.add_unanswered(
        row[0]
        for row in read_ledger_files(directory, ledger_prefix("unanswered", run_tag))
    )


def query_tracking(
    ledger: Ledger,
    hub_url: str,
    pki_dir: Path,
    *,
    deadline: float,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Ask GetEnvelopeTrackingInfo for every delivered number, as its sender (D18).

    Returns how many numbers were asked; stops early at ``deadline`` (monotonic).
    """
    clients: dict[str, FastHubClient] = {}
    pool = gevent.pool.Pool(_PARALLEL)
    asked = 0
    try:
        for batch in _batches(ledger.senders()):
            if time.monotonic() > deadline:
                logger.warning("tracking check stopped at its deadline after %d", asked)
                break
            answers: list[tuple[str, str]] = []
            for number, sender in batch:
                client = clients.get(sender)
                if client is None:
                    context = shared_ssl_context(pki_dir, sender)
                    client = FastHubClient(hub_url, context, concurrency=_PARALLEL)
                    clients[sender] = client
                pool.spawn(_track, client, number, answers)
            pool.join()
            ledger.add_tracking(answers)
            asked += len(batch)
            if progress is not None:
                progress(asked)
    finally:
        for client in clients.values():
            client.close()
    return asked


def _track(client: FastHubClient, number: str, answers: list[tuple[str, str]]) -> None:
    try:
        header = client.get_envelope_tracking_info(number)
    except HubError as err:
        answers.append((number, f"error: {err}"))
        return
    answers.append((number, header.hub_tracking_info or ""))


def _batches(rows: Iterable[tuple[str, str]]) -> Iterator[list[tuple[str, str]]]:
    batch: list[tuple[str, str]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def query_store(ledger: Ledger, hub_database: Path) -> None:
    """Copy the reference hub's acknowledgement count per envelope into ``ledger``."""
    uri = f"file:{hub_database}?mode=ro"
    with sqlite3.connect(uri, uri=True) as store:
        rows = store.execute(
            "SELECT e.hub_delivery_number, COUNT(a.id) FROM envelopes e "
            "LEFT JOIN acknowledgements a USING (hub_delivery_number) "
            "GROUP BY e.hub_delivery_number"
        )
        while chunk := rows.fetchmany(_BATCH):
            ledger.add_store_acks((str(n), int(c)) for n, c in chunk)
