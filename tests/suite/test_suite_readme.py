"""The README's check list is generated from the registry and must not drift."""

from __future__ import annotations

from pathlib import Path

from conformance.suite.catalogue import CATALOGUE_BEGIN, CATALOGUE_END, checks_markdown
from conformance.suite.registry import discover_checks

_README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_check_list_matches_the_registry() -> None:
    text = _README.read_text(encoding="utf-8")
    begin = text.index(CATALOGUE_BEGIN) + len(CATALOGUE_BEGIN)
    end = text.index(CATALOGUE_END)

    in_readme = text[begin:end].strip()

    expected = checks_markdown(discover_checks())
    assert in_readme == expected, (
        "README check list is stale; replace it with the output of: python -c "
        "'from conformance.suite.catalogue import checks_markdown; "
        "from conformance.suite import discover_checks; "
        "print(checks_markdown(discover_checks()))'"
    )
