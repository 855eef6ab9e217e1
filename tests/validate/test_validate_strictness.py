"""--strictness: strict is the UN/CEFACT sequence, hub lets sibling order go."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from conformance.certificate import examples, to_xml
from conformance.namespaces import RAM, RSM
from conformance.validate import validate_certificate
from conformance.validate.options import ValidationOptions
from conformance.validate.strictness import to_schema_order

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "reference" / "samples"
MATTILSYNET = SAMPLES / "mattilsynet-ippc-test-851-with-attachment.xml"
HUB = ValidationOptions(strictness="hub")
NS = {"rsm": RSM, "ram": RAM}


def swapped_id_and_type() -> bytes:
    root = etree.fromstring(to_xml(examples.full_851()))
    document = root.find("rsm:SPSExchangedDocument", NS)
    assert document is not None
    type_code, first_id = document.find("ram:TypeCode", NS), document.find("ram:ID", NS)
    assert type_code is not None and first_id is not None
    first_id.addprevious(type_code)
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def test_out_of_order_siblings_fail_strict_and_pass_hub() -> None:
    xml = swapped_id_and_type()

    strict = validate_certificate(xml)
    hub = validate_certificate(xml, options=HUB)

    assert [f.rule_id for f in strict] == ["EPH-SCH-001"]
    assert hub == []


def test_reordering_keeps_source_lines_and_same_name_order() -> None:
    xml = swapped_id_and_type()
    tree = etree.fromstring(xml).getroottree()
    before = Counter((e.tag, e.sourceline) for e in tree.iter())
    id_line = tree.find("rsm:SPSExchangedDocument/ram:ID", NS).sourceline  # type: ignore[union-attr]
    notes_before = [e.sourceline for e in tree.iterfind(".//ram:IncludedSPSNote", NS)]

    to_schema_order(tree)

    document = tree.getroot()[0]
    assert etree.QName(document[1]).localname == "ID"
    assert document[1].sourceline == id_line
    assert Counter((e.tag, e.sourceline) for e in tree.iter()) == before
    assert [e.sourceline for e in tree.iterfind(".//ram:IncludedSPSNote", NS)] == (
        notes_before
    )


def test_an_element_not_allowed_in_its_parent_is_sch_005_under_hub() -> None:
    xml = to_xml(examples.full_851()).replace(
        b"<ram:ID>", b"<ram:Remark>x</ram:Remark><ram:ID>", 1
    )

    findings = validate_certificate(xml, options=HUB)

    assert [f.rule_id for f in findings] == ["EPH-SCH-005"]


def test_mattilsynet_sample_has_no_order_finding_under_hub() -> None:
    if not MATTILSYNET.exists():
        pytest.skip(f"{MATTILSYNET} is absent (needs the shared/ checkout)")
    data = MATTILSYNET.read_bytes()

    strict = Counter(f.rule_id for f in validate_certificate(data))
    hub = Counter(f.rule_id for f in validate_certificate(data, options=HUB))

    assert strict["EPH-SCH-001"] == 14
    assert hub["EPH-SCH-001"] == 0
    # What order hid: a truncated attachment and elements the profile does not
    # allow where they stand; the rest is the same in both modes.
    assert hub["EPH-SCH-004"] == 1 and hub["EPH-SCH-005"] == 3
    for rule_id in ("EPH-SCH-004", "EPH-SCH-005", "EPH-SCH-007", "EPH-BR-001"):
        assert hub[rule_id] == strict[rule_id] > 0
