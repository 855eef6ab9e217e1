"""docs/nppo-profile.md and the README carry the tables generated from the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.nppo.catalogue import TABLES, nppo_checks_markdown

_ROOT = Path(__file__).resolve().parents[2]
_DOC = _ROOT / "docs" / "nppo-profile.md"
_README = _ROOT / "README.md"


def _block(text: str, name: str) -> str:
    begin = f"<!-- nppo {name}: begin -->"
    end = f"<!-- nppo {name}: end -->"
    return text[text.index(begin) + len(begin) : text.index(end)].strip()


@pytest.mark.parametrize("name", sorted(TABLES))
def test_profile_doc_table_matches_the_code(name: str) -> None:
    text = _DOC.read_text(encoding="utf-8")

    in_doc = _block(text, name)

    assert in_doc == TABLES[name](), (
        f"docs/nppo-profile.md table {name!r} is stale; regenerate it with: "
        "python -c 'from conformance.nppo.catalogue import TABLES; "
        f'print(TABLES["{name}"]())\''
    )


def test_readme_nppo_check_list_matches_the_registry() -> None:
    text = _README.read_text(encoding="utf-8")

    assert _block(text, "checks") == nppo_checks_markdown()
