"""The fault catalogue as a Markdown table, for ``docs/faults.md``."""

from __future__ import annotations

from collections.abc import Iterable

from conformance.hub.faults.model import Fault

__all__ = ["FAULTS_BEGIN", "FAULTS_END", "faults_markdown"]

FAULTS_BEGIN = "<!-- fault list: begin -->"
FAULTS_END = "<!-- fault list: end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _layer(fault: Fault) -> str:
    return "wire" if fault.middleware is not None else "service"


def faults_markdown(faults: Iterable[Fault]) -> str:
    """One table row per fault: name, layer, what goes wrong, the checks that catch it."""
    lines = [
        "| fault | layer | what goes wrong | checks that must fail |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| `{fault.name}` | {_layer(fault)} | {_cell(fault.description)} | "
        + ", ".join(f"`{check_id}`" for check_id in fault.caught_by)
        + " |"
        for fault in faults
    ]
    return "\n".join(lines)
