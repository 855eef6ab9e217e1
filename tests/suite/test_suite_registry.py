"""The check registry: ids are unique and well-formed; declarations are checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conformance.errors import UsageError
from conformance.suite.registry import (
    CHECK_ID,
    CheckInfo,
    check,
    check_info,
    discover_checks,
    ensure_unique,
)

_DECISIONS = Path(__file__).resolve().parents[2] / "docs" / "hub-decisions.md"


def test_discovered_check_ids_are_unique_and_well_formed() -> None:
    checks = discover_checks()

    ids = [info.id for info in checks]
    assert len(ids) >= 20
    assert len(ids) == len(set(ids))
    assert all(CHECK_ID.fullmatch(check_id) for check_id in ids)
    assert all(info.title.strip() and info.requirement.strip() for info in checks)


def test_every_area_of_the_suite_has_checks() -> None:
    checks = discover_checks()

    areas = {info.module.rsplit(".", 1)[-1] for info in checks}

    assert {
        "check_delivery",
        "check_routing",
        "check_acknowledgement",
        "check_tracking",
        "check_validation",
        "check_security",
        "check_directory",
        "check_samples",
    } <= areas


def test_decisions_named_in_requirements_exist() -> None:
    decisions = set(re.findall(r"^\| (D\d+) \|", _DECISIONS.read_text(), re.MULTILINE))

    named = {
        decision
        for info in discover_checks()
        for decision in re.findall(r"\bD\d+\b", info.requirement)
    }

    assert named
    assert named <= decisions


@pytest.mark.parametrize("bad_id", ["HUB-ROUTE-1", "hub-route-001", "ROUTE001", ""])
def test_malformed_id_is_refused(bad_id: str) -> None:
    with pytest.raises(UsageError, match="AREA-TOPIC-NNN"):
        check(bad_id, title="t", requirement="r")


def test_empty_requirement_is_refused() -> None:
    with pytest.raises(UsageError, match="requirement"):
        check("HUB-TEST-001", title="a title", requirement=" ")


def test_declaration_is_readable_from_the_function() -> None:
    @check("HUB-TEST-001", title="A title", requirement="D1")
    def probe() -> None:
        """A stand-in check."""

    info = check_info(probe)

    assert info is not None
    assert (info.id, info.title, info.requirement) == ("HUB-TEST-001", "A title", "D1")


def test_duplicate_ids_are_refused() -> None:
    first = CheckInfo("HUB-TEST-001", "one", "D1", "m", "f")
    second = CheckInfo("HUB-TEST-001", "two", "D2", "m", "g")

    with pytest.raises(UsageError, match="declared twice"):
        ensure_unique([first, second])
