"""The public surface of ``conformance.generate`` is what the suite relies on."""

from __future__ import annotations

from conformance import generate


def test_public_names_are_exported() -> None:
    expected = {
        "certificates",
        "envelope_for",
        "INVALID_KINDS",
        "InvalidKind",
        "InvalidCertificate",
        "invalid_certificates",
        "large_certificates",
        "bulk_certificate",
        "bulk_envelope",
        "corpus",
    }

    assert expected <= set(generate.__all__)
    assert all(hasattr(generate, name) for name in generate.__all__)
