"""Load shapes in certificates: when certificate ``n`` is due, when importers pull.

Pacing is by certificate, not by user count: an exporter waits until its next
certificate is due, so the rate holds whatever the hub's latency.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from conformance.load.settings import LoadSettings

__all__ = ["Shape", "shape_for"]


@dataclass(frozen=True, slots=True)
class Shape:
    """``due(n)``: seconds after the start when certificate ``n`` may be delivered."""

    name: str
    rate: float
    burst_period: float = 10.0

    def due(self, n: int) -> float:
        """Offset in seconds of certificate ``n`` (0 = at once)."""
        if self.rate <= 0:
            return 0.0
        if self.name == "burst":
            # A whole period's certificates at the start of each period, then quiet.
            per_burst = max(1, math.floor(self.rate * self.burst_period))
            return (n // per_burst) * self.burst_period
        return n / self.rate

    @property
    def importers_wait_for_backlog(self) -> bool:
        """Whether importers stay away until every certificate is queued."""
        return self.name == "backlog"


def shape_for(settings: LoadSettings) -> Shape:
    """The shape a run's settings name."""
    return Shape(settings.shape, settings.rate, settings.burst_period)
