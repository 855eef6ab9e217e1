"""What the users of one Locust process share: connection pools per NPPO and side."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.hub.pki import TestPki
from conformance.load.settings import LoadSettings
from conformance.load.worker_state import ACK_CONCURRENCY, Side, WorkerState


@pytest.fixture
def state(tmp_path: Path) -> Iterator[WorkerState]:
    pki = TestPki.create(tmp_path / "pki", ["NL", "KE"])
    settings = LoadSettings(
        hub_url="https://127.0.0.1:9/hub/DeliveryService",
        pki_dir=str(pki.directory),
        nppos=("NL", "KE"),
        certificates=10,
        ledger_dir=str(tmp_path / "ledger"),
    )
    created = WorkerState(settings, 0, lambda **_: None)
    yield created
    created.close()


def _pool_size(state: WorkerState, code: str, side: Side) -> int:
    return int(state.client(code, side)._http._connection_pool.size)


def test_each_nppo_side_has_its_own_pool(state: WorkerState) -> None:
    exporter = state.client("NL", Side.EXPORT)

    assert state.client("NL", Side.EXPORT) is exporter
    assert state.client("NL", Side.IMPORT) is not exporter
    assert state.client("KE", Side.EXPORT) is not exporter


def test_pools_are_capped_so_connections_stop_growing_early(
    state: WorkerState,
) -> None:
    # A pool that may grow to many connections reaches its size only on rare peaks,
    # so a long run kept opening connections (and growing the hub's memory).
    assert _pool_size(state, "NL", Side.IMPORT) == ACK_CONCURRENCY
    assert _pool_size(state, "NL", Side.EXPORT) <= ACK_CONCURRENCY
    assert _pool_size(state, "KE", Side.EXPORT) == _pool_size(state, "NL", Side.EXPORT)
