"""Certificate generators: valid ones by construction, and catalogued invalid ones."""

from __future__ import annotations

from conformance.generate.envelopes import CONTENT_ENCODINGS, envelope_for, envelopes
from conformance.generate.invalid import (
    INVALID_KINDS,
    InvalidCertificate,
    InvalidKind,
    invalid_certificates,
)
from conformance.generate.strategies import certificates

__all__ = [
    "CONTENT_ENCODINGS",
    "INVALID_KINDS",
    "InvalidCertificate",
    "InvalidKind",
    "certificates",
    "envelope_for",
    "envelopes",
    "invalid_certificates",
]
