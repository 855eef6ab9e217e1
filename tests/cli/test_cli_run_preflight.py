"""``run`` refuses configuration mistakes with exit 2 and one line, before a run."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.hub.embedded import EmbeddedHub
from conformance.hub.pki import TestPki


def _run(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "conformance", "run", *arguments]
    return subprocess.run(
        command, cwd=cwd, check=False, capture_output=True, text=True, timeout=180
    )


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedHub]:
    """A reference hub the command is pointed at with --target."""
    with EmbeddedHub(tmp_path_factory.mktemp("hub")) as running:
        yield running


def _nppos(hub: EmbeddedHub, *, exporter_key: Path | None = None) -> list[str]:
    options = []
    for code in hub.nppos:
        cert, key = hub.pki.client(code)
        if code == hub.nppos[0] and exporter_key is not None:
            key = exporter_key
        options.append(f"--nppo={code}={cert},{key}")
    return options


def _assert_one_line_exit_2(
    finished: subprocess.CompletedProcess[str], message: str, reports: Path
) -> None:
    assert finished.returncode == 2, finished.stdout[-2000:] + finished.stderr
    assert finished.stderr.count("\n") == 1, finished.stderr
    assert message in finished.stderr
    assert finished.stdout == ""
    assert not (reports / "summary.json").exists()


def test_ca_that_is_not_a_certificate_exits_2(hub: EmbeddedHub, tmp_path: Path) -> None:
    reports = tmp_path / "r"
    not_pem = tmp_path / "hostname"
    not_pem.write_text("vm\n", encoding="ascii")

    finished = _run("--target", hub.url, "--ca", str(not_pem), *_nppos(hub),
                    "--report-dir", str(reports), cwd=tmp_path)  # fmt: skip

    _assert_one_line_exit_2(finished, "cannot load the hub CA certificate", reports)


def test_key_that_does_not_match_exits_2(hub: EmbeddedHub, tmp_path: Path) -> None:
    reports = tmp_path / "r"
    other_key = hub.pki.client(hub.nppos[1])[1]

    finished = _run("--target", hub.url, "--ca", str(hub.pki.ca_cert),
                    *_nppos(hub, exporter_key=other_key), "--report-dir",
                    str(reports), cwd=tmp_path)  # fmt: skip

    _assert_one_line_exit_2(finished, "give matching PEM files", reports)


def test_ca_that_did_not_sign_the_hub_exits_2(hub: EmbeddedHub, tmp_path: Path) -> None:
    reports = tmp_path / "r"
    other = TestPki.create(tmp_path / "other", [])

    finished = _run("--target", hub.url, "--ca", str(other.ca_cert), *_nppos(hub),
                    "--report-dir", str(reports), cwd=tmp_path)  # fmt: skip

    _assert_one_line_exit_2(finished, "pass the CA that signed it", reports)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--samples-dir", "no-such-dir"], "--samples-dir 'no-such-dir' is not a"),
        (["-k", "NO-SUCH-CHECK"], "no conformance check matches -k 'NO-SUCH-CHECK'"),
        (["--report-dir", "/proc/nope"], "cannot be created"),
        (["--report-dir", "a-file"], "is a file, not a directory"),
    ],
)
def test_option_mistakes_exit_2_before_the_hub_starts(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    (tmp_path / "a-file").write_text("", encoding="ascii")

    finished = _run(*arguments, cwd=tmp_path)

    _assert_one_line_exit_2(finished, message, tmp_path / "reports")
    assert not (tmp_path / "reports").exists()
