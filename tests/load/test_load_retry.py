"""Deliveries and acknowledgements the hub leaves unanswered are sent again."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.typedefs import Handler
from click.testing import CliRunner

from conformance.cli import main
from conformance.hub.codec import decode_request
from conformance.hub.embedded import EmbeddedHub
from conformance.hub.pki import TestPki
from conformance.load import retry
from conformance.load.envelopes import run_certificate_index
from conformance.load.settings import LoadSettings
from conformance.load.worker_state import WorkerState


def test_the_first_try_goes_at_once_then_pauses_double() -> None:
    assert list(retry.pauses(4)) == [0.0, 0.5, 1.0, 2.0]
    assert len(list(retry.pauses())) == retry.ATTEMPTS


def test_fewer_than_one_attempt_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1, got 0"):
        list(retry.pauses(0))


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("LOAD-ab12-7", 7),
        ("LOAD-ab12-1999999", 1999999),
        ("LOAD-ffff-7", None),
        ("LOAD-ab12-", None),
        ("LOAD-ab12-7a", None),
        ("NL2023-0001", None),
    ],
)
def test_a_certificate_index_is_read_from_the_runs_numbers_only(
    number: str, expected: int | None
) -> None:
    assert run_certificate_index(number, "ab12") == expected


@pytest.fixture
def state(tmp_path: Path) -> Iterator[WorkerState]:
    pki = TestPki.create(tmp_path / "pki", ["NL", "KE"])
    settings = LoadSettings(
        hub_url="https://127.0.0.1:9/hub/DeliveryService",
        pki_dir=str(pki.directory),
        nppos=("NL", "KE"),
        certificates=20,
        ledger_dir=str(tmp_path / "ledger"),
        run_tag="ab12",
    )
    created = WorkerState(settings, 0, lambda **_: None)
    yield created
    created.close()


def test_a_second_envelope_of_one_certificate_counts_as_a_copy(
    state: WorkerState,
) -> None:
    state.record_acknowledgement("EPH0", "KE", "LOAD-ab12-3")
    state.record_acknowledgement("EPH1", "KE", "LOAD-ab12-3")
    state.record_acknowledgement("EPH2", "KE", "LOAD-ab12-19")

    assert (state.counters.acknowledged, state.counters.copies) == (2, 1)


def _dropping(every: dict[str, tuple[int, int]]) -> web.Middleware:
    """Closes the connection unanswered on some exchanges of some operations.

    ``every[operation] = (before, after)``: each ``before``-th exchange is dropped
    before the hub handles it, each ``after``-th once the hub has handled it.
    """
    seen: Counter[str] = Counter()

    @web.middleware
    async def drop(request: web.Request, handler: Handler) -> web.StreamResponse:
        operation, _ = decode_request(await request.read())
        before, after = every.get(operation, (0, 0))
        seen[operation] += 1
        n = seen[operation]
        if before and n % before == 0:
            assert request.transport is not None
            request.transport.abort()
            raise ConnectionResetError("dropped before handling")
        response = await handler(request)
        if after and n % after == 0:
            assert request.transport is not None
            request.transport.abort()
        return response

    return drop


@pytest.mark.slow
def test_a_hub_that_drops_connections_loses_nothing(tmp_path: Path) -> None:
    # hub-protocol §5: hubs reset connections without answering, in bursts.
    report = tmp_path / "report"
    drops = {
        "DeliverEnvelope": (11, 9),
        "AcknowledgeEnvelopeReceipt": (13, 7),
        "PULLImportEnvelope": (5, 0),
    }
    hub = EmbeddedHub(tmp_path / "hub", ("NL", "KE"), middlewares=[_dropping(drops)])
    with hub:
        args = ["load", "-n", "150", "--users", "6", "--timeout", "90"]
        args += ["--target", hub.url, "--pki-dir", str(hub.pki.directory)]
        args += ["--nppo", "NL", "--nppo", "KE", "--report-dir", str(report)]
        result = CliRunner().invoke(main, args)

    summary = json.loads((report / "load-summary.json").read_text("utf-8"))
    assert result.exit_code == 0, result.output + json.dumps(summary["problems"])
    assert (summary["delivered"], summary["acknowledged"]) == (150, 150)
    assert (summary["lost"], summary["duplicated"], summary["pending"]) == (0, 0, 0)
    assert summary["failures"] > 0
    assert summary["retried"] >= summary["unanswered_copies"] > 0
