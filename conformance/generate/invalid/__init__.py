"""Invalid certificates: the catalogue of kinds and the hypothesis strategy."""

from __future__ import annotations

from conformance.generate.invalid.kinds import BULK_KINDS, INVALID_KINDS, InvalidKind
from conformance.generate.invalid.strategy import (
    InvalidCertificate,
    invalid_certificates,
)

__all__ = [
    "BULK_KINDS",
    "INVALID_KINDS",
    "InvalidCertificate",
    "InvalidKind",
    "invalid_certificates",
]
