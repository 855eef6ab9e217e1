"""Run ids: UTC time plus a random part, sortable and unique."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from conformance.cli.run import new_run_id


def test_run_id_is_utc_time_and_six_hex_digits() -> None:
    moment = datetime(2026, 12, 3, 15, 40, 12, tzinfo=UTC)

    run_id = new_run_id(moment)

    assert re.fullmatch(r"20261203T154012Z-[0-9a-f]{6}", run_id)


def test_run_ids_of_the_same_second_differ() -> None:
    moment = datetime(2026, 12, 3, 15, 40, 12, tzinfo=UTC)

    ids = {new_run_id(moment) for _ in range(20)}

    assert len(ids) > 1
