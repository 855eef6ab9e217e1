"""Drawing the document part: signatory, document-level notes, referenced documents."""

from __future__ import annotations

import base64
from datetime import datetime

from hypothesis import strategies as st

from conformance.certificate import codelists
from conformance.certificate.model import (
    Attachment,
    Authentication,
    Clause,
    Location,
    Note,
    ReferencedDocument,
    Text,
)
from conformance.generate._draw import Draw, before, stamp, text
from conformance.generate._people import person_name, place_name
from conformance.generate.values import (
    ATTACHMENT_KINDS,
    DECLARATIONS,
    DISTINGUISHING_MARKS,
    OFFICER_NAMES,
    PLACE_NAMES,
    REPLACEMENT_REASONS,
)

__all__ = ["document_notes", "referenced_documents", "signatory"]


def signatory(
    draw: Draw, type_code: str, export: str, issued: datetime
) -> Authentication:
    """The signatory: place of issue, officer, clauses (one for a 657)."""
    locodes = sorted(code for code in codelists.locodes() if code[:2] == export)
    with_locode = draw(st.booleans())
    locode = draw(st.sampled_from(locodes)) if locodes and with_locode else None
    clauses = [Clause("1")]
    if type_code == "851" and draw(st.booleans()):
        clauses.append(Clause("2"))
    place = draw(st.sampled_from(PLACE_NAMES)) if draw(st.booleans()) else None
    officer = draw(st.sampled_from(OFFICER_NAMES)) if draw(st.booleans()) else None
    return Authentication(
        issue_location=Location(place or place_name(draw), locode),
        officer_name=officer or person_name(draw),
        clauses=clauses,
        # Signed at issue: an empty signing moment is an EPH-BR-014 finding.
        actual_date_time=stamp(issued),
    )


def document_notes(draw: Draw, issued: datetime) -> list[Note]:
    """Document-level notes; on some draws the four replacement notes."""
    notes: list[Note] = []
    if draw(st.booleans()):
        notes.append(Note("SPSFL", [Text("5")]))
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        notes.append(Note("ADEDL", [text(draw, DECLARATIONS)]))
    if draw(st.booleans()):
        notes.append(Note("ADIPEDL", [Text(f"IP-{draw(st.integers(1, 99_999))}")]))
    if draw(st.booleans()):
        inspected = before(draw, issued, max_days=7)
        notes.append(Note("ADDIEDL", [Text(inspected.date().isoformat())]))
    if draw(st.booleans()):
        notes.append(Note("ADAOEDL", [text(draw, DECLARATIONS)]))
    if draw(st.booleans()):
        notes.append(Note("DMCL", [Text(draw(st.sampled_from(DISTINGUISHING_MARKS)))]))
    if draw(st.integers(min_value=0, max_value=3)) == 0:
        replaced = before(draw, issued, max_days=60)
        notes += [
            Note("ADRP", [Text("4")]),
            Note("ADRPN", [Text(f"RP-{draw(st.integers(1, 999_999)):06d}")]),
            Note("ADRPR", [text(draw, REPLACEMENT_REASONS)]),
            Note("ADRD", [Text(stamp(replaced))]),
        ]
    return notes


def referenced_documents(
    draw: Draw, type_code: str, issued: datetime, original_number: str
) -> list[ReferencedDocument]:
    """The AWR original certificate for a 657, then zero to two attachments."""
    documents: list[ReferencedDocument] = []
    if type_code == "657":
        documents.append(
            ReferencedDocument(
                relationship_type_code="AWR",
                id=original_number,
                issue_date_time=stamp(before(draw, issued, max_days=90)),
                type_code=draw(st.sampled_from((None, "851"))),
                information=Text("Original phytosanitary certificate", "en"),
            )
        )
    for index in range(draw(st.integers(min_value=0, max_value=2))):
        mime, extension, label = draw(st.sampled_from(ATTACHMENT_KINDS))
        payload = draw(st.binary(min_size=1, max_size=48))
        documents.append(
            ReferencedDocument(
                relationship_type_code="ZZZ",
                id=f"ATT-{index + 1}",
                attachment=Attachment(
                    base64.b64encode(payload).decode("ascii"),
                    filename=f"attachment-{index + 1}.{extension}",
                    mime_code=mime,
                ),
                information=Text(label, "en"),
            )
        )
    return documents
