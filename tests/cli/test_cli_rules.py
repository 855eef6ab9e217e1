"""`ephyto-conformance rules`: every registered rule, as a table or JSON."""

from __future__ import annotations

import json

from click.testing import CliRunner

from conformance.cli import main
from conformance.validate import RULES


def test_json_lists_every_rule_with_layer_area_level_and_reason() -> None:
    result = CliRunner().invoke(main, ["rules", "--format", "json"])

    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows] == list(RULES)
    first = RULES[rows[0]["id"]]
    assert rows[0] == {
        "id": first.id,
        "layer": str(first.layer),
        "area": str(first.area),
        "level": str(first.level),
        "reason": first.reason,
    }


def test_table_has_a_header_and_one_line_per_rule() -> None:
    result = CliRunner().invoke(main, ["rules"])

    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert lines[0].split()[:5] == ["ID", "LAYER", "AREA", "LEVEL", "REASON"]
    assert len(lines) == len(RULES) + 1
    assert any(line.startswith("EPH-SCH-001 ") for line in lines)
