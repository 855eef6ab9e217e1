"""The public samples get the findings their README describes, through the CLI."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conformance.cli import main

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "reference" / "samples"
BOLIVIA = SAMPLES / "bolivia-soap-deliverphytoenvelope-851.xml"
MATTILSYNET = SAMPLES / "mattilsynet-ippc-test-851-with-attachment.xml"


def validate_json(path: Path, *options: str) -> tuple[int, dict[str, Any]]:
    if not path.exists():
        pytest.skip(f"reference sample {path} is absent (needs the shared/ checkout)")
    result = CliRunner().invoke(
        main, ["validate", "--format", "json", *options, str(path)]
    )
    (report,) = json.loads(result.stdout)
    return result.exit_code, report


def test_bolivian_envelope_stops_at_the_undeclared_prefix() -> None:
    code, report = validate_json(BOLIVIA)

    assert code == 1
    assert [(f["rule_id"], f["line"]) for f in report["findings"]] == [
        ("EPH-WF-002", 2)
    ]
    assert "soapenv" in report["findings"][0]["msg"]


def test_bolivian_envelope_is_not_rescued_by_hub_strictness() -> None:
    _, report = validate_json(BOLIVIA, "--strictness", "hub")

    assert [f["rule_id"] for f in report["findings"]] == ["EPH-WF-002"]


def _at(findings: list[dict[str, Any]], suffix: str) -> list[tuple[str, int]]:
    return [(f["rule_id"], f["line"]) for f in findings if f["field"].endswith(suffix)]


def test_mattilsynet_sample_findings_match_its_readme() -> None:
    code, report = validate_json(MATTILSYNET)

    findings = report["findings"]
    by_rule = Counter(f["rule_id"] for f in findings)
    assert code == 1 and report["kind"] == "certificate"
    # Each out-of-sequence sibling the README names, at its own line.
    assert _at(findings, "SPSConsignment/ram:TransitSPSCountry") == [
        ("EPH-SCH-001", 127)
    ]
    assert _at(findings, "SPSConsignment/ram:UtilizedSPSTransportEquipment") == [
        ("EPH-SCH-001", 149)
    ]
    assert _at(findings, "MainCarriageSPSTransportMovement[2]/ram:ID") == [
        ("EPH-SCH-001", 181)
    ]
    classifications = [
        (f["rule_id"], f["line"])
        for f in findings
        if "/ram:ApplicableSPSClassification[" in f["field"]
    ]
    assert classifications == [("EPH-SCH-001", n) for n in (201, 206, 210, 214)]
    assert _at(findings, "AppliedSPSProcess/ram:CompletionSPSPeriod") == [
        ("EPH-SCH-001", 351)
    ]
    assert _at(findings, "AppliedSPSProcess/ram:AdditionalInformationSPSNote") == [
        ("EPH-SCH-005", 347)
    ]
    # The referenced documents' Information before their attachments.
    assert by_rule["EPH-SCH-001"] == 14
    # Truncated base64 of the Rar-fil attachment, in strict mode too.
    assert _at(
        findings, "ReferenceSPSReferencedDocument[6]/ram:AttachmentBinaryObject"
    )[-1] == ("EPH-SCH-004", 122)
    # Plain-text IssueDateTime in the referenced documents.
    dates = [f for f in findings if f["rule_id"] == "EPH-SCH-007"]
    assert [f["line"] for f in dates] == [85, 92, 99, 106]
    assert all(f["field"].endswith("/ram:IssueDateTime") for f in dates)
    # Re-export notes on an 851; date-only treatment period.
    assert by_rule["EPH-BR-001"] == 11
    assert by_rule["EPH-BR-006"] == 2
    # Empty signatory ActualDateTime: advice, not an error.
    assert _at(findings, "ActualDateTime/udt:DateTimeString") == [("EPH-BR-014", 66)]
    (unsigned,) = [f for f in findings if f["rule_id"] == "EPH-BR-014"]
    assert unsigned["level"] == "INFO"
    # schemeID="ISO_3166-1_alpha-2" on the UN/LOCODE of the unloading port.
    (locode,) = [f for f in findings if f["rule_id"] == "EPH-MAP-012"]
    assert locode["level"] == "WARNING"
    assert locode["field"].endswith("UnloadingBaseportSPSLocation/ram:ID/@schemeID")


def test_hub_strictness_drops_only_the_order_findings() -> None:
    _, strict = validate_json(MATTILSYNET)
    _, hub = validate_json(MATTILSYNET, "--strictness", "hub")

    rest = [f for f in strict["findings"] if f["rule_id"] != "EPH-SCH-001"]
    assert sorted(map(str, hub["findings"])) == sorted(map(str, rest))


def test_mattilsynet_truncated_attachment_shows_once_order_is_free() -> None:
    _, report = validate_json(MATTILSYNET, "--strictness", "hub")

    rules = Counter(f["rule_id"] for f in report["findings"])
    assert rules["EPH-SCH-001"] == 0
    (attachment,) = [f for f in report["findings"] if f["rule_id"] == "EPH-SCH-004"]
    assert attachment["field"].endswith(
        "ReferenceSPSReferencedDocument[6]/ram:AttachmentBinaryObject"
    )
