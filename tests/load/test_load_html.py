"""The load report page is self-contained and carries its series."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conformance.report.load_html import write_load_html
from conformance.report.load_summary import write_load_summary


def test_the_page_has_no_external_references_and_embeds_the_series(
    tmp_path: Path,
) -> None:
    charts = {
        "Certificates acknowledged per second": {"certificates/s": [(1.0, 5.0)]},
        "Queue depth": {"pending": [(1.0, 7.0), (2.0, 3.0)]},
    }

    page = write_load_html(tmp_path, {"delivered": 10}, charts).read_text("utf-8")

    assert not re.search(r"(src|href)\s*=\s*['\"]?https?:", page)
    assert "<svg" in page and "<polyline" in page
    embedded = re.search(r"id='load-data'>(.*?)</script>", page, re.DOTALL)
    assert embedded is not None
    data = json.loads(embedded.group(1))
    assert data["charts"]["Queue depth"]["pending"] == [[1.0, 7.0], [2.0, 3.0]]


def test_the_summary_has_the_issue_fields(tmp_path: Path) -> None:
    check = {
        "delivered": 9,
        "acknowledged": 8,
        "lost": 1,
        "duplicated": 0,
        "pending": 0,
    }

    summary = write_load_summary(
        tmp_path,
        certificates_requested=10,
        check=check,
        duration_s=4.0,
        latency_ms={"DeliverEnvelope": {"p50": 1.0, "p95": 2.0, "p99": 3.0}},
        requests=20,
        failures=1,
        violations=[],
    )

    written = json.loads((tmp_path / "load-summary.json").read_text("utf-8"))
    assert written == summary
    assert written["certificates_per_s"] == 2.0
    for key in (
        "certificates_requested",
        "lost",
        "duplicated",
        "pending",
        "duration_s",
    ):
        assert key in written
