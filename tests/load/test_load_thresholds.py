"""Thresholds from options and files, and which runs they fail."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conformance.cli import main
from conformance.errors import UsageError
from conformance.load.settings import parse_rate
from conformance.load.thresholds import Thresholds, parse_p95, violations

_LATENCY = {"DeliverEnvelope": {"p50": 10.0, "p95": 300.0, "p99": 400.0}}


def test_p95_pairs_parse_with_a_wildcard() -> None:
    assert parse_p95(["DeliverEnvelope=250", "*=1000"]) == {
        "DeliverEnvelope": 250.0,
        "*": 1000.0,
    }


def test_a_p95_without_milliseconds_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="OPERATION=MILLISECONDS"):
        parse_p95(["DeliverEnvelope"])


def test_toml_file_and_option_merge_with_options_winning(tmp_path: Path) -> None:
    path = tmp_path / "limits.toml"
    path.write_text(
        'min_certificates_per_s = 500\nmax_error_rate = 0.01\n[p95_ms]\n"*" = 900\n',
        encoding="utf-8",
    )

    merged = Thresholds.from_file(path).merged(Thresholds(min_certificates_per_s=10))

    assert merged == Thresholds(
        p95_ms={"*": 900.0}, max_error_rate=0.01, min_certificates_per_s=10.0
    )


def test_json_file_reads(tmp_path: Path) -> None:
    path = tmp_path / "limits.json"
    path.write_text('{"p95_ms": {"DeliverEnvelope": 250}}', encoding="utf-8")

    assert Thresholds.from_file(path).p95_ms == {"DeliverEnvelope": 250.0}


def test_unknown_keys_in_a_file_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "limits.json"
    path.write_text('{"p99": 3}', encoding="utf-8")

    with pytest.raises(UsageError, match="unknown keys"):
        Thresholds.from_file(path)


def test_each_broken_threshold_is_named() -> None:
    thresholds = Thresholds(
        p95_ms={"*": 250}, max_error_rate=0.01, min_certificates_per_s=1000
    )

    broken = violations(
        thresholds, latency_ms=_LATENCY, error_rate=0.02, certificates_per_s=900
    )

    assert len(broken) == 3
    assert broken[0].startswith("DeliverEnvelope p95 300 ms")


def test_a_run_within_thresholds_breaks_none() -> None:
    thresholds = Thresholds(p95_ms={"DeliverEnvelope": 500}, max_error_rate=0.1)

    assert not violations(
        thresholds, latency_ms=_LATENCY, error_rate=0.0, certificates_per_s=1.0
    )


@pytest.mark.parametrize(
    ("text", "per_second"),
    [("1000", 1000.0), ("500/s", 500.0), ("86400/day", 1.0), ("0", 0.0), ("", 0.0)],
)
def test_rates_read_in_certificates_per_second(text: str, per_second: float) -> None:
    assert parse_rate(text) == per_second


def test_an_unknown_rate_unit_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="'5/fortnight'"):
        parse_rate("5/fortnight")


def test_too_few_users_for_the_importers_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["load", "-n", "10", "--users", "4", "--report-dir", str(tmp_path)]
    )

    assert result.exit_code == 2
    assert "no exporter" in result.output
