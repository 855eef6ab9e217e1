"""The end-of-run proof that nothing was lost or duplicated.

Every ``hubDeliveryNumber`` an exporter got, every acknowledgement an importer had
accepted, the hub's tracking answer per number and (for the reference hub) its
acknowledgements table meet in one SQLite file, so millions of numbers are checked
in constant memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DeliveryCheck", "Ledger", "read_ledger_files"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS delivered (
    number TEXT, sender TEXT, recipient TEXT, at REAL
);
CREATE TABLE IF NOT EXISTS acknowledged (
    number TEXT, recipient TEXT, at REAL, certificate TEXT
);
CREATE TABLE IF NOT EXISTS unanswered (certificate TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS tracking (number TEXT PRIMARY KEY, state TEXT);
CREATE TABLE IF NOT EXISTS store_acks (number TEXT PRIMARY KEY, count INTEGER);
CREATE INDEX IF NOT EXISTS delivered_number ON delivered (number);
CREATE INDEX IF NOT EXISTS acknowledged_number ON acknowledged (number);
"""
_FINAL_OK = "Delivered"
_PENDING = "PendingDelivery"


@dataclass(frozen=True, slots=True)
class DeliveryCheck:
    """Counts of the proof; ``ok`` when nothing is lost, duplicated or pending."""

    delivered: int
    acknowledged: int
    lost: int
    duplicated: int
    pending: int
    tracking_checked: bool
    store_checked: bool
    lost_examples: tuple[str, ...] = ()
    duplicated_examples: tuple[str, ...] = ()
    # Envelopes the hub queued for a delivery whose answer it never sent, which the
    # importer then received besides the retried delivery's: the at-least-once
    # outcome of a lost answer, not a hub fault.
    unanswered_copies: int = 0

    @property
    def ok(self) -> bool:
        """True when every delivered envelope was acknowledged exactly once."""
        return self.lost == 0 and self.duplicated == 0 and self.pending == 0


def read_ledger_files(directory: Path, prefix: str) -> Iterable[list[str]]:
    """Rows of every ``<prefix>-*.csv`` ledger file the workers wrote."""
    for path in sorted(directory.glob(f"{prefix}-*.csv")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield line.rstrip("\n").split(",")


class Ledger:
    """The SQLite file the check runs in; add rows, then :meth:`check`."""

    def __init__(self, path: Path | str) -> None:
        self._path = path
        self._db = sqlite3.connect(path)
        # WAL: the reader of delivered numbers must not block writing the answers.
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def add_delivered(self, rows: Iterable[tuple[str, str, str, float]]) -> None:
        """(number, sender, recipient, delivered at) per delivery an exporter saw."""
        with self._db:
            self._db.executemany("INSERT INTO delivered VALUES (?, ?, ?, ?)", rows)

    def add_acknowledged(
        self, rows: Iterable[tuple[str, str, float] | tuple[str, str, float, str]]
    ) -> None:
        """(number, recipient, acknowledged at[, certificate number]) per accepted
        acknowledgement."""
        with self._db:
            self._db.executemany(
                "INSERT INTO acknowledged VALUES (?, ?, ?, ?)",
                ((*row, "")[:4] for row in rows),
            )

    def add_unanswered(self, certificates: Iterable[str]) -> None:
        """Certificate numbers of deliveries the hub left unanswered."""
        with self._db:
            self._db.executemany(
                "INSERT OR IGNORE INTO unanswered VALUES (?)",
                ((certificate,) for certificate in certificates),
            )

    def add_tracking(self, rows: Iterable[tuple[str, str]]) -> None:
        """(number, HUBTrackingInfo) as the hub's tracking API answers it."""
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO tracking VALUES (?, ?)", rows)

    def add_store_acks(self, rows: Iterable[tuple[str, int]]) -> None:
        """(number, acknowledgement rows) from the reference hub's store."""
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO store_acks VALUES (?, ?)", rows
            )

    def senders(self) -> Iterable[tuple[str, str]]:
        """(number, sender) of every distinct delivered number, for tracking calls."""
        # A second connection: the caller writes answers while this one reads.
        reader = sqlite3.connect(self._path)
        try:
            yield from reader.execute(
                "SELECT number, MIN(sender) FROM delivered GROUP BY number"
            )
        finally:
            reader.close()

    def delivery_to_acknowledgement(self, bucket_s: float) -> list[tuple[float, float]]:
        """(acknowledged at, seconds from delivery) pairs, one sample per bucket."""
        rows = self._db.execute(
            "SELECT CAST(a.at / ? AS INTEGER) AS b, AVG(a.at - d.at), MAX(a.at - d.at) "
            "FROM acknowledged a JOIN delivered d USING (number) GROUP BY b ORDER BY b",
            (bucket_s,),
        )
        return [(b * bucket_s, avg) for b, avg, _ in rows]

    def check(self, *, examples: int = 10) -> DeliveryCheck:
        """Count delivered, acknowledged, lost, duplicated and pending numbers."""
        tracked = self._count("SELECT COUNT(*) FROM tracking") > 0
        stored = self._count("SELECT COUNT(*) FROM store_acks") > 0
        # A number the tracking pass never reached (stopped at its deadline) is
        # judged on the other sources; the caller reports the shortfall.
        state = f"COALESCE(t.state, '{_FINAL_OK}')"
        store_count = "COALESCE(s.count, 0)" if stored else "1"
        per_number = (
            "SELECT d.number AS number, "
            "(SELECT COUNT(*) FROM acknowledged a WHERE a.number = d.number) AS acks, "
            f"{state} AS state, {store_count} AS stored "
            "FROM (SELECT DISTINCT number FROM delivered) d "
            "LEFT JOIN tracking t ON t.number = d.number "
            "LEFT JOIN store_acks s ON s.number = d.number"
        )
        self._db.execute("DROP TABLE IF EXISTS verdict")
        self._db.execute(f"CREATE TEMP TABLE verdict AS {per_number}")
        good = f"acks = 1 AND state = '{_FINAL_OK}' AND stored = 1"
        pending = f"state = '{_PENDING}' AND acks = 0"
        # Received without having been delivered: a duplicate, unless it is the
        # one extra envelope of a certificate whose delivery went unanswered.
        undelivered = (
            "SELECT number, COUNT(*) AS acks, MIN(certificate) AS certificate "
            "FROM acknowledged WHERE number NOT IN (SELECT number FROM delivered) "
            "GROUP BY number"
        )
        unanswered = "certificate IN (SELECT certificate FROM unanswered)"
        duplicated_sql = (
            "SELECT number FROM verdict WHERE acks > 1 OR stored > 1 "
            "UNION SELECT number FROM delivered GROUP BY number HAVING COUNT(*) > 1 "
            f"UNION SELECT number FROM ({undelivered}) "
            f"WHERE acks > 1 OR NOT {unanswered}"
        )
        copies_sql = (
            f"SELECT number FROM ({undelivered}) WHERE acks = 1 AND {unanswered}"
        )
        lost_sql = (
            f"SELECT number FROM verdict WHERE NOT ({good}) AND NOT ({pending}) "
            "AND acks <= 1 AND stored <= 1"
        )
        return DeliveryCheck(
            delivered=self._count("SELECT COUNT(*) FROM verdict"),
            acknowledged=self._count(f"SELECT COUNT(*) FROM verdict WHERE {good}"),
            lost=self._count(f"SELECT COUNT(*) FROM ({lost_sql})"),
            duplicated=self._count(f"SELECT COUNT(*) FROM ({duplicated_sql})"),
            pending=self._count(f"SELECT COUNT(*) FROM verdict WHERE {pending}"),
            tracking_checked=tracked,
            store_checked=stored,
            lost_examples=self._some(lost_sql, examples),
            duplicated_examples=self._some(duplicated_sql, examples),
            unanswered_copies=self._count(f"SELECT COUNT(*) FROM ({copies_sql})"),
        )

    def _count(self, sql: str) -> int:
        return int(self._db.execute(sql).fetchone()[0])

    def _some(self, sql: str, limit: int) -> tuple[str, ...]:
        rows = self._db.execute(f"SELECT * FROM ({sql}) LIMIT {int(limit)}")
        return tuple(str(row[0]) for row in rows)
