"""Findings: what a validator or a check reports about the system under test."""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["Area", "Finding", "Layer", "Level"]


class Area(enum.StrEnum):
    """The hub's ``ValidationResult/area`` values."""

    SCHEMA = "Schema"
    MANDATORY_ELEMENTS = "MandatoryElements"
    MAPPING = "Mapping"


class Level(enum.StrEnum):
    """The hub's ``ValidationResult/level`` values, most severe first."""

    SEVERE = "SEVERE"
    WARNING = "WARNING"
    INFO = "INFO"


class Layer(enum.StrEnum):
    """The validation layer that must catch a problem."""

    WELL_FORMEDNESS = "well-formedness"
    SCHEMA = "schema"
    MANDATORY = "mandatory"
    CODE_LIST = "code-list"
    BUSINESS_RULE = "business-rule"
    ENVELOPE = "envelope"
    SECURITY = "security"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a certificate or envelope.

    ``field`` is an XPath-like location (prefixes ``rsm``/``ram``/``udt``), ``line``
    the source line where known.
    """

    rule_id: str
    area: Area
    level: Level
    message: str
    field: str = ""
    line: int | None = None

    def hub_message(self) -> str:
        """The text the hub puts in ``ValidationResult/msg``: rule id, then reason."""
        return f"[{self.rule_id}] {self.message}"
