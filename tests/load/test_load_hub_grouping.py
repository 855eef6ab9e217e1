"""The reference hub's grouped commits: one COMMIT per loop turn, nothing half-done."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conformance.hub.store import HubStore
from conformance.load.envelopes import load_envelope


def _committed_envelopes(tmp_path: Path) -> int:
    with sqlite3.connect(tmp_path / "hub.sqlite3") as other:
        return int(other.execute("SELECT COUNT(*) FROM envelopes").fetchone()[0])


def test_grouped_changes_wait_for_the_commit(tmp_path: Path) -> None:
    with HubStore.open(tmp_path) as store:
        with store.grouped():
            store.add_envelope(load_envelope(1, 0, "NL", "KE"))
            store.add_envelope(load_envelope(1, 1, "NL", "KE"))

        waiting = _committed_envelopes(tmp_path)
        store.commit()

        assert (waiting, store.uncommitted) == (0, False)
        assert _committed_envelopes(tmp_path) == 2


def test_an_ungrouped_change_commits_at_once(tmp_path: Path) -> None:
    with HubStore.open(tmp_path) as store:
        store.add_envelope(load_envelope(1, 0, "NL", "KE"))

        assert not store.uncommitted
        assert _committed_envelopes(tmp_path) == 1


def test_a_listing_limit_caps_the_oldest_first(tmp_path: Path) -> None:
    with HubStore.open(tmp_path, listing_limit=2) as store:
        numbers = [
            store.add_envelope(load_envelope(1, n, "NL", "KE")).hub_delivery_number
            for n in range(3)
        ]

        waiting = store.pending_for("KE")

    assert [e.hub_delivery_number for e in waiting] == numbers[:2]
