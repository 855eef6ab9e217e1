"""On a shared hub, a load run takes only its own envelopes and leaves others pending."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conformance.cli import main
from conformance.hub.embedded import EmbeddedHub
from conformance.load.check_ledgers import main as check_ledgers
from conformance.load.client import FastHubClient, shared_ssl_context
from conformance.load.envelopes import load_envelope

pytestmark = pytest.mark.slow


def test_a_run_leaves_someone_elses_envelope_pending(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report"
    with EmbeddedHub(tmp_path / "hub", ("NL", "KE")) as hub:
        pki = hub.pki.directory
        sender = FastHubClient(hub.url, shared_ssl_context(pki, "NL"))
        foreign = sender.deliver_envelope(load_envelope(99, 0, "NL", "KE"))
        number = foreign.hub_delivery_number or ""
        args = ["load", "-n", "60", "--users", "6", "--timeout", "60"]
        args += ["--target", hub.url, "--pki-dir", str(pki)]
        args += ["--nppo", "NL", "--nppo", "KE", "--report-dir", str(report)]

        result = CliRunner().invoke(main, args)
        state = sender.get_envelope_tracking_info(number).hub_tracking_info
        checked = check_ledgers(
            ["--ledger-dir", str(report / "ledger"), "--target", hub.url]
            + ["--pki-dir", str(pki)]
        )
        sender.close()

    summary = json.loads((report / "load-summary.json").read_text("utf-8"))
    assert result.exit_code == 0, result.output
    assert (summary["delivered"], summary["acknowledged"]) == (60, 60)
    assert (summary["duplicated"], summary["lost"]) == (0, 0)
    assert state == "PendingDelivery"
    assert checked == 0
    assert json.loads(capsys.readouterr().out)["acknowledged"] == 60
