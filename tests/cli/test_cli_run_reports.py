"""What a run leaves: check ids in junit.xml, the exchange log, an interrupted run."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

_EXCHANGE = re.compile(
    r"^\S+ \S+ INFO conformance\.hub\.client: (\w+) https://\S+ HTTP \d{3} in \d+ ms$"
)


@pytest.mark.slow
def test_junit_names_checks_and_info_logs_one_line_per_exchange(
    tmp_path: Path,
) -> None:
    reports = tmp_path / "r"
    command = [sys.executable, "-m", "conformance", "--log-level", "INFO", "run",
               "-k", "HUB-TRACK-001 or HUB-DIR-002", "--report-dir", str(reports)]  # fmt: skip

    finished = subprocess.run(
        command, cwd=tmp_path, check=False, capture_output=True, text=True, timeout=180
    )

    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr
    junit = etree.parse(str(reports / "junit.xml"))
    ids = junit.xpath("//testcase/properties/property[@name='check_id']/@value")
    assert sorted(ids) == ["HUB-DIR-002", "HUB-TRACK-001"]
    assert junit.xpath("//property[@name='requirement']/@value")
    lines = (reports / "exchanges.log").read_text(encoding="utf-8").splitlines()
    operations = [match.group(1) for line in lines if (match := _EXCHANGE.match(line))]
    assert len(operations) == len(lines)
    assert operations.count("GetEnvelopeTrackingInfo") == 1
    assert operations.count("GetActiveNppos") == 1
    assert str(reports / "exchanges.log") in finished.stdout


@pytest.mark.slow
def test_sigint_exits_130_and_marks_the_summary_incomplete(tmp_path: Path) -> None:
    reports = tmp_path / "r"
    command = [sys.executable, "-m", "conformance", "run", "-k", "HUB-DIR or HUB-TRACK",
               "--report-dir", str(reports)]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    # The first progress line means the suite is running.
    for line in process.stdout:
        if line.startswith("1/"):
            break
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=120)

    assert process.returncode == 130
    summary = json.loads((reports / "summary.json").read_text(encoding="utf-8"))
    assert (summary["complete"], summary["interrupted"]) == (False, True)
    assert "interrupted" in output
