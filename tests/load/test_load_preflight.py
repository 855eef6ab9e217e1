"""A run against a target hub stops before starting anything when its PKI is short."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conformance.cli import main
from conformance.hub.pki import TestPki


@pytest.fixture(scope="module")
def pki_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return TestPki.create(tmp_path_factory.mktemp("pki"), ["NL", "KE"]).directory


def _load(report_dir: Path, *extra: str) -> tuple[int, str]:
    args = ["load", "-n", "10", "--target", "https://127.0.0.1:9/hub"]
    args += ["--report-dir", str(report_dir), *extra]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stderr


def test_a_target_without_nppos_is_refused(tmp_path: Path, pki_dir: Path) -> None:
    code, stderr = _load(tmp_path / "report", "--pki-dir", str(pki_dir))

    assert code == 2
    assert "--target needs --nppo" in stderr
    assert not (tmp_path / "report").exists()


def test_an_nppo_missing_from_the_pki_is_named(tmp_path: Path, pki_dir: Path) -> None:
    nppos = ["--nppo", "NL", "--nppo", "KE", "--nppo", "CL"]

    code, stderr = _load(tmp_path / "report", "--pki-dir", str(pki_dir), *nppos)

    assert code == 2
    assert len(stderr.strip().splitlines()) == 1
    assert "CL.pem" in stderr and "--nppo CL" in stderr
    assert not (tmp_path / "report").exists()


def test_tls_files_that_do_not_load_are_refused(tmp_path: Path, pki_dir: Path) -> None:
    broken = tmp_path / "pki"
    broken.mkdir()
    for name in ("ca.pem", "NL.pem", "NL.key"):
        (broken / name).write_bytes((pki_dir / name).read_bytes())
    (broken / "KE.pem").write_bytes((pki_dir / "NL.pem").read_bytes())
    (broken / "KE.key").write_text("not a key\n")

    code, stderr = _load(
        tmp_path / "report", "--pki-dir", str(broken), "--nppo", "NL", "--nppo", "KE"
    )

    assert code == 2
    assert "'KE'" in stderr and "do not load" in stderr


def test_help_names_the_default_nppos() -> None:
    result = CliRunner().invoke(main, ["load", "--help"])

    assert "NL KE CL US FR DE AU NZ" in " ".join(result.output.split())
