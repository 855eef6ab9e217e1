"""Bulk certificates: pure in (seed, n), valid by construction, varied; corpora."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conformance.errors import UsageError
from conformance.findings import Level
from conformance.generate.bulk import bulk_certificate, bulk_envelope
from conformance.generate.corpus import corpus, invalid_bulk_certificate
from conformance.generate.invalid import BULK_KINDS, INVALID_KINDS
from conformance.validate import validate_certificate, validate_envelope


def _code(xml: bytes, tag: str) -> str:
    match = re.search(rf"<ram:{tag}>([^<]*)</ram:{tag}>".encode(), xml)
    assert match is not None
    return match.group(1).decode()


def test_certificate_n_is_a_pure_function_of_seed_and_n() -> None:
    assert bulk_certificate(7, 123) == bulk_certificate(7, 123)
    assert bulk_certificate(7, 123) != bulk_certificate(7, 124)
    assert bulk_certificate(7, 123) != bulk_certificate(8, 123)


def test_a_sample_of_bulk_certificates_has_no_finding_at_all() -> None:
    for n in range(400):
        assert validate_certificate(bulk_certificate(11, n)) == [], n


def test_bulk_certificates_are_signed_when_issued() -> None:
    for n in range(50):
        xml = bulk_certificate(5, n)
        issued = re.search(rb"IssueDateTime><udt:DateTimeString>([^<]+)<", xml)
        signed = re.search(rb"ActualDateTime><udt:DateTimeString>([^<]+)<", xml)

        assert issued is not None and signed is not None, n
        assert signed.group(1) == issued.group(1), n


def test_bulk_certificates_vary_like_hub_traffic() -> None:
    sample = [bulk_certificate(3, n) for n in range(600)]
    kinds = Counter((_code(x, "TypeCode"), _code(x, "StatusCode")) for x in sample)
    exporters = {x.split(b"<ram:ExportSPSCountry><ram:ID>")[1][:2] for x in sample}

    assert set(kinds) >= {("851", "70"), ("657", "70"), ("851", "40")}
    assert sum(b">ADRPN<" in x for x in sample) > 10
    assert len(exporters) > 15
    assert len({x.count(b"<ram:IncludedSPSTradeLineItem>") for x in sample}) >= 4
    assert any(b"AppliedSPSProcess" in x for x in sample)
    assert any("ث".encode() in x or "ع".encode() in x for x in sample)


def test_bulk_envelope_header_agrees_with_its_body() -> None:
    for n in range(50):
        envelope = bulk_envelope(5, n, exporter="NL", importer="KE")
        xml = (envelope.content or "").encode("utf-8")

        assert (envelope.from_, envelope.to) == ("NL", "KE")
        assert str(envelope.certificate_type) == _code(xml, "TypeCode")
        assert envelope.nppo_certificate_number == _code(xml, "ID")
        assert validate_envelope(envelope) == []


@pytest.mark.parametrize(
    ("kwargs", "bad"),
    [({"n": -1}, "-1"), ({"type_code": 852}, "852")],
)
def test_bad_bulk_arguments_raise_usage_error(kwargs: dict[str, int], bad: str) -> None:
    arguments = {"seed": 1, "n": 0, **kwargs}

    with pytest.raises(UsageError, match=bad):
        bulk_certificate(**arguments)  # type: ignore[arg-type]


def test_same_countries_pinned_twice_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="'NL'"):
        bulk_envelope(1, 0, exporter="NL", importer="NL")


@pytest.mark.parametrize("name", BULK_KINDS)
def test_each_bulk_kind_is_caught_by_its_rule_alone(name: str) -> None:
    kind = INVALID_KINDS[name]
    expected = [kind.rule_id] if kind.level is Level.SEVERE else []

    for n in range(3):
        findings = validate_certificate(invalid_bulk_certificate(2, n, name))

        assert [f.rule_id for f in findings if f.level is Level.SEVERE] == expected
        assert kind.rule_id in {f.rule_id for f in findings}


def test_corpus_is_reproducible_and_shares_invalid_items() -> None:
    first = list(corpus(4, 300, invalid_share=0.3))
    again = list(corpus(4, 300, invalid_share=0.3))
    invalid = [item for item in first if not item.valid]

    assert first == again
    assert 50 < len(invalid) < 130
    assert all(INVALID_KINDS[i.kind or ""].rule_id == i.rule_id for i in invalid)


def test_corpus_start_continues_the_same_sequence() -> None:
    whole = list(corpus(4, 20, invalid_share=0.5))

    assert list(corpus(4, 10, start=10, invalid_share=0.5)) == whole[10:]


@pytest.mark.parametrize(
    ("kwargs", "bad"),
    [
        ({"invalid_share": 1.5}, "1.5"),
        ({"count": -2}, "-2"),
        ({"kinds": ("no-such-kind",)}, "no-such-kind"),
    ],
)
def test_bad_corpus_arguments_raise_usage_error(
    kwargs: dict[str, object], bad: str
) -> None:
    arguments: dict[str, object] = {"seed": 1, "count": 1, **kwargs}

    with pytest.raises(UsageError, match=bad):
        next(corpus(**arguments))  # type: ignore[arg-type]


def test_the_future_issue_date_is_fixed_not_read_from_the_clock() -> None:
    xml = invalid_bulk_certificate(5, 11, "issued-in-future")

    assert b"2100-01-01T00:00:00+00:00" in xml
    assert xml == invalid_bulk_certificate(5, 11, "issued-in-future")
    assert "EPH-BR-009" in {f.rule_id for f in validate_certificate(xml)}
