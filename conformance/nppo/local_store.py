"""The reference national system's own store: received and sent certificates."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

__all__ = ["LocalStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS received (
    hub_delivery_number TEXT PRIMARY KEY,
    certificate_number TEXT NOT NULL,
    sender TEXT NOT NULL,
    status INTEGER NOT NULL,
    verdict TEXT NOT NULL,
    xml BLOB
);
CREATE TABLE IF NOT EXISTS sent (
    hub_delivery_number TEXT PRIMARY KEY,
    certificate_number TEXT NOT NULL
);
"""


class LocalStore:
    """A small SQLite file in the system's work directory, safe across threads.

    Example::

        store = LocalStore.open(work_dir)
        store.save_received("EPH...", "NL-1", "NL", 70, "delivered", b"<...>")
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = threading.Lock()

    @classmethod
    def open(cls, work_dir: Path) -> LocalStore:
        """Open (creating) ``work_dir/national-system.sqlite3``."""
        work_dir.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(
            work_dir / "national-system.sqlite3",
            isolation_level=None,
            check_same_thread=False,
            timeout=10,
        )
        connection.execute("PRAGMA journal_mode=WAL")
        connection.executescript(_SCHEMA)
        return cls(connection)

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()

    def save_received(
        self,
        hub_delivery_number: str,
        certificate_number: str,
        sender: str,
        status: int,
        verdict: str,
        xml: bytes | None,
    ) -> None:
        """Keep one received certificate (idempotent per hubDeliveryNumber)."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO received VALUES (?, ?, ?, ?, ?, ?)",
                (hub_delivery_number, certificate_number, sender, status, verdict, xml),
            )

    def holds(self, hub_delivery_number: str) -> bool:
        """Whether envelope ``hub_delivery_number`` has been stored."""
        with self._lock:
            row = self._db.execute(
                "SELECT 1 FROM received WHERE hub_delivery_number = ?",
                (hub_delivery_number,),
            ).fetchone()
        return row is not None

    def received_numbers(self, certificate_number: str) -> list[str]:
        """hubDeliveryNumbers already stored under ``certificate_number``."""
        with self._lock:
            rows = self._db.execute(
                "SELECT hub_delivery_number FROM received WHERE certificate_number = ?",
                (certificate_number,),
            ).fetchall()
        return [row[0] for row in rows]

    def save_sent(self, hub_delivery_number: str, certificate_number: str) -> None:
        """Remember one envelope the system sent."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO sent VALUES (?, ?)",
                (hub_delivery_number, certificate_number),
            )

    def sent_count(self) -> int:
        """How many envelopes the system has sent."""
        with self._lock:
            row = self._db.execute("SELECT COUNT(*) FROM sent").fetchone()
        return int(row[0])
