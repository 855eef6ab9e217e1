"""Pass/fail thresholds of a load run: p95 latency per operation, error rate, rate.

From the command line (``--p95 DeliverEnvelope=250 --max-error-rate 0.01
--min-rate 500``) or a TOML/JSON file::

    min_certificates_per_s = 500
    max_error_rate = 0.01
    [p95_ms]
    DeliverEnvelope = 250
    "*" = 1000
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from conformance.errors import UsageError

__all__ = ["Thresholds", "parse_p95", "violations"]

_ANY = "*"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Limits; ``None`` or an empty mapping means no limit of that kind."""

    p95_ms: Mapping[str, float] = field(default_factory=dict)
    max_error_rate: float | None = None
    min_certificates_per_s: float | None = None

    @classmethod
    def from_file(cls, path: Path) -> Thresholds:
        """Thresholds from a ``.toml`` or ``.json`` file; raises ``UsageError``."""
        try:
            text = path.read_text(encoding="utf-8")
            data: Any = (
                json.loads(text) if path.suffix == ".json" else tomllib.loads(text)
            )
        except (OSError, ValueError) as err:
            raise UsageError(
                f"cannot read thresholds file {str(path)!r}: {err}; give a TOML or "
                "JSON file with p95_ms, max_error_rate, min_certificates_per_s"
            ) from err
        if not isinstance(data, dict):
            raise UsageError(f"thresholds file {str(path)!r} must hold a table")
        unknown = set(data) - {"p95_ms", "max_error_rate", "min_certificates_per_s"}
        if unknown:
            raise UsageError(
                f"thresholds file {str(path)!r} has unknown keys {sorted(unknown)!r}; "
                "use p95_ms, max_error_rate, min_certificates_per_s"
            )
        try:
            return cls(
                p95_ms={
                    str(k): float(v) for k, v in dict(data.get("p95_ms", {})).items()
                },
                max_error_rate=_optional(data.get("max_error_rate")),
                min_certificates_per_s=_optional(data.get("min_certificates_per_s")),
            )
        except (TypeError, ValueError) as err:
            raise UsageError(
                f"thresholds file {str(path)!r} holds a value that is not a "
                f"number: {err}"
            ) from err

    def merged(self, other: Thresholds) -> Thresholds:
        """These thresholds with ``other``'s set values taking precedence."""
        return replace(
            self,
            p95_ms={**self.p95_ms, **other.p95_ms},
            max_error_rate=_first(other.max_error_rate, self.max_error_rate),
            min_certificates_per_s=_first(
                other.min_certificates_per_s, self.min_certificates_per_s
            ),
        )


def parse_p95(items: Iterable[str]) -> dict[str, float]:
    """``OPERATION=MS`` pairs (``*`` for every operation); raises ``UsageError``."""
    limits: dict[str, float] = {}
    for item in items:
        name, _, value = item.partition("=")
        try:
            limits[name.strip() or _ANY] = float(value)
        except ValueError:
            raise UsageError(
                f"--p95 {item!r} is not OPERATION=MILLISECONDS; write e.g. "
                "DeliverEnvelope=250 or '*=1000'"
            ) from None
    return limits


def violations(
    thresholds: Thresholds,
    *,
    latency_ms: Mapping[str, Mapping[str, float]],
    error_rate: float,
    certificates_per_s: float,
) -> list[str]:
    """One sentence per threshold the run broke; empty when it met them all."""
    broken: list[str] = []
    for operation, percentiles in sorted(latency_ms.items()):
        limit = thresholds.p95_ms.get(operation, thresholds.p95_ms.get(_ANY))
        p95 = percentiles.get("p95", 0.0)
        if limit is not None and p95 > limit:
            broken.append(f"{operation} p95 {p95:.0f} ms is over {limit:g} ms")
    limit = thresholds.max_error_rate
    if limit is not None and error_rate > limit:
        broken.append(f"error rate {error_rate:.4f} is over {limit:g}")
    floor = thresholds.min_certificates_per_s
    if floor is not None and certificates_per_s < floor:
        broken.append(
            f"{certificates_per_s:.1f} certificates/s is under the minimum {floor:g}"
        )
    return broken


def _optional(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _first(preferred: float | None, fallback: float | None) -> float | None:
    return fallback if preferred is None else preferred
