"""Versioned code lists of the ePhyto certificate, loaded once from package data.

Each file in ``data/codelists`` is ``{"list", "version", "source", "codes"}`` with
``codes`` mapping a code to its label; a few carry one more table (unit kinds,
note-subject levels).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal

from conformance.errors import ConfigError, UsageError

__all__ = [
    "CODELIST_NAMES",
    "CodeList",
    "NoteLevel",
    "NoteSubject",
    "UnitKind",
    "classification_systems",
    "codelist",
    "codelist_version",
    "countries",
    "document_types",
    "languages",
    "locodes",
    "note_subject",
    "note_subjects",
    "package_types",
    "relationship_types",
    "status_codes",
    "transport_modes",
    "treatment_characteristics",
    "unit_kind",
    "units",
]

_PACKAGE = "conformance.certificate.data.codelists"

CODELIST_NAMES = (
    "countries",
    "units",
    "package_types",
    "transport_modes",
    "document_types",
    "status_codes",
    "note_subjects",
    "treatment_characteristics",
    "classification_systems",
    "relationship_types",
    "languages",
    "locodes",
)
"""The names accepted by :func:`codelist` (file names without ``.json``)."""

UnitKind = Literal[
    "weight", "volume", "temperature", "duration", "concentration", "area",
    "distance", "count",
]  # fmt: skip
NoteLevel = Literal["document", "trade-line"]


@dataclass(frozen=True, slots=True)
class CodeList:
    """One code list: its name, version, source and ``code -> label`` table."""

    name: str
    version: str
    source: str
    codes: Mapping[str, str]
    extra: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class NoteSubject:
    """A note subject code: its level and the kind of content it carries."""

    code: str
    label: str
    level: NoteLevel
    content: str


@functools.cache
def codelist(name: str) -> CodeList:
    """The code list ``name`` (see :data:`CODELIST_NAMES`), read once per process.

    Raises :class:`UsageError` for an unknown name and :class:`ConfigError` when
    the packaged file is missing or malformed.
    """
    if name not in CODELIST_NAMES:
        raise UsageError(
            f"unknown code list {name!r}; choose one of {', '.join(CODELIST_NAMES)}"
        )
    try:
        raw = resources.files(_PACKAGE).joinpath(f"{name}.json").read_text("utf-8")
        data = json.loads(raw)
        codes = {str(code): str(label) for code, label in data["codes"].items()}
        extra = {k: v for k, v in data.items() if k not in _BASE_KEYS}
        return CodeList(
            name=name,
            version=str(data["version"]),
            source=str(data["source"]),
            codes=MappingProxyType(codes),
            extra=MappingProxyType(extra),
        )
    except (OSError, ValueError, KeyError, AttributeError) as err:
        raise ConfigError(
            f"code list file {name}.json in {_PACKAGE} cannot be read: {err!r}; "
            "reinstall ephyto-conformance"
        ) from err


_BASE_KEYS = frozenset({"list", "version", "source", "codes"})


def codelist_version(name: str) -> str:
    """The version string of code list ``name``."""
    return codelist(name).version


def _codes(name: str) -> frozenset[str]:
    return frozenset(codelist(name).codes)


def countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2 country codes (plus ``XK``, used by some NPPOs)."""
    return _codes("countries")


@functools.cache
def units(kind: UnitKind | None = None) -> frozenset[str]:
    """UN/ECE Rec 20 unit codes met in ePhyto, optionally only those of ``kind``."""
    if kind is None:
        return _codes("units")
    kinds: Mapping[str, str] = codelist("units").extra["kinds"]
    if kind not in set(kinds.values()):
        raise UsageError(
            f"unknown unit kind {kind!r}; choose one of {sorted(set(kinds.values()))}"
        )
    return frozenset(code for code, k in kinds.items() if k == kind)


def unit_kind(code: str) -> str | None:
    """The kind (``weight``, ``volume`` ...) of unit ``code``, ``None`` if unknown."""
    kinds: Mapping[str, str] = codelist("units").extra["kinds"]
    return kinds.get(code)


def package_types() -> frozenset[str]:
    """UN/ECE Rec 21 package type codes (the subset common in ePhyto)."""
    return _codes("package_types")


def transport_modes() -> frozenset[str]:
    """UN/ECE Rec 19 transport mode codes ``0`` to ``9``."""
    return _codes("transport_modes")


def document_types() -> frozenset[str]:
    """Document type codes ePhyto accepts: ``851`` and ``657``."""
    return _codes("document_types")


def status_codes() -> frozenset[str]:
    """UN/EDIFACT 4405 status codes used for ePhyto (``70`` issued, ``40`` ...)."""
    return _codes("status_codes")


@functools.cache
def _note_subjects() -> Mapping[str, NoteSubject]:
    table = codelist("note_subjects")
    subjects: Mapping[str, Mapping[str, str]] = table.extra["subjects"]
    return MappingProxyType(
        {
            code: NoteSubject(
                code=code,
                label=label,
                level="document"
                if subjects[code]["level"] == "document"
                else "trade-line",
                content=subjects[code]["content"],
            )
            for code, label in table.codes.items()
        }
    )


@functools.cache
def note_subjects(level: NoteLevel | None = None) -> frozenset[str]:
    """Note subject codes, all or those of ``level`` (``document``/``trade-line``)."""
    if level not in (None, "document", "trade-line"):
        raise UsageError(
            f"unknown note level {level!r}; choose 'document' or 'trade-line'"
        )
    return frozenset(
        code
        for code, subject in _note_subjects().items()
        if level is None or subject.level == level
    )


def note_subject(code: str) -> NoteSubject | None:
    """The description of note subject ``code``, ``None`` if unknown."""
    return _note_subjects().get(code)


def treatment_characteristics() -> frozenset[str]:
    """Treatment characteristic codes (``TTL1``, ``TTCH``, ``TTFT`` ...)."""
    return _codes("treatment_characteristics")


def classification_systems() -> frozenset[str]:
    """Classification system names: ``HS``, ``IPPCPCVP``, ``IPPCPCC``."""
    return _codes("classification_systems")


def relationship_types() -> frozenset[str]:
    """Referenced-document relationship codes: ``AWR`` and ``ZZZ``."""
    return _codes("relationship_types")


def languages() -> frozenset[str]:
    """ISO 639-1 language codes (lower case subset) for ``@languageID``."""
    return _codes("languages")


def locodes() -> frozenset[str]:
    """A small set of UN/LOCODEs for locations of issue and points of entry."""
    return _codes("locodes")
