"""The profile schema accepts the examples and has teeth: order, presence, types."""

from __future__ import annotations

import copy

import pytest
from lxml import etree

from conformance.certificate import profile_schema, to_element
from conformance.certificate.examples import EXAMPLES, full_851, minimal_851
from conformance.certificate.profile import PROFILE_SCHEMA_FILES, profile_schema_text
from conformance.errors import ConfigError
from conformance.namespaces import CERTIFICATE_PREFIXES, RAM, RSM, UDT

NS = CERTIFICATE_PREFIXES


def _find(root: etree._Element, path: str) -> etree._Element:
    found = root.find(path, NS)
    assert found is not None, path
    return found


def _rejected(root: etree._Element) -> str:
    schema = profile_schema()
    assert not schema.validate(root)
    return str(schema.error_log)


def test_profile_schema_is_compiled_once() -> None:
    assert profile_schema() is profile_schema()


def test_schema_files_declare_their_namespace_qualified() -> None:
    targets = {}
    for name in PROFILE_SCHEMA_FILES:
        schema = etree.fromstring(profile_schema_text(name))
        assert schema.get("elementFormDefault") == "qualified"
        targets[name] = schema.get("targetNamespace")

    assert set(targets.values()) == {RSM, RAM, UDT}


def test_unknown_schema_file_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="'other.xsd'"):
        profile_schema_text("other.xsd")


@pytest.mark.parametrize("stem", sorted(EXAMPLES))
def test_examples_are_valid(stem: str) -> None:
    root = to_element(EXAMPLES[stem]())

    assert profile_schema().validate(root), profile_schema().error_log


def test_out_of_order_siblings_are_rejected() -> None:
    root = to_element(minimal_851())
    consignment = _find(root, "rsm:SPSConsignment")
    export = _find(consignment, "ram:ExportSPSCountry")
    consignment.remove(export)
    consignment.insert(0, export)  # before the consignor, like the IPPC sample

    assert "ExportSPSCountry" in _rejected(root)


def test_classification_before_notes_is_rejected() -> None:
    root = to_element(full_851())
    line = _find(root, ".//ram:IncludedSPSTradeLineItem")
    classification = _find(line, "ram:ApplicableSPSClassification")
    note = _find(line, "ram:AdditionalInformationSPSNote")
    line.remove(classification)
    note.addprevious(classification)

    assert "AdditionalInformationSPSNote" in _rejected(root)


@pytest.mark.parametrize(
    "path",
    [
        "rsm:SPSExchangedDocument/ram:ID",
        "rsm:SPSExchangedDocument/ram:IssueDateTime",
        "rsm:SPSExchangedDocument/ram:SignatorySPSAuthentication",
        "rsm:SPSConsignment/ram:ExportSPSCountry/ram:Name",
        "rsm:SPSConsignment/ram:ExaminationSPSEvent",
        ".//ram:IncludedSPSTradeLineItem/ram:Description",
        ".//ram:IncludedSPSTradeLineItem/ram:OriginSPSCountry",
    ],
)
def test_missing_mandatory_element_is_rejected(path: str) -> None:
    root = to_element(minimal_851())
    element = _find(root, path)
    parent = element.getparent()
    assert parent is not None
    parent.remove(element)

    _rejected(root)


@pytest.mark.parametrize("bad", ["1e3", "10 kg", "", "12,5", "NULL"])
def test_bad_decimal_in_a_measure_is_rejected(bad: str) -> None:
    root = to_element(full_851())
    _find(root, ".//ram:NetWeightMeasure").text = bad

    assert "NetWeightMeasure" in _rejected(root)


def test_bad_decimal_in_sequence_numeric_is_rejected() -> None:
    root = to_element(minimal_851())
    _find(root, ".//ram:SequenceNumeric").text = "one"

    assert "SequenceNumeric" in _rejected(root)


@pytest.mark.parametrize("bad", ["QUJD!", "QUJ", "not base64 at all"])
def test_bad_base64_attachment_is_rejected(bad: str) -> None:
    root = to_element(full_851())
    _find(root, ".//ram:AttachmentBinaryObject").text = bad

    assert "AttachmentBinaryObject" in _rejected(root)


def test_element_in_the_wrong_namespace_is_rejected() -> None:
    root = to_element(minimal_851())
    document_id = _find(root, "rsm:SPSExchangedDocument/ram:ID")
    document_id.tag = f"{{{RSM}}}ID"

    _rejected(root)


def test_text_where_a_date_time_string_is_expected_is_rejected() -> None:
    root = to_element(minimal_851())
    issued = _find(root, "rsm:SPSExchangedDocument/ram:IssueDateTime")
    for child in list(issued):
        issued.remove(child)
    issued.text = "2024-05-02"

    _rejected(root)


def test_code_list_membership_is_left_to_the_validator() -> None:
    root = to_element(minimal_851())
    _find(root, "rsm:SPSExchangedDocument/ram:TypeCode").text = "852"
    _find(root, "rsm:SPSConsignment/ram:ExportSPSCountry/ram:ID").text = "ZZ"

    assert profile_schema().validate(copy.deepcopy(root))
