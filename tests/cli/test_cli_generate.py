"""``ephyto-conformance generate``: corpora on disk, manifest, refusals."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from click.testing import CliRunner

from conformance.cli import main
from conformance.generate.bulk import bulk_certificate


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["generate", *args])
    return result.exit_code, result.output


def test_directory_corpus_has_certificates_and_manifest(tmp_path: Path) -> None:
    out = tmp_path / "corpus"

    code, output = _run("--count", "40", "--seed", "9", "--out", str(out),
                        "--invalid-share", "0.5")  # fmt: skip

    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]  # fmt: skip
    assert code == 0, output
    assert len(rows) == 40
    assert (out / rows[0]["file"]).is_file()
    assert {row["valid"] for row in rows} == {True, False}
    assert all(row["rule_id"].startswith("EPH-") for row in rows if not row["valid"])
    valid = [int(r["file"][12:20]) for r in rows if r["valid"]]
    assert (out / rows[valid[0]]["file"]).read_bytes() == bulk_certificate(9, valid[0])


def test_zip_corpus_holds_its_manifest(tmp_path: Path) -> None:
    out = tmp_path / "corpus.zip"

    code, output = _run("--count", "25", "--out", str(out))

    assert code == 0, output
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        manifest = archive.read("manifest.jsonl").decode().splitlines()
    assert len(names) == 26
    assert len(manifest) == 25
    assert json.loads(manifest[0]) == {"file": names[0], "valid": True}


def test_existing_output_is_refused_without_force(tmp_path: Path) -> None:
    out = tmp_path / "corpus.zip"
    assert _run("--count", "3", "--out", str(out))[0] == 0

    refused, message = _run("--count", "3", "--out", str(out))
    forced, _ = _run("--count", "5", "--out", str(out), "--force")

    assert refused == 2
    assert "--force" in message
    assert forced == 0
    with zipfile.ZipFile(out) as archive:
        assert len(archive.namelist()) == 6


def test_directory_with_other_files_is_refused_even_with_force(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")

    code, message = _run("--count", "3", "--out", str(tmp_path), "--force")

    assert code == 2
    assert "notes.txt" in message
    assert (tmp_path / "notes.txt").exists()


def test_bad_arguments_exit_2_with_a_clear_line(tmp_path: Path) -> None:
    share, share_message = _run("--count", "3", "--out", str(tmp_path / "c"),
                                "--invalid-share", "2")  # fmt: skip
    count, count_message = _run("--count", "0", "--out", str(tmp_path / "c"))

    assert (share, count) == (2, 2)
    assert "--invalid-share" in share_message
    assert "--count" in count_message
