"""The hub fault catalogue: names, descriptions, expected checks, docs in sync."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conformance.errors import UsageError
from conformance.hub.embedded import EmbeddedHub
from conformance.hub.faults import (
    FAULTS,
    FAULTS_BEGIN,
    FAULTS_END,
    fault_names,
    faults_markdown,
    find_fault,
)
from conformance.hub.service import HubService
from conformance.suite.registry import discover_checks

_DOCS = Path(__file__).resolve().parents[2] / "docs" / "faults.md"
_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)+")
# The issue asks for at least this many realistic faults.
_MINIMUM = 15


def test_catalogue_has_enough_named_faults() -> None:
    names = fault_names()

    assert len(names) >= _MINIMUM
    assert len(set(names)) == len(names)
    assert all(_NAME.fullmatch(name) for name in names), names


@pytest.mark.parametrize("name", fault_names())
def test_each_fault_wraps_the_hub_one_way_and_names_real_checks(name: str) -> None:
    fault = FAULTS[name]
    check_ids = {info.id for info in discover_checks()}

    assert fault.description.strip().endswith(".")
    assert (fault.service is None) != (fault.middleware is None)
    if fault.service is not None:
        assert issubclass(fault.service, HubService)
        assert fault.service is not HubService
    assert fault.caught_by
    assert set(fault.caught_by) <= check_ids


def test_find_fault_refuses_an_unknown_name_listing_the_catalogue() -> None:
    with pytest.raises(UsageError) as refused:
        find_fault("hub-on-fire")

    assert "'hub-on-fire'" in str(refused.value)
    assert "acknowledgement-lost" in str(refused.value)


def test_embedded_hub_refuses_an_unknown_fault(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        EmbeddedHub(tmp_path, fault="hub-on-fire")


def test_embedded_hub_runs_the_fault_service(tmp_path: Path) -> None:
    hub = EmbeddedHub(tmp_path, fault="acknowledgement-lost")
    try:
        assert isinstance(hub.service, FAULTS["acknowledgement-lost"].service_class())
        assert hub.fault is FAULTS["acknowledgement-lost"]
    finally:
        hub.stop()


def test_docs_fault_list_matches_the_catalogue() -> None:
    text = _DOCS.read_text(encoding="utf-8")
    begin = text.index(FAULTS_BEGIN) + len(FAULTS_BEGIN)
    end = text.index(FAULTS_END)

    in_docs = text[begin:end].strip()

    expected = faults_markdown(FAULTS.values())
    assert in_docs == expected, (
        "docs/faults.md fault list is stale; replace it with the output of: "
        "python -c 'from conformance.hub.faults import FAULTS, faults_markdown; "
        "print(faults_markdown(FAULTS.values()))'"
    )
