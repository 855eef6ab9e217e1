"""Directory operations: who is on the hub and which documents they exchange."""

from __future__ import annotations

from types import MappingProxyType

from conformance.hub.entities import AllowedDocument, Nppo
from conformance.hub.store import HubStore, StoredNppo

__all__ = [
    "CERTIFICATE_STATUSES",
    "CERTIFICATE_TYPES",
    "active_nppos",
    "allowed_documents",
    "profile",
]

# D14: phytosanitary certificate and re-export certificate.
CERTIFICATE_TYPES = MappingProxyType(
    {851: "Phytosanitary Certificate", 657: "Phytosanitary Certificate for Re-export"}
)
# D14: issued and withdrawn are attested in traffic; 44 is UN/EDIFACT 4405 "replaced".
CERTIFICATE_STATUSES = MappingProxyType({70: "Issued", 40: "Withdrawn", 44: "Replaced"})


def allowed_documents() -> list[AllowedDocument]:
    """Every type and status pair a registered NPPO exchanges (D14)."""
    return [
        AllowedDocument(
            certificate_type=type_code,
            certificate_status=status_code,
            active=True,
            type_label=type_label,
            status_label=status_label,
        )
        for type_code, type_label in CERTIFICATE_TYPES.items()
        for status_code, status_label in CERTIFICATE_STATUSES.items()
    ]


def active_nppos(store: HubStore) -> list[Nppo]:
    """``GetActiveNppos``: all active NPPOs with their allowed documents."""
    return [_as_nppo(stored) for stored in store.active_nppos()]


def profile(store: HubStore, caller: str) -> Nppo:
    """``GetProfile``: the caller's own connection."""
    stored = store.nppo(caller)
    if stored is None:
        return Nppo(country=caller, allowed_documents=allowed_documents())
    return _as_nppo(stored)


def _as_nppo(stored: StoredNppo) -> Nppo:
    return Nppo(
        country=stored.code,
        receive=stored.receive,
        send=stored.send,
        allowed_documents=allowed_documents(),
    )
