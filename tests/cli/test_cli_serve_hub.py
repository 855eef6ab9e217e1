"""``serve-hub``: a real process serving the reference hub until Ctrl-C."""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conformance.cli import main
from conformance.hub.client import HubClient

# A guard against a hung child, not a timing assertion.
_STARTUP_GUARD_SECONDS = 60.0


def _read_until_serving(process: subprocess.Popen[str]) -> list[str]:
    # A reader thread, because a buffered pipe hides lines from select().
    assert process.stdout is not None
    stdout = process.stdout
    received: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [received.put(line) for line in iter(stdout.readline, "")],
        daemon=True,
    ).start()
    lines: list[str] = []
    while True:
        try:
            line = received.get(timeout=_STARTUP_GUARD_SECONDS)
        except queue.Empty:
            raise AssertionError(f"serve-hub did not report serving: {lines}") from None
        lines.append(line.rstrip("\n"))
        if line.startswith("serving"):
            return lines


@pytest.fixture
def serve_hub(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], list[str]]]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "conformance",
            "serve-hub",
            "--port",
            "0",
            "--state-dir",
            str(tmp_path / "state"),
            "--nppo",
            "NL",
            "--nppo",
            "KE",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        yield process, _read_until_serving(process)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _field(lines: list[str], prefix: str) -> str:
    return next(line for line in lines if line.startswith(prefix)).split()[-1]


def test_serve_hub_answers_and_stops_cleanly_on_ctrl_c(
    serve_hub: tuple[subprocess.Popen[str], list[str]], tmp_path: Path
) -> None:
    process, lines = serve_hub
    endpoint = _field(lines, "endpoint:")
    ca = Path(_field(lines, "ca:"))
    nl_line = next(line for line in lines if line.startswith("nppo NL:")).split()
    cert, key = Path(nl_line[3]), Path(nl_line[5])

    with HubClient(endpoint, cert=(cert, key), ca=ca) as client:
        profile = client.get_profile()
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)

    assert profile.country == "NL"
    assert ca == tmp_path / "state" / "pki" / "ca.pem"
    assert cert == tmp_path / "state" / "pki" / "NL.pem"
    assert key.exists()
    assert endpoint.startswith("https://127.0.0.1:")
    assert endpoint.endswith("/hub/DeliveryService")
    assert process.returncode == 0
    assert "Traceback" not in stderr


def test_invalid_nppo_code_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["serve-hub", "--state-dir", str(tmp_path), "--nppo", "nl"]
    )

    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "'nl'" in result.stderr


def test_a_repeated_nppo_code_is_refused_with_exit_2(tmp_path: Path) -> None:
    state = tmp_path / "state"
    arguments = ["serve-hub", "--state-dir", str(state), "--nppo", "NL"]

    result = CliRunner().invoke(main, [*arguments, "--nppo", "KE", "--nppo", "NL"])

    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "--nppo NL given more than once" in result.stderr
    assert not state.exists()


def test_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        result = CliRunner().invoke(
            main, ["serve-hub", "--state-dir", str(tmp_path), "--port", str(port)]
        )

    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert str(port) in result.stderr


def test_unwritable_state_dir_is_one_line_and_exit_2(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")

    result = CliRunner().invoke(
        main, ["serve-hub", "--state-dir", str(blocker / "state")]
    )

    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "a-file" in result.stderr
