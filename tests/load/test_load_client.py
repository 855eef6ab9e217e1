"""The load client reports each exchange like Locust's request event."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conformance.errors import HubFault
from conformance.hub.embedded import EmbeddedHub
from conformance.load.client import FastHubClient, shared_ssl_context
from conformance.load.envelopes import load_envelope


def test_every_exchange_fires_a_soap_request_named_for_the_operation(
    tmp_path: Path,
) -> None:
    seen: list[dict[str, Any]] = []
    with EmbeddedHub(tmp_path, ("NL", "KE")) as hub:
        context = shared_ssl_context(hub.pki.directory, "NL")
        client = FastHubClient(
            hub.url, context, on_request=lambda **kw: seen.append(kw)
        )
        header = client.deliver_envelope(load_envelope(1, 0, "NL", "KE"))
        with pytest.raises(HubFault):
            client.pull_single_import_envelope("EPH00000000000000000")
        client.close()

    assert header.hub_delivery_number
    assert [(e["request_type"], e["name"]) for e in seen] == [
        ("SOAP", "DeliverEnvelope"),
        ("SOAP", "PULLSingleImportEnvelope"),
    ]
    assert seen[0]["exception"] is None
    assert isinstance(seen[1]["exception"], HubFault)


def test_one_ssl_context_per_nppo_and_process(tmp_path: Path) -> None:
    with EmbeddedHub(tmp_path, ("NL",)) as hub:
        first = shared_ssl_context(hub.pki.directory, "NL")

        assert shared_ssl_context(hub.pki.directory, "NL") is first
