"""invalid_certificates(): each kind is caught by its own rule and nothing else."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings

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


def severe_ids(findings: list[Finding]) -> list[str]:
    return [f.rule_id for f in findings if f.level is Level.SEVERE]


def test_catalogue_has_at_least_fifteen_kinds_with_distinct_rules() -> None:
    rule_ids = [kind.rule_id for kind in INVALID_KINDS.values()]

    assert len(INVALID_KINDS) >= 15
    assert len(set(rule_ids)) == len(rule_ids)


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
        max_examples=_EXAMPLES.get(name, 8),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(invalid_certificates(name))
    def check(invalid: InvalidCertificate) -> None:
        assert invalid.kind == name
        assert severe_ids(validate_envelope(invalid.envelope)) == [invalid.rule_id]
        if invalid.layer is Layer.ENVELOPE:
            assert severe_ids(validate_certificate(invalid.xml)) == []
        else:
            assert severe_ids(validate_certificate(invalid.xml)) == [invalid.rule_id]

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
