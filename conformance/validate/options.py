"""How strictly and with which schemas a certificate is validated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from lxml import etree

from conformance.errors import UsageError

__all__ = ["DEFAULT_OPTIONS", "STRICTNESS_LEVELS", "Strictness", "ValidationOptions"]

Strictness = Literal["strict", "hub"]
STRICTNESS_LEVELS: tuple[str, ...] = get_args(Strictness)
"""``strict``: UN/CEFACT sequence order; ``hub``: sibling order free, as JAXB reads."""


@dataclass(frozen=True, slots=True)
class ValidationOptions:
    """Choices beyond the defaults: strictness, detailed messages, official schema.

    ``official_schema`` is the compiled UN/CEFACT set from
    :func:`conformance.validate.official.official_schema`, checked after the profile.
    """

    strictness: Strictness = "strict"
    detailed: bool = False
    official_schema: etree.XMLSchema | None = None

    def __post_init__(self) -> None:
        if self.strictness not in STRICTNESS_LEVELS:
            raise UsageError(
                f"strictness {self.strictness!r} is not known; choose one of "
                f"{', '.join(STRICTNESS_LEVELS)}"
            )


DEFAULT_OPTIONS = ValidationOptions()
