"""The reference hub's state: NPPOs, envelopes, tracking and acknowledgements in SQLite.

One file, ``<state_dir>/hub.sqlite3``, in WAL mode. Every change is one transaction,
so a crash never leaves half an acknowledgement, and a hub restarted on the same
directory carries on where it stopped.
"""

from __future__ import annotations

import datetime
import os
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from conformance.errors import ConfigError
from conformance.hub._store_schema import (
    ENVELOPE_COLUMNS,
    SCHEMA_VERSION,
    Acknowledgement,
    AcknowledgeOutcome,
    StoredNppo,
    envelope_from_row,
    migrate,
    nppo_from_row,
)
from conformance.hub.entities import Envelope, TrackingInfo

__all__ = [
    "SCHEMA_VERSION",
    "AcknowledgeOutcome",
    "Acknowledgement",
    "HubStore",
    "StoredNppo",
    "new_tracking_number",
]
_FILE_NAME = "hub.sqlite3"


def new_tracking_number() -> str:
    """A fresh opaque ``hubDeliveryNumber``: ``EPH`` + 17 upper-case hex (D13)."""
    return "EPH" + secrets.token_hex(9)[:17].upper()


class HubStore:
    """SQLite store of the reference hub; safe to share between threads.

    Example::

        with HubStore.open(tmp_path) as store:
            store.register_nppo("NL", fingerprint)

    Raises ``ConfigError`` when the directory cannot hold the database or the
    database was written by a newer schema.
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        *,
        listing_limit: int | None = None,
    ) -> None:
        self._db = connection
        self.path = path
        # None answers every waiting envelope; a number caps listings and batch pulls
        # (oldest first), which a backlog of millions needs.
        self.listing_limit = listing_limit
        # One connection shared by the server's loop thread and the caller's thread.
        self._lock = threading.RLock()
        # Set, per thread, while the server groups the changes of concurrent requests.
        self._grouping = threading.local()
        self._closed = False
        self._open = False

    @classmethod
    def open(
        cls, state_dir: str | os.PathLike[str], *, listing_limit: int | None = None
    ) -> HubStore:
        """Open (creating if needed) the store in ``state_dir``."""
        path = Path(state_dir) / _FILE_NAME
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(
                path, isolation_level=None, check_same_thread=False
            )
            connection.execute("PRAGMA journal_mode=WAL")
            # With WAL, NORMAL loses at most the last commits on power loss and never
            # corrupts the file; an application crash loses nothing.
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA foreign_keys=ON")
            migrate(connection, path)
        except sqlite3.Error as err:
            raise ConfigError(
                f"cannot open the hub store {str(path)!r}: {err}; "
                "choose a writable state directory"
            ) from err
        return cls(connection, path, listing_limit=listing_limit)

    def close(self) -> None:
        """Commit any grouped changes and close the database connection."""
        with self._lock:
            if self._closed:
                return
            self.commit()
            self._db.close()
            self._closed = True

    @contextmanager
    def grouped(self) -> Iterator[None]:
        """Leave this thread's changes uncommitted until :meth:`commit`.

        Each change stays atomic (a savepoint); the server commits once per event
        loop turn, before any answer leaves, so one commit serves many requests.
        """
        self._grouping.active = True
        try:
            yield
        finally:
            self._grouping.active = False

    @property
    def uncommitted(self) -> bool:
        """Whether grouped changes wait for :meth:`commit`."""
        return self._open

    def commit(self) -> None:
        """Commit grouped changes, if any."""
        with self._lock:
            if self._open:
                self._open = False
                self._db.execute("COMMIT")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def register_nppo(
        self,
        code: str,
        fingerprint: str,
        *,
        receive: bool = True,
        send: bool = True,
        active: bool = True,
    ) -> None:
        """Add NPPO ``code`` or update its certificate fingerprint and flags."""
        with self._transaction() as db:
            db.execute(
                "DELETE FROM nppos WHERE fingerprint = ? AND code <> ?",
                (fingerprint, code),
            )
            db.execute(
                "INSERT INTO nppos (code, fingerprint, receive, send, active) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
                "fingerprint = excluded.fingerprint, receive = excluded.receive, "
                "send = excluded.send, active = excluded.active",
                (code, fingerprint, receive, send, active),
            )

    def nppo(self, code: str) -> StoredNppo | None:
        """The NPPO registered as ``code``, active or not."""
        rows = self._query("SELECT * FROM nppos WHERE code = ?", (code,))
        return nppo_from_row(rows[0]) if rows else None

    def nppo_by_fingerprint(self, fingerprint: str) -> StoredNppo | None:
        """The NPPO whose client certificate has this SHA-256 fingerprint."""
        rows = self._query("SELECT * FROM nppos WHERE fingerprint = ?", (fingerprint,))
        return nppo_from_row(rows[0]) if rows else None

    def active_nppos(self) -> list[StoredNppo]:
        """Every active NPPO, by code."""
        rows = self._query("SELECT * FROM nppos WHERE active = 1 ORDER BY code", ())
        return [nppo_from_row(row) for row in rows]

    def add_envelope(self, envelope: Envelope) -> Envelope:
        """Queue ``envelope`` as ``PendingDelivery`` under a new tracking number."""
        now = _now()
        with self._transaction() as db:
            while True:
                number = new_tracking_number()
                exists = db.execute(
                    "SELECT 1 FROM envelopes WHERE hub_delivery_number = ?", (number,)
                ).fetchone()
                if exists is None:
                    break
            db.execute(
                f"INSERT INTO envelopes ({ENVELOPE_COLUMNS}, created, updated) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
                (
                    number,
                    envelope.from_,
                    envelope.to,
                    envelope.certificate_type,
                    envelope.certificate_status,
                    envelope.nppo_certificate_number,
                    envelope.content,
                    TrackingInfo.PENDING_DELIVERY.value,
                    now,
                    now,
                ),
            )
        # The row holds exactly what was inserted; reading it back costs a query.
        return Envelope(
            from_=envelope.from_,
            to=envelope.to,
            certificate_type=envelope.certificate_type,
            certificate_status=envelope.certificate_status,
            nppo_certificate_number=envelope.nppo_certificate_number,
            hub_delivery_number=number,
            hub_tracking_info=TrackingInfo.PENDING_DELIVERY.value,
            content=envelope.content,
        )

    def envelope(self, number: str) -> Envelope | None:
        """The envelope with this ``hubDeliveryNumber``, with its tracking state."""
        rows = self._query(
            f"SELECT {ENVELOPE_COLUMNS} FROM envelopes WHERE hub_delivery_number = ?",
            (number,),
        )
        return envelope_from_row(rows[0]) if rows else None

    def pending_for(
        self, recipient: str, *, sender: str | None = None
    ) -> list[Envelope]:
        """Envelopes waiting for ``recipient``, oldest first, optionally by sender."""
        sql = f"SELECT {ENVELOPE_COLUMNS} FROM envelopes WHERE recipient = ? AND state = ?"
        args: tuple[object, ...] = (recipient, TrackingInfo.PENDING_DELIVERY.value)
        if sender is not None:
            sql += " AND sender = ?"
            args += (sender,)
        sql += " ORDER BY rowid" + self._limit()
        return [envelope_from_row(row) for row in self._query(sql, args)]

    def under_delivery(self, sender: str) -> list[Envelope]:
        """Envelopes sent by ``sender`` that are not final yet, oldest first."""
        rows = self._query(
            f"SELECT {ENVELOPE_COLUMNS} FROM envelopes WHERE sender = ? AND state = ? "
            "ORDER BY rowid" + self._limit(),
            (sender, TrackingInfo.PENDING_DELIVERY.value),
        )
        return [envelope_from_row(row) for row in rows]

    def acknowledge(
        self,
        number: str,
        *,
        by: str,
        kind: str,
        state: TrackingInfo,
        message: str | None = None,
    ) -> AcknowledgeOutcome:
        """Move a pending envelope addressed to ``by`` to ``state`` and record why."""
        now = _now()
        with self._transaction() as db:
            row = db.execute(
                "SELECT recipient, state FROM envelopes WHERE hub_delivery_number = ?",
                (number,),
            ).fetchone()
            if row is None or row[0] != by:
                return AcknowledgeOutcome.NOT_EXISTS
            if row[1] != TrackingInfo.PENDING_DELIVERY.value:
                return AcknowledgeOutcome.ALREADY_ACKNOWLEDGED
            db.execute(
                "UPDATE envelopes SET state = ?, error_message = ?, updated = ?, "
                "acknowledged = ? WHERE hub_delivery_number = ?",
                (state.value, message, now, now, number),
            )
            db.execute(
                "INSERT INTO acknowledgements "
                "(hub_delivery_number, kind, by_nppo, at, message) VALUES (?, ?, ?, ?, ?)",
                (number, kind, by, now, message),
            )
        return AcknowledgeOutcome.RECORDED

    def acknowledgements(self, number: str) -> list[Acknowledgement]:
        """Every accepted acknowledgement of envelope ``number``, oldest first."""
        rows = self._query(
            "SELECT hub_delivery_number, kind, by_nppo, at, message "
            "FROM acknowledgements WHERE hub_delivery_number = ? ORDER BY id",
            (number,),
        )
        return [Acknowledgement(*row) for row in rows]

    def _limit(self) -> str:
        return "" if self.listing_limit is None else f" LIMIT {int(self.listing_limit)}"

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if not self._open:
                # IMMEDIATE takes the write lock up front: read-then-write stays
                # atomic.
                self._db.execute("BEGIN IMMEDIATE")
                self._open = True
            self._db.execute("SAVEPOINT change")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK TO change")
                self._db.execute("RELEASE change")
                if not getattr(self._grouping, "active", False):
                    self.commit()
                raise
            self._db.execute("RELEASE change")
            if not getattr(self._grouping, "active", False):
                # Also commits a group still open in another thread: nothing is
                # ever left waiting on a caller outside the server.
                self.commit()

    def _query(self, sql: str, args: tuple[object, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            return list(self._db.execute(sql, args).fetchall())


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds")
