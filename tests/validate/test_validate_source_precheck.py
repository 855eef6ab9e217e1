"""The code-list layer's look at the source bytes never hides a finding."""

from __future__ import annotations

import pytest

from conformance.certificate import to_xml
from conformance.certificate.examples import full_851
from conformance.validate import validate_certificate

_SPELLINGS = [
    # (replace in the source, by, the rule expected once)
    ('unitCode="KGM"', 'unitCode="KGS"', "EPH-MAP-002"),
    ('unitCode="KGM"', "unitCode='KGS'", "EPH-MAP-002"),
    ('unitCode="KGM"', 'unitCode = "KGS"', "EPH-MAP-002"),
    ('unitCode="KGM"', 'unitCode="&#75;GS"', "EPH-MAP-002"),
    ('languageID="en"', 'languageID="EN"', "EPH-MAP-007"),
    ('languageID="en"', "languageID='zz'", "EPH-MAP-006"),
]


def _source() -> str:
    return to_xml(full_851()).decode("utf-8")


@pytest.mark.parametrize("as_text", [False, True], ids=["bytes", "text"])
@pytest.mark.parametrize(("old", "new", "rule_id"), _SPELLINGS)
def test_validate_source_precheck_keeps_attribute_findings(
    old: str, new: str, rule_id: str, as_text: bool
) -> None:
    source = _source()
    assert old in source
    changed = source.replace(old, new, 1)
    data: bytes | str = changed if as_text else changed.encode("utf-8")

    rule_ids = [f.rule_id for f in validate_certificate(data)]

    assert rule_ids.count(rule_id) == 1


@pytest.mark.parametrize(
    ("text", "rule_id"),
    [
        ("NULL", "EPH-MAP-010"),
        ("&#78;ULL", "EPH-MAP-010"),
        ("a &amp;amp; b", "EPH-MAP-013"),
    ],
)
def test_validate_source_precheck_keeps_text_findings(text: str, rule_id: str) -> None:
    source = _source()
    start = source.index("<ram:Description")
    start = source.index(">", start) + 1
    end = source.index("</ram:Description>", start)
    changed = (source[:start] + text + source[end:]).encode("utf-8")

    rule_ids = [f.rule_id for f in validate_certificate(changed)]

    assert rule_id in rule_ids


def test_validate_source_precheck_accepts_plain_known_codes() -> None:
    rule_ids = [f.rule_id for f in validate_certificate(_source().encode("utf-8"))]

    assert not [
        r for r in rule_ids if r in ("EPH-MAP-002", "EPH-MAP-006", "EPH-MAP-007")
    ]
