"""The capability statement: reading it, refusing bad ones, and skipping with reasons."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance.errors import ConfigError
from conformance.nppo.capabilities import Capabilities, load_capabilities
from conformance.nppo.selftest import CLEAN, run_variant

_TOML = """
[import]
mode = "pull"
re_export = false
content_encodings = ["text", "cdata"]
severe_findings = "failed"

[export]
enabled = false
"""


def test_toml_statement_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ke.toml"
    path.write_text(_TOML, encoding="utf-8")

    capabilities = load_capabilities(path)

    assert capabilities.import_.re_export is False
    assert capabilities.import_.content_encodings == ("text", "cdata")
    assert capabilities.import_.severe_findings == "failed"
    assert capabilities.export.enabled is False
    assert capabilities.export.withdrawal is True


def test_json_statement_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ke.json"
    path.write_text(json.dumps({"export": {"re_export": False}}), encoding="utf-8")

    capabilities = load_capabilities(path)

    assert capabilities.export.re_export is False
    assert capabilities.import_.enabled is True


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("[import]\nmode = 'carrier-pigeon'\n", "import.mode"),
        ("[import]\ncontent_encodings = ['rot13']\n", "rot13"),
        ("[export]\nchanels = []\n", "export.chanels"),
        ("[import]\nwithdrawal = 'yes'\n", "import.withdrawal"),
        ("[import\n", "not valid TOML"),
    ],
)
def test_bad_statement_is_refused_naming_the_key(
    tmp_path: Path, text: str, named: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(ConfigError, match=named.replace(".", r"\.")):
        load_capabilities(path)


def test_statement_skips_the_checks_it_rules_out_with_reasons(tmp_path: Path) -> None:
    path = tmp_path / "ke.toml"
    path.write_text(_TOML, encoding="utf-8")
    capabilities = load_capabilities(path)

    run = run_variant(
        CLEAN,
        tmp_path / "run",
        scenario_timeout=3.0,
        backlog=3,
        capabilities=capabilities,
    )
    by_case = {(r.id, r.case): r for r in run.results}

    assert by_case[("NPPO-IMP-001", "valid-657")].outcome == "skipped"
    assert "import.re_export" in (by_case[("NPPO-IMP-001", "valid-657")].message or "")
    utf8 = by_case[("NPPO-IMP-002", "encoding-base64-utf8")]
    assert utf8.outcome == "skipped"
    assert "import.content_encodings" in (utf8.message or "")
    assert by_case[("NPPO-IMP-002", "encoding-cdata")].outcome == "passed"
    export = by_case[("NPPO-EXP-001", "export-851")]
    assert export.outcome == "skipped"
    assert "export.enabled" in (export.message or "")
    # severe_findings = "failed": the reference's advanced acknowledgement fails.
    assert by_case[("NPPO-IMP-004", None)].outcome == "failed"


def test_default_statement_declares_everything() -> None:
    capabilities = Capabilities()

    assert capabilities.import_.enabled and capabilities.export.enabled
    assert "base64-utf16le-nobom" in capabilities.import_.content_encodings
