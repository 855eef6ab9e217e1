"""Drawing certificates for the checks' NPPOs from the generator strategies."""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.certificate import Certificate
from conformance.generate import certificates
from conformance.suite.courier import Courier

__all__ = ["TYPE_CODES", "country_of", "draw_certificate"]

# The two certificate types every NPPO exchanges (D14).
TYPE_CODES = (851, 657)


def country_of(code: str) -> str | None:
    """The country a connection code stands for, when it is a bare ISO code."""
    # Connection codes may carry an instance suffix (LK2); the body needs a country.
    return code if len(code) == 2 and code.isalpha() else None


def draw_certificate(
    data: st.DataObject, courier: Courier, type_code: int
) -> Certificate:
    """A valid certificate of ``type_code`` from the exporter to the importer."""
    strategy = certificates(
        type_codes=(type_code,),
        exporter=country_of(courier.exporter.code),
        importer=country_of(courier.importer.code),
    )
    certificate: Certificate = data.draw(strategy, label="certificate")
    return certificate
