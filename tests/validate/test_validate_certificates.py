"""validate_certificate / validate_envelope on valid certificates and real samples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance import validate
from conformance.certificate import Certificate, examples, to_xml
from conformance.findings import Finding, Level
from conformance.generate import CONTENT_ENCODINGS, certificates, envelope_for
from conformance.validate import validate_certificate, validate_envelope

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "reference" / "samples"
BOLIVIA = SAMPLES / "bolivia-soap-deliverphytoenvelope-851.xml"
MATTILSYNET = SAMPLES / "mattilsynet-ippc-test-851-with-attachment.xml"
EXAMPLES: list[Callable[[], Certificate]] = [
    getattr(examples, name)
    for name in examples.__all__
    if name.islower() and callable(getattr(examples, name))
]
_settings = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def severe(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.level is Level.SEVERE]


def sample(path: Path) -> bytes:
    if not path.exists():
        pytest.skip(f"reference sample {path} is absent (needs the shared/ checkout)")
    return path.read_bytes()


def test_public_surface() -> None:
    assert sorted(validate.__all__) == [
        "ParsedDocument",
        "RULES",
        "Rule",
        "ValidationOptions",
        "finding",
        "parse_untrusted",
        "validate_certificate",
        "validate_decoded",
        "validate_envelope",
    ]


@_settings
@given(certificates(status_codes=(70, 40, 44)))
def test_generated_certificates_have_no_severe_finding(
    certificate: Certificate,
) -> None:
    assert severe(validate_certificate(to_xml(certificate))) == []


@_settings
@given(certificates(), st.sampled_from(CONTENT_ENCODINGS))
def test_generated_envelopes_have_no_severe_finding(
    certificate: Certificate, content_encoding: str
) -> None:
    envelope = envelope_for(certificate, content_encoding=content_encoding)

    assert severe(validate_envelope(envelope)) == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda f: f.__name__)
def test_examples_have_no_severe_finding(example: Callable[[], Certificate]) -> None:
    certificate = example()

    assert severe(validate_certificate(to_xml(certificate))) == []
    assert severe(validate_envelope(envelope_for(certificate))) == []


def test_text_content_validates_like_bytes() -> None:
    xml = to_xml(examples.full_851())

    assert validate_certificate(xml.decode("utf-8")) == validate_certificate(xml)


def test_first_returns_at_most_one_finding() -> None:
    data = sample(MATTILSYNET)

    every = validate_certificate(data)
    first = validate_certificate(data, first=True)

    assert len(every) > 1
    assert first == every[:1]
    assert validate_certificate(to_xml(examples.full_851()), first=True) == []


def test_bolivian_sample_stops_at_the_undeclared_prefix() -> None:
    findings = validate_certificate(sample(BOLIVIA))

    assert [(f.rule_id, f.line) for f in findings] == [("EPH-WF-002", 2)]


def test_mattilsynet_sample_findings_are_pinned() -> None:
    findings = validate_certificate(sample(MATTILSYNET))

    counts: dict[str, int] = {}
    for f in findings:
        counts[f.rule_id] = counts.get(f.rule_id, 0) + 1
    assert counts == {
        "EPH-SCH-001": 14,
        "EPH-SCH-004": 1,
        "EPH-SCH-005": 3,
        "EPH-SCH-007": 4,
        "EPH-BR-001": 11,
        "EPH-BR-006": 2,
        "EPH-BR-014": 1,
        "EPH-MAP-012": 1,
    }
    (transit,) = [f for f in findings if f.field.endswith("/ram:TransitSPSCountry")]
    assert transit.rule_id == "EPH-SCH-001" and (
        transit.field == "/rsm:SPSCertificate/rsm:SPSConsignment/ram:TransitSPSCountry"
    )
    assert transit.line == 127


def test_rules_match_elements_by_namespace_not_prefix() -> None:
    xml = to_xml(examples.full_851()).decode()
    renamed = (
        xml.replace("rsm:", "ns0:")
        .replace("xmlns:rsm", "xmlns:ns0")
        .replace("ram:", "urn1:")
        .replace("xmlns:ram", "xmlns:urn1")
        .replace("udt:", "x:")
        .replace("xmlns:udt", "xmlns:x")
        .replace(">851<", ">852<")
    )

    findings = validate_certificate(renamed)

    assert [(f.rule_id, f.field) for f in findings] == [
        ("EPH-MAP-008", "/rsm:SPSCertificate/rsm:SPSExchangedDocument/ram:TypeCode")
    ]
