"""The builder writes B1 sequence order, escapes correctly and keeps E elements."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from conformance.certificate import (
    Address,
    Attachment,
    ReferencedDocument,
    Text,
    to_element,
    to_xml,
)
from conformance.certificate.examples import EXAMPLES, full_851, minimal_851
from conformance.certificate.profile import profile_schema_text
from conformance.errors import UsageError
from conformance.namespaces import CERTIFICATE_PREFIXES, RAM, RSM, UDT

XSD = "{http://www.w3.org/2001/XMLSchema}"
NAMESPACE_OF_FILE = {
    "ephyto-profile.xsd": RSM,
    "ephyto-profile-ram.xsd": RAM,
    "ephyto-profile-udt.xsd": UDT,
}

# Characters XML 1.0 can carry, plus the ones that need escaping.
xml_texts = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc", "Cn"), whitelist_characters="\t\n\r&<>\"'"
    ),
    max_size=40,
)


def _sequences() -> dict[str, list[tuple[str, str]]]:
    """Complex type name -> its sequence of (child element QName, child type)."""
    sequences: dict[str, list[tuple[str, str]]] = {}
    for name, namespace in NAMESPACE_OF_FILE.items():
        schema = etree.fromstring(profile_schema_text(name))
        for complex_type in schema.iter(f"{XSD}complexType"):
            children = complex_type.findall(f"{XSD}sequence/{XSD}element")
            sequences[complex_type.get("name", "")] = [
                (f"{{{namespace}}}{child.get('name')}", child.get("type", ""))
                for child in children
            ]
    return sequences


SEQUENCES = _sequences()


def _order_errors(element: etree._Element, type_name: str) -> list[str]:
    sequence = SEQUENCES.get(type_name)
    if sequence is None:
        return []
    names = [qname for qname, _ in sequence]
    errors = []
    position = 0
    for child in element:
        if child.tag not in names:
            errors.append(f"{child.tag} not allowed in {type_name}")
            continue
        index = names.index(child.tag)
        if index < position:
            errors.append(f"{child.tag} out of order in {type_name}")
        position = index
        errors += _order_errors(child, sequence[index][1].split(":")[1])
    return errors


def test_full_certificate_children_follow_the_xsd_sequence() -> None:
    root = to_element(full_851())

    errors = _order_errors(root, "SPSCertificateType")

    assert errors == []
    assert len(list(root.iter())) > 150  # the walk really covered the tree


@pytest.mark.parametrize("stem", sorted(EXAMPLES))
def test_every_example_follows_the_xsd_sequence(stem: str) -> None:
    assert _order_errors(to_element(EXAMPLES[stem]()), "SPSCertificateType") == []


def test_xml_has_declaration_and_prefixes_declared_once_on_the_root() -> None:
    data = to_xml(minimal_851())

    root = etree.fromstring(data)

    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert root.tag == f"{{{RSM}}}SPSCertificate"
    assert root.nsmap == CERTIFICATE_PREFIXES
    assert data.count(b"xmlns:") == 3


def test_expected_empty_elements_are_written_empty() -> None:
    root = to_element(minimal_851())
    ns = CERTIFICATE_PREFIXES

    for path in (
        "rsm:SPSExchangedDocument/ram:Name",
        "rsm:SPSExchangedDocument/ram:SignatorySPSAuthentication"
        + "/ram:ProviderSPSParty/ram:Name",
        "rsm:SPSConsignment/ram:ExportSPSCountry/ram:Name",
        "rsm:SPSConsignment/ram:ImportSPSCountry/ram:Name",
        "rsm:SPSConsignment/ram:ExaminationSPSEvent/ram:OccurrenceSPSLocation/ram:Name",
    ):
        found = root.find(path, ns)
        assert found is not None, path
        assert found.text is None, path


@settings(max_examples=60)
@given(value=xml_texts, attribute=xml_texts)
def test_special_characters_round_trip(value: str, attribute: str) -> None:
    certificate = minimal_851()
    certificate.consignment.consignor.name = value
    certificate.consignment.items[0].trade_lines[0].descriptions = [
        Text(value, attribute)
    ]
    certificate.document.referenced_documents = [
        ReferencedDocument(
            "ZZZ", "A-1", attachment=Attachment("QUJD", filename=attribute)
        )
    ]

    root = to_element(certificate)

    ns = CERTIFICATE_PREFIXES
    consignor = root.find("rsm:SPSConsignment/ram:ConsignorSPSParty/ram:Name", ns)
    description = root.find(".//ram:Description", ns)
    attachment = root.find(".//ram:AttachmentBinaryObject", ns)
    assert consignor is not None and description is not None
    assert attachment is not None
    assert (consignor.text or "") == value
    assert (description.text or "") == value
    assert description.get("languageID") == attribute
    assert attachment.get("filename") == attribute


def test_markup_in_values_is_escaped_not_interpreted() -> None:
    certificate = minimal_851()
    certificate.consignment.consignor.name = "<ram:Name>x</ram:Name> & \"q\" 'a'"

    data = to_xml(certificate)

    assert b"&lt;ram:Name&gt;x&lt;/ram:Name&gt; &amp; " in data
    consignor = etree.fromstring(data).find(
        "rsm:SPSConsignment/ram:ConsignorSPSParty", CERTIFICATE_PREFIXES
    )
    assert consignor is not None and len(consignor) == 1


def test_values_are_written_as_given_even_when_invalid() -> None:
    certificate = minimal_851()
    certificate.document.issue_date_time = "2022-01-21T15:49:40"
    certificate.document.type_code = ""

    root = to_element(certificate)

    ns = CERTIFICATE_PREFIXES
    assert root.findtext(".//udt:DateTimeString", namespaces=ns) == (
        "2022-01-21T15:49:40"
    )
    assert root.find("rsm:SPSExchangedDocument/ram:TypeCode", ns) is not None


def test_address_with_six_lines_is_refused() -> None:
    certificate = minimal_851()
    certificate.consignment.consignee.address = Address(["l"] * 6)

    with pytest.raises(UsageError, match="6 lines"):
        to_xml(certificate)
