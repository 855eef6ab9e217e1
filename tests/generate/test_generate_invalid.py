"""invalid_certificates(): each kind is caught by its own rule and nothing else."""

from __future__ import annotations

import dataclasses
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings

from conformance.certificate import to_xml
from conformance.certificate.examples import minimal_851
from conformance.errors import UsageError
from conformance.findings import Finding, Layer, Level
from conformance.generate.invalid import (
    INVALID_KINDS,
    InvalidCertificate,
    InvalidKind,
    invalid_certificates,
)
from conformance.validate import RULES, validate_certificate, validate_envelope

# The oversized kind serialises 16 MiB per example; a couple of examples suffice.
_EXAMPLES = {"oversized-content": 2}
_DEFAULT_EXAMPLES = 5


def severe_ids(findings: list[Finding]) -> list[str]:
    return [f.rule_id for f in findings if f.level is Level.SEVERE]


def test_catalogue_has_forty_kinds_over_every_layer() -> None:
    rule_ids = {kind.rule_id for kind in INVALID_KINDS.values()}
    layers = {kind.layer for kind in INVALID_KINDS.values()}

    assert len(INVALID_KINDS) >= 40
    assert len(rule_ids) >= 40
    assert layers == set(Layer)


@pytest.mark.parametrize(
    "name",
    [
        "undeclared-prefix",
        "wrong-namespace-version",
        "declaration-contradicts-encoding",
        "elements-out-of-sequence",
        "missing-mandatory-element",
        "empty-coded-value",
        "bad-decimal",
        "bad-base64",
        "date-time-without-offset",
        "date-time-with-space",
        "unknown-country",
        "unknown-unit",
        "unknown-package-type",
        "unknown-transport-mode",
        "unknown-note-subject",
        "reexport-notes-on-851",
        "reexport-without-original",
        "header-from-mismatch",
        "header-to-mismatch",
        "header-type-mismatch",
        "header-status-mismatch",
        "header-number-mismatch",
        "null-placeholder",
        "dtd",
        "external-entity",
        "entity-expansion",
        "deep-nesting",
        "oversized-content",
        "language-id-country-code",
        "scheme-id-on-locode",
        "double-escaped-ampersand",
        "bom-inside-base64",
        "empty-actual-date-time",
        "nanoseconds-without-offset",
        "comma-decimal-measure",
        "wrong-unit-kind",
        "truncated-attachment",
    ],
)
def test_catalogue_holds_the_kinds_the_field_needs(name: str) -> None:
    assert name in INVALID_KINDS


@pytest.mark.parametrize("kind", INVALID_KINDS.values(), ids=lambda k: k.name)
def test_kind_agrees_with_its_rule(kind: InvalidKind) -> None:
    rule = RULES[kind.rule_id]

    assert (kind.layer, kind.area, kind.level) == (rule.layer, rule.area, rule.level)
    assert kind.description


def test_invalid_kind_is_frozen() -> None:
    kind = INVALID_KINDS["unknown-country"]

    with pytest.raises(dataclasses.FrozenInstanceError):
        kind.rule_id = "EPH-WF-001"  # type: ignore[misc]


def test_unknown_kind_names_the_value_and_the_choices() -> None:
    with pytest.raises(UsageError, match=r"'no-such-kind'.*unknown-country"):
        invalid_certificates("no-such-kind")


@pytest.mark.parametrize("name", sorted(INVALID_KINDS))
def test_each_kind_is_caught_by_its_rule_alone(name: str) -> None:
    @settings(
        max_examples=_EXAMPLES.get(name, _DEFAULT_EXAMPLES),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(invalid_certificates(name))
    def check(invalid: InvalidCertificate) -> None:
        severe = [invalid.rule_id] if invalid.level is Level.SEVERE else []
        on_envelope = validate_envelope(invalid.envelope)

        assert invalid.kind == name
        assert severe_ids(on_envelope) == severe
        assert invalid.rule_id in {f.rule_id for f in on_envelope}
        if invalid.layer is Layer.ENVELOPE:
            assert severe_ids(validate_certificate(invalid.xml)) == []
        else:
            assert severe_ids(validate_certificate(invalid.xml)) == severe

    check()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(invalid_certificates(exporter="NL", importer="KE"))
def test_any_kind_keeps_pinned_countries_in_the_header(
    invalid: InvalidCertificate,
) -> None:
    header = invalid.envelope.header()

    assert header.from_ == "NL" or invalid.kind == "header-from-mismatch"
    assert header.to == "KE" or invalid.kind == "header-to-mismatch"
    assert invalid.rule_id == INVALID_KINDS[invalid.kind].rule_id


def test_mutate_is_a_plain_function_of_bytes_and_random() -> None:
    kind = INVALID_KINDS["treatment-after-issue"]
    xml = to_xml(minimal_851())

    first = kind.mutate(xml, Random(5))
    second = kind.mutate(xml, Random(5))

    assert first == second != xml
    assert severe_ids(validate_certificate(first)) == ["EPH-BR-008"]


def test_header_kinds_leave_the_certificate_alone() -> None:
    kind = INVALID_KINDS["header-from-mismatch"]
    xml = to_xml(minimal_851())

    assert kind.mutate(xml, Random(1)) == xml
    assert not kind.bulk


def test_encoding_kinds_travel_base64_in_their_envelope() -> None:
    @settings(max_examples=3, deadline=None)
    @given(invalid_certificates("unknown-declared-encoding"))
    def check(invalid: InvalidCertificate) -> None:
        assert invalid.envelope.content is not None
        assert not invalid.envelope.content.startswith("<")
        assert not INVALID_KINDS[invalid.kind].text_safe

    check()
