"""Certificate generators: valid ones by construction, and catalogued invalid ones."""

from __future__ import annotations

from conformance.generate.bulk import bulk_certificate, bulk_envelope
from conformance.generate.corpus import CorpusItem, corpus, invalid_bulk_certificate
from conformance.generate.envelopes import (
    CONTENT_ENCODINGS,
    CdataContent,
    envelope_for,
    envelopes,
)
from conformance.generate.invalid import (
    BULK_KINDS,
    INVALID_KINDS,
    InvalidCertificate,
    InvalidKind,
    invalid_certificates,
)
from conformance.generate.large import LARGE_SETTINGS, large_certificates
from conformance.generate.strategies import certificates

__all__ = [
    "BULK_KINDS",
    "CONTENT_ENCODINGS",
    "INVALID_KINDS",
    "LARGE_SETTINGS",
    "CdataContent",
    "CorpusItem",
    "InvalidCertificate",
    "InvalidKind",
    "bulk_certificate",
    "bulk_envelope",
    "certificates",
    "corpus",
    "envelope_for",
    "envelopes",
    "invalid_bulk_certificate",
    "invalid_certificates",
    "large_certificates",
]
