"""Run options for a remote hub: NPPO identities, CA and URL are checked early."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.errors import ConfigError
from conformance.suite.targets import TargetOptions, parse_nppo, remote_settings


@pytest.fixture
def pem_pair(tmp_path: Path) -> tuple[Path, Path]:
    cert, key = tmp_path / "nl.pem", tmp_path / "nl.key"
    cert.write_text("cert", encoding="ascii")
    key.write_text("key", encoding="ascii")
    return cert, key


def test_nppo_spec_is_parsed(pem_pair: tuple[Path, Path]) -> None:
    cert, key = pem_pair

    identity = parse_nppo(f"LK2={cert},{key}")

    assert (identity.code, identity.cert, identity.key) == ("LK2", cert, key)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("NL", "has no '='"),
        ("nl=a,b", "connection code"),
        ("NL=only-one", "CERT.pem,KEY.pem"),
        ("NL=/no/such.pem,/no/such.key", "not a readable file"),
    ],
)
def test_bad_nppo_spec_is_refused(spec: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_nppo(spec)


def test_remote_target_needs_three_nppos(
    tmp_path: Path, pem_pair: tuple[Path, Path]
) -> None:
    cert, key = pem_pair
    options = TargetOptions(
        url="https://hub.example/hub", ca=cert, nppos=(f"NL={cert},{key}",)
    )

    with pytest.raises(ConfigError, match="needs 3 --nppo"):
        remote_settings(options, "run")


def test_remote_target_must_be_an_http_url(pem_pair: tuple[Path, Path]) -> None:
    options = TargetOptions(url="hub.example", ca=pem_pair[0])

    with pytest.raises(ConfigError, match="not an http"):
        remote_settings(options, "run")


def test_remote_settings_keep_nppo_order(pem_pair: tuple[Path, Path]) -> None:
    cert, key = pem_pair
    specs = tuple(f"{code}={cert},{key}" for code in ("KE", "NL", "CL"))
    options = TargetOptions(url="https://hub.example/hub", ca=cert, nppos=specs)

    settings = remote_settings(options, "run")

    assert [settings.exporter.code, settings.importer.code, settings.third.code] == [
        "KE",
        "NL",
        "CL",
    ]
    assert settings.unregistered is None
