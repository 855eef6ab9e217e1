"""--schema-dir: the official UN/CEFACT set from disk, complete or refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.certificate import examples, to_xml
from conformance.errors import ConfigError
from conformance.namespaces import RAM, RSM
from conformance.validate import validate_certificate
from conformance.validate.official import official_schema
from conformance.validate.options import ValidationOptions

SHARED_XSD = Path(__file__).resolve().parents[3] / "shared" / "reference" / "sps-xsd"
XSD = "http://www.w3.org/2001/XMLSchema"


def write_set(root: Path, *, ram_location: str = "RAM_21p0.xsd") -> Path:
    """A tiny schema set in the release layout: rsm root importing a lax ram."""
    standard = root / "data" / "standard"
    standard.mkdir(parents=True)
    (standard / "SPSCertificate_17p0.xsd").write_text(
        f'<xsd:schema xmlns:xsd="{XSD}" xmlns:ram="{RAM}" targetNamespace="{RSM}"'
        ' elementFormDefault="qualified">'
        f'<xsd:import namespace="{RAM}" schemaLocation="{ram_location}"/>'
        '<xsd:element name="SPSCertificate"><xsd:complexType><xsd:sequence>'
        '<xsd:element name="SPSExchangedDocument" type="ram:AnyType"/>'
        '<xsd:element name="SPSConsignment" type="ram:AnyType"/>'
        "</xsd:sequence></xsd:complexType></xsd:element></xsd:schema>"
    )
    (standard / "RAM_21p0.xsd").write_text(
        f'<xsd:schema xmlns:xsd="{XSD}" targetNamespace="{RAM}">'
        '<xsd:complexType name="AnyType"><xsd:sequence>'
        '<xsd:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>'
        "</xsd:sequence></xsd:complexType></xsd:schema>"
    )
    return root


def test_shared_copy_without_the_ram_file_is_refused_by_name() -> None:
    if not SHARED_XSD.is_dir():
        pytest.skip(f"{SHARED_XSD} is absent (needs the shared/ checkout)")

    with pytest.raises(ConfigError) as caught:
        official_schema(SHARED_XSD)

    message = str(caught.value)
    assert "ReusableAggregateBusinessInformationEntity_21p0.xsd" in message
    assert "is missing" in message and "UN/CEFACT" in message


def test_a_complete_set_compiles_and_validates(tmp_path: Path) -> None:
    schema = official_schema(write_set(tmp_path))
    options = ValidationOptions(official_schema=schema)

    assert validate_certificate(to_xml(examples.minimal_851()), options=options) == []


def test_the_official_schema_adds_what_the_profile_does_not_say(
    tmp_path: Path,
) -> None:
    # A set that declares no SPSConsignment second: the profile is satisfied.
    root = write_set(tmp_path)
    rsm = root / "data" / "standard" / "SPSCertificate_17p0.xsd"
    rsm.write_text(rsm.read_text().replace("SPSConsignment", "SPSOther"))
    options = ValidationOptions(official_schema=official_schema(root))

    findings = validate_certificate(to_xml(examples.minimal_851()), options=options)

    assert findings and all(f.rule_id.startswith("EPH-SCH") for f in findings)
    assert findings[0].message.startswith("official UN/CEFACT schema: ")


def test_an_import_from_the_network_is_refused(tmp_path: Path) -> None:
    root = write_set(tmp_path, ram_location="https://example.org/RAM_21p0.xsd")

    with pytest.raises(ConfigError, match="never fetches schemas from the network"):
        official_schema(root)


def test_a_folder_without_the_release_layout_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SPSCertificate_17p0.xsd"):
        official_schema(tmp_path)
