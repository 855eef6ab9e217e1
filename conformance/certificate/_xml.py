"""Escaping and the leaf writers shared by the certificate XML writers.

Writers append to a list of string pieces; the caller joins once at the end.
"""

from __future__ import annotations

from conformance.certificate.model import Location, Measure, Note, Text

__all__ = [
    "escape_attr",
    "escape_text",
    "write_date_time",
    "write_leaf",
    "write_location",
    "write_measure",
    "write_note",
    "write_text",
]


def escape_text(value: str) -> str:
    """Escape a value for element content."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        # A literal CR would be normalised to LF by any parser.
        value = value.replace("\r", "&#13;")
    return value


def escape_attr(value: str) -> str:
    """Escape a value for a double-quoted attribute."""
    value = escape_text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\n" in value or "\t" in value:
        # Attribute-value normalisation would turn these into spaces.
        value = value.replace("\n", "&#10;").replace("\t", "&#9;")
    return value


def write_leaf(out: list[str], name: str, value: str) -> None:
    """Append ``ram:<name>`` holding ``value`` (an empty element when empty)."""
    if value:
        out.append(f"<ram:{name}>{escape_text(value)}</ram:{name}>")
    else:
        out.append(f"<ram:{name}/>")


def write_text(out: list[str], name: str, text: Text) -> None:
    """Append ``ram:<name>`` for a text with its optional ``@languageID``."""
    lang = (
        "" if text.language is None else f' languageID="{escape_attr(text.language)}"'
    )
    out.append(f"<ram:{name}{lang}>{escape_text(text.value)}</ram:{name}>")


def write_measure(out: list[str], name: str, measure: Measure) -> None:
    """Append a measure with its optional ``@unitCode``."""
    unit = "" if measure.unit is None else f' unitCode="{escape_attr(measure.unit)}"'
    out.append(f"<ram:{name}{unit}>{escape_text(measure.value)}</ram:{name}>")


def write_date_time(out: list[str], name: str, value: str) -> None:
    """Append ``ram:<name>`` wrapping a ``udt:DateTimeString``."""
    if value:
        inner = f"<udt:DateTimeString>{escape_text(value)}</udt:DateTimeString>"
    else:
        inner = "<udt:DateTimeString/>"
    out.append(f"<ram:{name}>{inner}</ram:{name}>")


def write_location(out: list[str], name: str, location: Location) -> None:
    """Append a location: optional ``ID`` then ``Name``."""
    out.append(f"<ram:{name}>")
    if location.id is not None:
        write_leaf(out, "ID", location.id)
    write_leaf(out, "Name", location.name)
    out.append(f"</ram:{name}>")


def write_note(out: list[str], name: str, note: Note) -> None:
    """Append a note: ``Subject`` then each ``Content``."""
    out.append(f"<ram:{name}>")
    write_leaf(out, "Subject", note.subject)
    for content in note.contents:
        write_text(out, "Content", content)
    out.append(f"</ram:{name}>")
