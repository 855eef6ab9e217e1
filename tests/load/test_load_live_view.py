"""The live progress line ends cleanly off a terminal and never shows a negative queue."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console

from conformance.load.live_view import ProgressView, check_text, progress_text


def _point(t: float, delivered: int, acknowledged: int) -> dict[str, Any]:
    return {
        "t": t,
        "requested": 100,
        "delivered": delivered,
        "acknowledged": acknowledged,
        "pending": delivered - acknowledged,
        "certificates_per_s": 7.0,
        "workers": 1,
        "failures": 0,
    }


def test_off_a_terminal_every_line_ends_before_the_next_message() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=False, width=200)
    ticks = iter([0.0, 1.0, 30.0])
    view = ProgressView(console, interval=10.0, clock=lambda: next(ticks))

    with view:
        view.update(_point(1, 10, 5))
        view.update(_point(2, 20, 10))
        view.update(_point(3, 30, 15))
    console.print("checking every delivered envelope ...")

    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert lines[-1] == "checking every delivered envelope ..."
    assert "failures 0" in lines[-2]


def test_the_last_point_is_written_when_the_view_stops() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=False, width=200)
    ticks = iter([0.0, 1.0])
    view = ProgressView(console, interval=10.0, clock=lambda: next(ticks))

    view.update(_point(1, 10, 5))
    view.update(_point(2, 100, 100))
    view.stop()

    assert "acknowledged       100" in out.getvalue().splitlines()[-1]


def test_pending_is_never_negative() -> None:
    text = progress_text(_point(4, 10, 12)).plain

    assert "pending       0" in text


def test_current_and_average_rates_are_labelled_apart() -> None:
    text = progress_text(_point(10, 100, 50)).plain

    assert "current       7" in text
    assert "average       5" in text


def test_the_loss_check_shows_its_progress_and_rate() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=False, width=200)
    ticks = iter([0.0, 20.0])
    view = ProgressView(
        console, interval=10.0, clock=lambda: next(ticks), render=check_text
    )

    with view:
        view.update({"asked": 5000, "total": 2_000_000, "t": 2.5})
        view.update({"asked": 45000, "total": 2_000_000, "t": 22.5})

    lines = out.getvalue().splitlines()
    assert lines[0].endswith(
        "tracking checked     5,000/2,000,000 delivered envelopes    2,000/s"
    )
    assert "45,000/2,000,000" in lines[-1]
