"""The certificate validator, also behind the reference hub's ValidatePhytoXML."""

from __future__ import annotations

from conformance.validate.options import ValidationOptions
from conformance.validate.rules import RULES, Rule, finding
from conformance.validate.safe import ParsedDocument, parse_untrusted
from conformance.validate.validator import (
    validate_certificate,
    validate_decoded,
    validate_envelope,
)

__all__ = [
    "RULES",
    "ParsedDocument",
    "Rule",
    "ValidationOptions",
    "finding",
    "parse_untrusted",
    "validate_certificate",
    "validate_decoded",
    "validate_envelope",
]
