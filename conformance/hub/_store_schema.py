"""Schema, migration and row mapping of the hub store (see :mod:`conformance.hub.store`)."""

from __future__ import annotations

import enum
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance.errors import ConfigError
from conformance.hub.entities import Envelope

__all__ = [
    "ENVELOPE_COLUMNS",
    "SCHEMA_VERSION",
    "AcknowledgeOutcome",
    "Acknowledgement",
    "StoredNppo",
    "envelope_from_row",
    "migrate",
    "nppo_from_row",
]

SCHEMA_VERSION = 1

SCHEMA_SQL = """
CREATE TABLE nppos (
    code TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL UNIQUE,
    receive INTEGER NOT NULL DEFAULT 1,
    send INTEGER NOT NULL DEFAULT 1,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE envelopes (
    hub_delivery_number TEXT PRIMARY KEY,
    sender TEXT NOT NULL,
    recipient TEXT NOT NULL,
    certificate_type INTEGER NOT NULL,
    certificate_status INTEGER NOT NULL,
    nppo_certificate_number TEXT NOT NULL,
    content TEXT,
    state TEXT NOT NULL,
    error_message TEXT,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    acknowledged TEXT
);
CREATE INDEX envelopes_by_recipient ON envelopes (recipient, state);
CREATE INDEX envelopes_by_sender ON envelopes (sender, state);
CREATE TABLE acknowledgements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hub_delivery_number TEXT NOT NULL REFERENCES envelopes (hub_delivery_number),
    kind TEXT NOT NULL,
    by_nppo TEXT NOT NULL,
    at TEXT NOT NULL,
    message TEXT
);
"""

ENVELOPE_COLUMNS = (
    "hub_delivery_number, sender, recipient, certificate_type, certificate_status, "
    "nppo_certificate_number, content, state, error_message"
)


@dataclass(frozen=True, slots=True)
class StoredNppo:
    """One registered connection and the certificate that proves it."""

    code: str
    fingerprint: str
    receive: bool = True
    send: bool = True
    active: bool = True


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """One accepted acknowledgement of an envelope."""

    hub_delivery_number: str
    kind: str
    by: str
    at: str
    message: str | None


class AcknowledgeOutcome(enum.Enum):
    """What an acknowledgement attempt did to the envelope."""

    RECORDED = "recorded"
    NOT_EXISTS = "EnvelopeNotExists"
    ALREADY_ACKNOWLEDGED = "EnvelopeAlreadyAcknowledged"


def migrate(connection: sqlite3.Connection, path: Path) -> None:
    """Create the schema in a new database; refuse one written by a newer schema."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    if version != 0:
        raise ConfigError(
            f"hub store {str(path)!r} has schema version {version!r}, this hub "
            f"knows {SCHEMA_VERSION}; use a fresh state directory"
        )
    connection.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have created the schema while this one waited.
        if connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            connection.execute("ROLLBACK")
            return
        for statement in SCHEMA_SQL.split(";"):
            if statement.strip():
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def nppo_from_row(row: tuple[Any, ...]) -> StoredNppo:
    """A :class:`StoredNppo` from a ``SELECT *`` row of ``nppos``."""
    code, fingerprint, receive, send, active = row
    return StoredNppo(
        str(code), str(fingerprint), bool(receive), bool(send), bool(active)
    )


def envelope_from_row(row: tuple[Any, ...]) -> Envelope:
    """An :class:`Envelope` with its tracking state from ``ENVELOPE_COLUMNS``."""
    number, sender, recipient, type_, status, cert_number, content, state, error = row
    return Envelope(
        from_=str(sender),
        to=str(recipient),
        certificate_type=int(str(type_)),
        certificate_status=int(str(status)),
        nppo_certificate_number=str(cert_number),
        hub_delivery_number=str(number),
        hub_tracking_info=str(state),
        hub_delivery_error_message=None if error is None else str(error),
        content=None if content is None else str(content),
    )
