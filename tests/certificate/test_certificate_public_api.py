"""The public surface of ``conformance.certificate`` is what the other parts use."""

from __future__ import annotations

from conformance import certificate


def test_public_names_are_exported() -> None:
    expected = {
        "Certificate",
        "ExchangedDocument",
        "Consignment",
        "TradeLine",
        "Text",
        "Measure",
        "to_xml",
        "to_element",
        "profile_schema",
        "codelists",
        "format_date_time",
    }

    assert expected <= set(certificate.__all__)
    assert all(hasattr(certificate, name) for name in certificate.__all__)


def test_root_exposes_document_and_consignment_fields() -> None:
    from conformance.certificate.examples import minimal_851

    example = minimal_851()

    assert (example.document.type_code, example.document.status_code) == ("851", "70")
    assert (example.consignment.export_country, example.consignment.import_country) == (
        "NL",
        "KE",
    )
