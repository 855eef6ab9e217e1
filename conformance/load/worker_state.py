"""What the users of one Locust process share: counters, clients, ledgers, work split.

Worker ``i`` of ``W`` delivers certificates ``n`` with ``n % W == i`` and drains the
recipients ``nppos[j]`` with ``j % W == i``, so no two importers pull the same
envelopes and the hub never sees a contended acknowledgement.
"""

from __future__ import annotations

import enum
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import gevent.lock

from conformance.load.client import FastHubClient, RequestHook, shared_ssl_context
from conformance.load.envelopes import run_certificate_index
from conformance.load.files import ledger_prefix
from conformance.load.settings import LoadSettings
from conformance.load.shapes import Shape, shape_for

__all__ = ["ACK_CONCURRENCY", "Counters", "Side", "WorkerState"]

_FLUSH_EVERY = 2000
# Acknowledgements of one pulled batch in flight at once: enough to hide the
# round trip.
ACK_CONCURRENCY = 16


class Side(enum.Enum):
    """Which part of an NPPO's system speaks: its exports or its imports."""

    EXPORT = "export"
    IMPORT = "import"


# Connections per NPPO and side, as a national system's own pool would cap them.
# Small caps are reached within seconds, so the number of connections (and the
# hub's memory, about 0.3 MiB per TLS connection) stops growing early in a run
# instead of creeping up with every rare peak of concurrent requests.
_CONNECTIONS = {Side.EXPORT: 8, Side.IMPORT: ACK_CONCURRENCY}


@dataclass(slots=True)
class Counters:
    """Certificates this process has handled so far (cumulative)."""

    delivered: int = 0
    delivery_failed: int = 0
    pulled: int = 0
    acknowledged: int = 0
    quota: int = 0
    # Envelopes of other senders' runs seen in pulls and left alone.
    foreign: int = 0
    # Exchanges sent again because the hub left the previous try unanswered.
    retried: int = 0
    # Acknowledged envelopes of a certificate that was already acknowledged under
    # another hubDeliveryNumber (a delivery whose answer was lost, then retried).
    copies: int = 0


@dataclass(slots=True)
class _Ledger:
    # One line per event: the end-of-run check needs every hubDeliveryNumber.
    handle: IO[str]
    unflushed: int = 0

    def write(self, line: str) -> None:
        self.handle.write(line)
        self.unflushed += 1
        if self.unflushed >= _FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        self.handle.flush()
        self.unflushed = 0


@dataclass(slots=True)
class WorkerState:
    """Shared by every user of this process; created once per test start."""

    settings: LoadSettings
    index: int
    on_request: RequestHook
    started: float = field(default_factory=time.time)
    counters: Counters = field(default_factory=Counters)
    draining: bool = False
    _next: Iterator[int] = field(init=False)
    _clients: dict[tuple[str, Side], FastHubClient] = field(default_factory=dict)
    _locks: dict[str, gevent.lock.Semaphore] = field(default_factory=dict)
    _delivered: _Ledger | None = None
    _acknowledged: _Ledger | None = None
    _unanswered: _Ledger | None = None
    # One bit per certificate of the run: acknowledged yet. Copies of a certificate
    # all go to its one recipient, so one process sees all of them.
    _acknowledged_bits: bytearray = field(init=False)
    _turn: int = 0

    def __post_init__(self) -> None:
        slot, workers = self.index % self.settings.workers, self.settings.workers
        numbers = range(slot, self.settings.certificates, workers)
        self.counters.quota = len(numbers)
        self._next = iter(numbers)
        self.draining = not self.shape.importers_wait_for_backlog
        ledger = Path(self.settings.ledger_dir)
        ledger.mkdir(parents=True, exist_ok=True)
        # The tag in the name lets the loss check read this run's files alone.
        stem = f"w{self.index}-{os.getpid()}"
        self._delivered, self._acknowledged, self._unanswered = (
            _Ledger(
                (
                    ledger / f"{ledger_prefix(kind, self.settings.run_tag)}-{stem}.csv"
                ).open("a", encoding="utf-8")
            )
            for kind in ("delivered", "acknowledged", "unanswered")
        )
        self._acknowledged_bits = bytearray(self.settings.certificates // 8 + 1)

    @property
    def shape(self) -> Shape:
        """The run's shape."""
        return shape_for(self.settings)

    def next_certificate(self) -> int | None:
        """The next certificate number this process delivers, or None when done."""
        return next(self._next, None)

    def wait_until_due(self, n: int, sleep: Callable[[float], object]) -> None:
        """Sleep until certificate ``n`` is due under the shape."""
        delay = self.started + self.shape.due(n) - time.time()
        if delay > 0:
            sleep(delay)

    def owned_recipients(self) -> list[str]:
        """The recipient NPPOs this process drains."""
        workers = self.settings.workers
        return [
            code
            for j, code in enumerate(self.settings.nppos)
            if j % workers == self.index % workers
        ]

    def claim_recipient(self) -> tuple[str, gevent.lock.Semaphore] | None:
        """A recipient nobody in this process is draining now, with its lock held."""
        owned = self.owned_recipients()
        for _ in range(len(owned)):
            code = owned[self._turn % len(owned)]
            self._turn += 1
            lock = self._locks.setdefault(code, gevent.lock.Semaphore())
            if lock.acquire(blocking=False):
                return code, lock
        return None

    def client(self, code: str, side: Side) -> FastHubClient:
        """The pooled client of NPPO ``code``'s ``side`` in this process."""
        client = self._clients.get((code, side))
        if client is None:
            context = shared_ssl_context(self.settings.pki_dir, code)
            client = FastHubClient(
                self.settings.hub_url_for(self.index),
                context,
                concurrency=_CONNECTIONS[side],
                on_request=self.on_request,
            )
            self._clients[code, side] = client
        return client

    def record_delivery(self, number: str, sender: str, recipient: str) -> None:
        """Write one delivered ``hubDeliveryNumber`` to this process's ledger."""
        self.counters.delivered += 1
        assert self._delivered is not None
        self._delivered.write(f"{number},{sender},{recipient},{time.time():.3f}\n")

    def record_unanswered_delivery(
        self, certificate: str, sender: str, recipient: str
    ) -> None:
        """Write a delivery of ``certificate`` that the hub left unanswered.

        The hub may have queued it all the same; the loss check then knows the
        extra envelope the importer receives for ``certificate``.
        """
        assert self._unanswered is not None
        self._unanswered.write(
            f"{certificate},{sender},{recipient},{time.time():.3f}\n"
        )

    def record_acknowledgement(
        self, number: str, recipient: str, certificate: str
    ) -> None:
        """Write one accepted acknowledgement of ``certificate`` to the ledger."""
        index = run_certificate_index(certificate, self.settings.run_tag)
        if index is not None and index < self.settings.certificates:
            byte, bit = divmod(index, 8)
            if self._acknowledged_bits[byte] >> bit & 1:
                self.counters.copies += 1
            else:
                self._acknowledged_bits[byte] |= 1 << bit
                self.counters.acknowledged += 1
        else:
            self.counters.acknowledged += 1
        assert self._acknowledged is not None
        self._acknowledged.write(
            f"{number},{recipient},{time.time():.3f},{certificate}\n"
        )

    def flush(self) -> None:
        """Push buffered ledger lines to disk."""
        for ledger in (self._delivered, self._acknowledged, self._unanswered):
            if ledger is not None:
                ledger.flush()

    def close(self) -> None:
        """Flush and close the ledgers and the connection pools."""
        for ledger in (self._delivered, self._acknowledged, self._unanswered):
            if ledger is not None:
                ledger.handle.close()
        self._delivered = self._acknowledged = self._unanswered = None
        for client in self._clients.values():
            client.close()
        self._clients.clear()
