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


def test_two_zip_runs_give_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "one.zip", tmp_path / "two.zip"
    options = ("--count", "120", "--seed", "3", "--invalid-share", "1.0")

    codes = [_run(*options, "--out", str(out))[0] for out in (first, second)]

    assert codes == [0, 0]
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        times = {member.date_time for member in archive.infolist()}
    assert times == {(1980, 1, 1, 0, 0, 0)}


def test_two_directory_runs_give_the_same_files(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    options = ("--count", "120", "--seed", "3", "--invalid-share", "1.0")

    codes = [_run(*options, "--out", str(out))[0] for out in (first, second)]

    names = sorted(path.name for path in first.iterdir())
    assert codes == [0, 0]
    assert names == sorted(path.name for path in second.iterdir())
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in names)
    kinds = {json.loads(line).get("kind") for line in (first / "manifest.jsonl").open()}
    assert "issued-in-future" in kinds
