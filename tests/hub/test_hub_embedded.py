"""The embedded hub: lifecycle, files, and a clean shutdown."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from conformance.errors import ConfigError, UsageError
from conformance.hub.client import HubClient
from conformance.hub.embedded import EmbeddedHub
from conformance.hub.pki import fingerprint


def _hub_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("embedded-hub-")]


def test_serves_on_a_free_loopback_port_and_leaves_no_thread(tmp_path: Path) -> None:
    with EmbeddedHub(tmp_path) as hub:
        url, port = hub.url, hub.port
        running = len(_hub_threads())
        with HubClient(url, cert=hub.pki.client("CL"), ca=hub.pki.ca_cert) as client:
            profile = client.get_profile()

    assert port > 0
    assert url == f"https://127.0.0.1:{port}/hub/DeliveryService"
    assert running == 1
    assert profile.country == "CL"
    assert _hub_threads() == []
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_pki_and_store_live_under_the_state_dir(tmp_path: Path) -> None:
    with EmbeddedHub(tmp_path, nppos=("NL", "LK2")) as hub:
        registered = [n.code for n in hub.store.active_nppos()]
        nl = hub.store.nppo("NL")
        nl_fingerprint = fingerprint(hub.pki.client("NL")[0].read_bytes())

    assert hub.pki.ca_cert == tmp_path / "pki" / "ca.pem"
    assert (tmp_path / "hub.sqlite3").exists()
    assert registered == ["LK2", "NL"]
    assert nl is not None and nl.fingerprint == nl_fingerprint


def test_a_restart_adds_nppos_and_keeps_certificates(tmp_path: Path) -> None:
    with EmbeddedHub(tmp_path, nppos=("NL",)) as first:
        nl_before = first.pki.client("NL")[0].read_bytes()

    with EmbeddedHub(tmp_path, nppos=("NL", "KE")) as second:
        nl_after = second.pki.client("NL")[0].read_bytes()
        codes = [n.code for n in second.store.active_nppos()]

    assert nl_after == nl_before
    assert codes == ["KE", "NL"]


def test_invalid_nppo_code_is_refused_before_anything_starts(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="'ke'"):
        EmbeddedHub(tmp_path, nppos=("NL", "ke"))

    assert _hub_threads() == []


def test_port_in_use_is_a_config_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        with pytest.raises(ConfigError, match=f":{port}"):
            EmbeddedHub(tmp_path, port=port)


def test_stop_twice_is_harmless(tmp_path: Path) -> None:
    hub = EmbeddedHub(tmp_path).start()

    hub.stop()
    hub.stop()

    assert _hub_threads() == []


def test_ipv6_loopback_url_has_brackets(tmp_path: Path) -> None:
    if not socket.has_ipv6:
        pytest.skip("this machine has no IPv6")
    try:
        hub = EmbeddedHub(tmp_path, host="::1")
    except ConfigError as err:
        pytest.skip(f"IPv6 loopback not available here: {err}")

    with hub:
        url = hub.url
        with HubClient(url, cert=hub.pki.client("NL"), ca=hub.pki.ca_cert) as client:
            country = client.get_profile().country

    assert url == f"https://[::1]:{hub.port}/hub/DeliveryService"
    assert country == "NL"


def test_public_surfaces_of_the_reference_hub() -> None:
    from conformance.hub import embedded, pki, server, service, store

    assert embedded.__all__ == ["DEFAULT_NPPOS", "EmbeddedHub"]
    assert pki.__all__ == ["TestPki", "check_nppo_code", "fingerprint"]
    assert set(server.__all__) == {
        "HUB_PATH",
        "INTERNAL_ERROR",
        "MAX_BODY_BYTES",
        "create_app",
        "server_ssl_context",
    }
    assert {"HubService", "HubServiceFault", "NPPO_NOT_FOUND"} <= set(service.__all__)
    assert {"HubStore", "StoredNppo", "new_tracking_number"} <= set(store.__all__)
