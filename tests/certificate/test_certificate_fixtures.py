"""The fixture files never drift from the examples and stay schema-valid."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conformance.certificate import profile_schema, to_xml
from conformance.certificate.examples import EXAMPLES

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "certificates"


def test_every_example_has_a_fixture_and_no_fixture_is_orphaned() -> None:
    assert {path.stem for path in FIXTURES.glob("*.xml")} == set(EXAMPLES)


@pytest.mark.parametrize("stem", sorted(EXAMPLES))
def test_fixture_matches_its_model_byte_for_byte(stem: str) -> None:
    expected = (FIXTURES / f"{stem}.xml").read_bytes()

    assert to_xml(EXAMPLES[stem]()) == expected


@pytest.mark.parametrize("stem", sorted(EXAMPLES))
def test_fixture_is_valid_against_the_profile_schema(stem: str) -> None:
    root = etree.fromstring((FIXTURES / f"{stem}.xml").read_bytes())

    assert profile_schema().validate(root), profile_schema().error_log


def test_examples_return_fresh_copies() -> None:
    first = EXAMPLES["minimal-851"]()
    first.document.id = "changed"

    assert EXAMPLES["minimal-851"]().document.id != "changed"
