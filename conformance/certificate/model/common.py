"""Small records shared by the document and the consignment parts of a certificate."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import datetime

from conformance.errors import UsageError

__all__ = [
    "Address",
    "Attachment",
    "Country",
    "CountrySubdivision",
    "Location",
    "Measure",
    "Note",
    "Party",
    "PartyIdentifier",
    "Text",
    "format_date_time",
]


@dataclass(slots=True)
class Text:
    """A text that may carry ``@languageID`` (ISO 639-1), e.g. a description."""

    value: str
    language: str | None = None


@dataclass(slots=True)
class Measure:
    """A decimal written as given (``"100.0000"``) with an optional ``@unitCode``."""

    value: str
    unit: str | None = None


@dataclass(slots=True)
class Note:
    """A coded note: ``Subject`` from the note-subject list, one or more ``Content``."""

    subject: str
    contents: list[Text] = field(default_factory=list)


@dataclass(slots=True)
class Location:
    """A location: ``ID`` (UN/LOCODE, optional) then ``Name``."""

    name: str
    id: str | None = None


@dataclass(slots=True)
class Address:
    """``SpecifiedSPSAddress``: one to five lines, written as LineOne ... LineFive."""

    lines: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PartyIdentifier:
    """A party ``TypeCode`` used as an identifier, e.g. a national registration."""

    value: str
    list_name: str | None = None


@dataclass(slots=True)
class Party:
    """Consignor or consignee: name, identifiers and an optional address."""

    name: str
    identifiers: list[PartyIdentifier] = field(default_factory=list)
    address: Address | None = None


@dataclass(slots=True)
class CountrySubdivision:
    """``SubordinateSPSCountrySubDivision``: the place of origin inside a country."""

    name: Text
    hierarchical_level_code: str | None = None


@dataclass(slots=True)
class Country:
    """A country: ISO 3166-1 alpha-2 ``ID``, ``Name`` (expected empty), subdivision."""

    id: str
    name: str = ""
    subdivision: CountrySubdivision | None = None


@dataclass(slots=True)
class Attachment:
    """``AttachmentBinaryObject``: base64 text as written, ``@filename``, ``@mimeCode``."""

    content: str
    filename: str | None = None
    mime_code: str | None = None

    @classmethod
    def from_bytes(
        cls, data: bytes, *, filename: str | None = None, mime_code: str | None = None
    ) -> Attachment:
        """An attachment holding ``data`` encoded as base64."""
        return cls(base64.b64encode(data).decode("ascii"), filename, mime_code)


def format_date_time(moment: datetime) -> str:
    """Format an aware ``moment`` as ISO 8601 with offset, e.g. ``2024-05-01T10:00:00+02:00``.

    Raises :class:`UsageError` for a naive datetime: ePhyto date-times carry an offset.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise UsageError(
            f"format_date_time needs an aware datetime, got naive {moment!r}; "
            "attach a timezone, e.g. moment.replace(tzinfo=timezone.utc)"
        )
    return moment.isoformat(timespec="seconds")
