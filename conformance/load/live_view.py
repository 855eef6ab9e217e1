"""The live progress line of ``ephyto-conformance load``, on a terminal or a log.

On a terminal the line redraws in place; elsewhere (CI, a redirected stream) it is
written as a plain line every ``interval`` seconds, each ending in a newline.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Self

from rich.console import Console
from rich.live import Live
from rich.text import Text

__all__ = ["ProgressView", "check_text", "progress_text"]


def progress_text(point: dict[str, Any]) -> Text:
    """One progress point as a line: counts, queue and certificates per second.

    ``current`` is the acknowledgement rate over the last tick; ``average`` is
    acknowledged over elapsed time, as the final verdict reports it.
    """
    if not point:
        return Text("waiting for workers ...")
    elapsed = float(point.get("t") or 0.0)
    average = point["acknowledged"] / elapsed if elapsed > 0 else 0.0
    pending = max(0, int(point["delivered"]) - int(point["acknowledged"]))
    retried = int(point.get("retried") or 0)
    quiet = f"workers {point['workers']}  failures {point['failures']}"
    return Text.assemble(
        (f"{elapsed:>7.0f} s  ", "dim"),
        f"delivered {point['delivered']:>9,}/{point['requested']:,}  ",
        ("acknowledged ", "green"),
        f"{point['acknowledged']:>9,}  ",
        ("pending ", "yellow"),
        f"{pending:>7,}  ",
        f"certificates/s current {point['certificates_per_s']:>7,.0f} ",
        f"average {average:>7,.0f}  ",
        (quiet + (f"  retried {retried:,}" if retried else ""), "dim"),
    )


def check_text(point: dict[str, Any]) -> Text:
    """One point of the loss check: tracking answers asked so far, and their rate."""
    elapsed = float(point.get("t") or 0.0)
    rate = point["asked"] / elapsed if elapsed > 0 else 0.0
    return Text.assemble(
        (f"{elapsed:>7.0f} s  ", "dim"),
        f"tracking checked {point['asked']:>9,}/{point['total']:,} delivered "
        f"envelopes  {rate:>7,.0f}/s",
    )


class ProgressView:
    """Shows progress points; :meth:`stop` ends the line before anything else prints."""

    def __init__(
        self,
        console: Console,
        *,
        interval: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        render: Callable[[dict[str, Any]], Text] = progress_text,
    ) -> None:
        self._console = console
        self._render = render
        self._interval = interval
        self._clock = clock
        self._last_print: float | None = None
        self._unprinted: dict[str, Any] | None = None
        self._live: Live | None = None
        if console.is_terminal:
            self._live = Live(Text("starting"), console=console, refresh_per_second=2)
            self._live.start()

    def update(self, point: dict[str, Any]) -> None:
        """Show ``point`` (on a log, at most once per interval)."""
        if self._live is not None:
            self._live.update(self._render(point))
            return
        now = self._clock()
        if self._last_print is None or now - self._last_print >= self._interval:
            self._console.print(self._render(point), soft_wrap=True)
            self._last_print, self._unprinted = now, None
        else:
            self._unprinted = point

    def stop(self) -> None:
        """End the progress with a complete line; later calls do nothing."""
        if self._live is not None:
            # Rich ends the redrawn line with a newline on a terminal.
            self._live.stop()
            self._live = None
        elif self._unprinted is not None:
            self._console.print(self._render(self._unprinted), soft_wrap=True)
            self._unprinted = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()
