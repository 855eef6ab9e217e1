"""``rsm:SPSExchangedDocument``: the certificate header part of the body."""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance.certificate.model.common import Attachment, Location, Note, Text

__all__ = [
    "Authentication",
    "Clause",
    "ExchangedDocument",
    "ReferencedDocument",
]


@dataclass(slots=True)
class Clause:
    """``IncludedSPSClause``: a certifying statement number; ``Content`` expected empty."""

    id: str
    content: str = ""


@dataclass(slots=True)
class Authentication:
    """``SignatorySPSAuthentication``: where, by whom and under which statements."""

    issue_location: Location
    officer_name: str
    clauses: list[Clause] = field(default_factory=lambda: [Clause("1")])
    actual_date_time: str = ""
    provider_name: str = ""


@dataclass(slots=True)
class ReferencedDocument:
    """``ReferenceSPSReferencedDocument``: an attachment (ZZZ) or original PC (AWR)."""

    relationship_type_code: str
    id: str
    issue_date_time: str | None = None
    type_code: str | None = None
    attachment: Attachment | None = None
    information: Text | None = None


@dataclass(slots=True)
class ExchangedDocument:
    """The document part: number, type, status, issue date, issuer and signatory.

    ``type_code`` and ``status_code`` are kept as the text written (``"851"``,
    ``"70"``); date-times are strings exactly as they will be written.
    """

    id: str
    type_code: str
    status_code: str
    issue_date_time: str
    issuer_name: str
    signatory: Authentication
    notes: list[Note] = field(default_factory=list)
    referenced_documents: list[ReferencedDocument] = field(default_factory=list)
    name: str = ""
