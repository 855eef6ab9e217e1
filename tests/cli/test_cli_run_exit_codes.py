"""Exit codes of ``ephyto-conformance run``: 1 for a failed check, 2 for bad options."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.hub.embedded import EmbeddedHub


def _run(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "conformance", "run", *arguments]
    return subprocess.run(
        command, cwd=cwd, check=False, capture_output=True, text=True, timeout=180
    )


@pytest.fixture
def forgetful_hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    """A reference hub whose AcknowledgeEnvelopeReceipt leaves PendingDelivery."""
    hub = EmbeddedHub(tmp_path / "hub")

    def ignore_acknowledgement(caller: str, hub_tracking_number: str) -> None:
        return None

    hub.service.acknowledge_envelope_receipt = ignore_acknowledgement  # type: ignore[method-assign]
    with hub:
        yield hub


def _target_options(hub: EmbeddedHub) -> list[str]:
    options = ["--target", hub.url, "--ca", str(hub.pki.ca_cert)]
    for code in hub.nppos:
        cert, key = hub.pki.client(code)
        options += ["--nppo", f"{code}={cert},{key}"]
    return options


@pytest.mark.slow
def test_failed_check_exits_1_and_names_the_check(
    tmp_path: Path, forgetful_hub: EmbeddedHub
) -> None:
    reports = tmp_path / "reports"

    finished = _run(
        *_target_options(forgetful_hub),
        "-k",
        "HUB-ACK-001",
        "--report-dir",
        str(reports),
        "--seed",
        "3",
        cwd=tmp_path,
    )

    assert finished.returncode == 1, finished.stdout[-3000:] + finished.stderr
    summary = json.loads((reports / "summary.json").read_text(encoding="utf-8"))
    failed = [entry for entry in summary["tests"] if entry["outcome"] == "failed"]
    assert [(entry["id"], entry["case"]) for entry in failed] == [
        ("HUB-ACK-001", "receipt")
    ]
    assert "PendingDelivery" in failed[0]["message"]
    assert summary["totals"]["passed"] == 2


def test_missing_certificate_file_exits_2_with_one_line(tmp_path: Path) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("not used", encoding="ascii")
    missing = tmp_path / "missing"
    nppos = [
        f"--nppo={code}={missing}.pem,{missing}.key" for code in ("NL", "KE", "CL")
    ]

    finished = _run(
        "--target", "https://127.0.0.1:9/hub", "--ca", str(ca), *nppos, cwd=tmp_path
    )

    assert finished.returncode == 2
    assert finished.stderr.count("\n") == 1
    assert "not a readable file" in finished.stderr
    assert "Traceback" not in finished.stderr
    assert not (tmp_path / "reports").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--target", "ftp://hub.example"], "not an http(s) URL"),
        (["--ca", "ca.pem"], "give --target too"),
    ],
)
def test_bad_target_options_exit_2(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    (tmp_path / "ca.pem").write_text("", encoding="ascii")

    finished = _run(*arguments, cwd=tmp_path)

    assert finished.returncode == 2
    assert message in finished.stderr
    assert "Traceback" not in finished.stderr


@pytest.mark.slow
def test_selection_matching_nothing_exits_2(tmp_path: Path) -> None:
    finished = _run("-k", "NO-SUCH-CHECK", "--report-dir", "r", cwd=tmp_path)

    assert finished.returncode == 2
    assert "no conformance check matches" in finished.stderr
