"""Finding the sample certificates: explicit, environment, then beside."""

from __future__ import annotations

from pathlib import Path

from conformance.suite.samples import (
    SAMPLES_ENV,
    find_samples_dir,
    read_sample,
    sample_files,
    write_example_fixtures,
)


def test_explicit_directory_wins(tmp_path: Path) -> None:
    explicit = tmp_path / "mine"

    found = find_samples_dir(explicit, environ={SAMPLES_ENV: "/elsewhere"})

    assert found == explicit


def test_environment_comes_before_the_default(tmp_path: Path) -> None:
    found = find_samples_dir(environ={SAMPLES_ENV: str(tmp_path)}, cwd=tmp_path)

    assert found == tmp_path


def test_shared_beside_the_current_directory_is_found(tmp_path: Path) -> None:
    samples = tmp_path / "shared" / "reference" / "samples"
    samples.mkdir(parents=True)
    clone = tmp_path / "clone"
    clone.mkdir()

    found = find_samples_dir(environ={}, cwd=clone)

    assert found == samples.resolve()


def test_sample_files_are_sorted_xml_only(tmp_path: Path) -> None:
    for name in ("b.xml", "a.xml", "notes.md"):
        (tmp_path / name).write_text("<x/>", encoding="utf-8")

    files = sample_files(tmp_path)

    assert [path.name for path in files] == ["a.xml", "b.xml"]
    assert sample_files(None) == []


def test_sample_text_keeps_its_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "crlf.xml"
    path.write_bytes(b"<a>\r\n</a>\r\n")

    assert read_sample(path) == "<a>\r\n</a>\r\n"


def test_example_fixtures_match_the_repository_fixtures(tmp_path: Path) -> None:
    repository = Path(__file__).resolve().parents[2] / "fixtures" / "certificates"

    written = write_example_fixtures(tmp_path / "fixtures")

    names = sorted(path.name for path in written.glob("*.xml"))
    assert names == sorted(path.name for path in repository.glob("*.xml"))
    for name in names:
        assert (written / name).read_bytes() == (repository / name).read_bytes()
