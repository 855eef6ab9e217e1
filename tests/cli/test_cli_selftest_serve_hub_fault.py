"""``serve-hub --fault NAME``: the standalone hub with one injected fault."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from conformance.cli import main
from conformance.errors import HubFault
from conformance.hub.client import HubClient

# A guard against a hung child, not a timing assertion.
_STARTUP_GUARD_SECONDS = 60.0


def _lines_until_serving(process: subprocess.Popen[str]) -> list[str]:
    assert process.stdout is not None
    stdout = process.stdout
    received: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [received.put(line) for line in iter(stdout.readline, "")],
        daemon=True,
    ).start()
    lines: list[str] = []
    while not lines or not lines[-1].startswith("serving"):
        try:
            lines.append(received.get(timeout=_STARTUP_GUARD_SECONDS).rstrip("\n"))
        except queue.Empty:
            raise AssertionError(f"serve-hub did not report serving: {lines}") from None
    return lines


def _field(lines: list[str], prefix: str) -> str:
    return next(line for line in lines if line.startswith(prefix)).split()[-1]


def test_unknown_fault_exits_2_with_the_catalogue(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["serve-hub", "--state-dir", str(tmp_path), "--fault", "hub-on-fire"]
    )

    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "'hub-on-fire'" in result.stderr
    assert "fault-with-http-200" in result.stderr
    assert not (tmp_path / "pki").exists()


@pytest.mark.slow
def test_known_fault_is_served(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "conformance",
            "serve-hub",
            "--port",
            "0",
            "--state-dir",
            str(tmp_path),
            "--fault",
            "fault-with-http-200",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        lines = _lines_until_serving(process)
        endpoint, ca = _field(lines, "endpoint:"), Path(_field(lines, "ca:"))
        certificate = (tmp_path / "pki" / "KE.pem", tmp_path / "pki" / "KE.key")
        with (
            HubClient(endpoint, cert=certificate, ca=ca) as client,
            pytest.raises(HubFault) as refused,
        ):
            client.pull_single_import_envelope("EPH00000000000000000")
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    assert any(line.startswith("fault:    fault-with-http-200") for line in lines)
    assert refused.value.message.startswith("EnvelopeNotExists")
    assert refused.value.http_status == 200
    assert process.returncode == 0
