"""The check list as a Markdown table, for the README."""

from __future__ import annotations

from collections.abc import Iterable

from conformance.suite.registry import CheckInfo

__all__ = ["CATALOGUE_BEGIN", "CATALOGUE_END", "checks_markdown"]

CATALOGUE_BEGIN = "<!-- check list: begin -->"
CATALOGUE_END = "<!-- check list: end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def checks_markdown(checks: Iterable[CheckInfo]) -> str:
    """One table row per check: id, title, requirement."""
    lines = ["| id | title | requirement |", "|---|---|---|"]
    lines += [
        f"| `{info.id}` | {_cell(info.title)} | {_cell(info.requirement)} |"
        for info in checks
    ]
    return "\n".join(lines)
