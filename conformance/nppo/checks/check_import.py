"""Import checks: each scenario's envelopes get the acknowledgement they deserve."""

from __future__ import annotations

import pytest

from conformance.nppo.checks._scenario_checks import applicable, assert_outcomes
from conformance.nppo.driver import ImportRun
from conformance.nppo.evidence import describe
from conformance.nppo.observer import Exchange
from conformance.nppo.settings import NppoSettings
from conformance.suite.registry import check

_POSITIVE = ("AcknowledgeEnvelopeReceipt", "AdvancedAcknowledgeEnvelopeReceipt")
_VALID = ("valid-851", "valid-657", "withdrawal", "replacement")
_ENCODINGS = (
    "encoding-cdata",
    "encoding-base64-utf8",
    "encoding-base64-utf16",
    "encoding-base64-utf16-bom",
    "encoding-base64-utf16le-nobom",
    "encoding-base64-utf16be-nobom",
)


@check(
    "NPPO-IMP-001",
    title="A valid certificate, withdrawal or replacement is acknowledged as delivered",
    requirement="WSDL AcknowledgeEnvelopeReceipt; hub-protocol §4.1 steps 3-4; §3.8",
)
@pytest.mark.parametrize("scenario_id", _VALID)
def test_valid_certificate_is_acknowledged(
    scenario_id: str, import_run: ImportRun, nppo_settings: NppoSettings
) -> None:
    """Example: valid-851 ends Delivered through AcknowledgeEnvelopeReceipt."""
    assert_outcomes(applicable(import_run, scenario_id), nppo_settings)


@check(
    "NPPO-IMP-002",
    title="Every Content encoding met in the field is read and acknowledged",
    requirement="hub-protocol §3.12; WSDL AcknowledgeEnvelopeReceipt",
)
@pytest.mark.parametrize("scenario_id", _ENCODINGS)
def test_content_encoding_is_read(
    scenario_id: str, import_run: ImportRun, nppo_settings: NppoSettings
) -> None:
    """Example: base64 of UTF-16 without a BOM is read like escaped text."""
    assert_outcomes(applicable(import_run, scenario_id), nppo_settings)


@check(
    "NPPO-IMP-003",
    title="Unreadable content gets AcknowledgeFailedEnvelopeReceipt",
    requirement="WSDL AcknowledgeFailedEnvelopeReceipt; hub-protocol §4.1 step 5; D1",
)
def test_unreadable_content_is_refused(
    import_run: ImportRun, nppo_settings: NppoSettings
) -> None:
    """A certificate cut mid-element must not be acknowledged as delivered."""
    assert_outcomes(applicable(import_run, "unreadable"), nppo_settings)


@check(
    "NPPO-IMP-004",
    title="A certificate with SEVERE findings is acknowledged with a warning or refused",
    requirement=(
        "WSDL AdvancedAcknowledgeEnvelopeReceipt, AcknowledgeFailed…; hub-protocol "
        "§4.3; capability import.severe_findings"
    ),
)
def test_severe_findings_are_reported(
    import_run: ImportRun, nppo_settings: NppoSettings
) -> None:
    """A readable certificate with a SEVERE finding is not a plain delivery."""
    assert_outcomes(applicable(import_run, "severe-findings"), nppo_settings)


@check(
    "NPPO-IMP-005",
    title="A re-used certificate number is acknowledged, not left pending",
    requirement="hub-protocol §4.1; D12 (importers check duplicates on receipt)",
)
def test_duplicate_number_is_acknowledged(
    import_run: ImportRun, nppo_settings: NppoSettings
) -> None:
    """The second envelope of one certificate number still gets one answer."""
    assert_outcomes(applicable(import_run, "duplicate-number"), nppo_settings)


@check(
    "NPPO-IMP-006",
    title="A backlog of envelopes queued at once is drained",
    requirement="WSDL GetImportEnvelopeHeaders, PULLImportEnvelope; D8, D16",
)
def test_backlog_is_drained(import_run: ImportRun, nppo_settings: NppoSettings) -> None:
    """Every envelope of the backlog is acknowledged within the scenario timeout."""
    assert_outcomes(applicable(import_run, "backlog"), nppo_settings)


@check(
    "NPPO-IMP-007",
    title="A certificate is stored before it is acknowledged",
    requirement="hub-protocol §4.1 steps 3-4; D8 (acknowledge only what is safe)",
)
def test_stored_before_acknowledged(
    nppo_settings: NppoSettings, exchanges: list[Exchange]
) -> None:
    """At each positive acknowledgement the --query-command already finds it."""
    if not nppo_settings.probe_given:
        pytest.skip(
            "no --query-command given: the harness cannot see the national "
            "system's store"
        )
    positive = [e for e in exchanges if e.ok and e.operation in _POSITIVE and e.numbers]
    early = [e for e in positive if e.stored is False]
    assert not early, (
        f"{len(early)} acknowledgement(s) arrived before the certificate was stored, "
        "e.g. " + "; ".join(describe(e) for e in early[:3])
    )
    assert not positive or any(e.stored for e in positive), (
        "the --query-command answered for none of the "
        f"{len(positive)} positive acknowledgements; see the log for its exit codes"
    )
