"""The xmlschema detailed path agrees with the lxml fast path, and says more."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from conformance.certificate import Certificate, examples, to_xml
from conformance.generate import certificates
from conformance.generate.invalid import (
    INVALID_KINDS,
    InvalidCertificate,
    invalid_certificates,
)
from conformance.validate import validate_certificate
from conformance.validate.detailed import (
    check_schema_detailed,
    detailed_profile_schema,
)
from conformance.validate.options import ValidationOptions
from conformance.validate.safe import parse_untrusted
from conformance.validate.schema import check_schema

DETAILED = ValidationOptions(detailed=True)
# libxml2 checks anyURI syntax; xmlschema accepts any string there, so it cannot
# tell EPH-SCH-006 for a malformed URI attribute.
ONLY_LXML_TELLS = frozenset({"EPH-SCH-006"})
_settings = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def schema_ids(xml: bytes) -> tuple[set[str], set[str]] | None:
    tree = parse_untrusted(xml).tree
    if tree is None:
        return None
    fast = {f.rule_id for f in check_schema(tree)}
    detailed = {f.rule_id for f in check_schema_detailed(tree)}
    return fast, detailed


def test_profile_is_compiled_once() -> None:
    assert detailed_profile_schema() is detailed_profile_schema()


@_settings
@given(certificates(status_codes=(70, 40, 44)))
def test_valid_certificates_are_valid_on_both_paths(certificate: Certificate) -> None:
    xml = to_xml(certificate)

    assert validate_certificate(xml, options=DETAILED) == validate_certificate(xml)


@pytest.mark.parametrize("kind", sorted(INVALID_KINDS))
def test_both_paths_give_the_same_verdict_and_rule_ids(kind: str) -> None:
    @settings(
        max_examples=4,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(invalid_certificates(kind))
    def check(invalid: InvalidCertificate) -> None:
        ids = schema_ids(invalid.xml)
        if ids is None:
            return  # stopped before the schema: neither path runs
        fast, detailed = ids
        assert bool(fast) == bool(detailed - ONLY_LXML_TELLS) or fast <= ONLY_LXML_TELLS
        assert fast - ONLY_LXML_TELLS == detailed

    check()


def test_detailed_messages_name_the_reason_and_the_expected_element() -> None:
    xml = to_xml(examples.full_851()).replace(
        b"<ram:ID>", b"<ram:Remark>x</ram:Remark><ram:ID>", 1
    )

    fast = validate_certificate(xml)
    detailed = validate_certificate(xml, options=DETAILED)

    assert [f.rule_id for f in detailed] == [f.rule_id for f in fast] == ["EPH-SCH-005"]
    assert "Unexpected child" in detailed[0].message
    assert "expected ram:ID" in detailed[0].message
    assert detailed[0].field == fast[0].field
