"""Checks before a run: report directory, TLS files, the first exchange, -k."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from conformance.errors import ConfigError
from conformance.hub.embedded import EmbeddedHub
from conformance.hub.pki import TestPki
from conformance.suite.preflight import (
    check_report_dir,
    check_tls_files,
    count_selected,
    probe_hub,
)
from conformance.suite.settings import NppoIdentity, SuiteSettings


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedHub]:
    """A reference hub to probe."""
    with EmbeddedHub(tmp_path_factory.mktemp("hub")) as running:
        yield running


def _settings(hub: EmbeddedHub) -> SuiteSettings:
    nppos = tuple(NppoIdentity(code, *hub.pki.client(code)) for code in hub.nppos)
    return SuiteSettings(url=hub.url, ca=hub.pki.ca_cert, nppos=nppos, run_id="r")


def test_report_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    existing = tmp_path / "summary"
    existing.write_text("", encoding="ascii")

    with pytest.raises(ConfigError, match="is a file, not a directory"):
        check_report_dir(existing)


def test_report_dir_that_cannot_be_created_is_refused() -> None:
    with pytest.raises(ConfigError, match="cannot be created"):
        check_report_dir(Path("/proc/nope/reports"))


def test_ca_that_is_not_a_certificate_is_refused(hub: EmbeddedHub) -> None:
    settings = replace(_settings(hub), ca=Path("/etc/hostname"))

    with pytest.raises(ConfigError, match="/etc/hostname"):
        check_tls_files(settings)


def test_key_of_another_nppo_is_refused(hub: EmbeddedHub) -> None:
    settings = _settings(hub)
    wrong = NppoIdentity(settings.exporter.code, settings.exporter.cert,
                         settings.importer.key)  # fmt: skip
    mismatched = replace(settings, nppos=(wrong, *settings.nppos[1:]))

    with pytest.raises(ConfigError, match="give matching PEM files"):
        check_tls_files(mismatched)


def test_probe_with_a_ca_that_did_not_sign_the_hub_is_refused(
    hub: EmbeddedHub, tmp_path: Path
) -> None:
    other = TestPki.create(tmp_path / "other", [])
    settings = replace(_settings(hub), ca=other.ca_cert)

    with pytest.raises(ConfigError, match="pass the CA that signed it"):
        probe_hub(settings)


def test_probe_of_a_closed_port_says_nothing_listens(hub: EmbeddedHub) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    settings = replace(_settings(hub), url=f"https://127.0.0.1:{port}/hub")

    with pytest.raises(ConfigError, match="nothing listens"):
        probe_hub(settings)


def test_probe_of_a_well_configured_hub_passes(hub: EmbeddedHub) -> None:
    probe_hub(_settings(hub))


def test_selection_is_counted_without_a_hub() -> None:
    settings = SuiteSettings(url="", ca=Path("unused"), nppos=(), run_id="r")

    assert count_selected("HUB-TRACK-001", settings) == 1
    assert count_selected("NO-SUCH-CHECK", settings) == 0
