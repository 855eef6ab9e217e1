"""The capability statement: what a national system says it does, read from a file.

A TOML or JSON file with two tables, ``import`` and ``export``; each check that
needs a capability the statement does not declare is skipped with a reason naming
the capability (``import.content_encodings``, ``export.re_export``, ...).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conformance.errors import ConfigError
from conformance.generate.envelopes import CONTENT_ENCODINGS

__all__ = [
    "DELIVERY_MODES",
    "SEVERE_ACKNOWLEDGEMENTS",
    "Capabilities",
    "ExportCapabilities",
    "ImportCapabilities",
    "load_capabilities",
]

DELIVERY_MODES = ("pull", "push")
# How the system acknowledges a readable certificate with SEVERE findings.
SEVERE_ACKNOWLEDGEMENTS = ("advanced", "failed")


@dataclass(frozen=True, slots=True)
class ImportCapabilities:
    """The ``import`` table: receiving certificates from the hub."""

    enabled: bool = True
    mode: str = "pull"
    re_export: bool = True
    replacement: bool = True
    withdrawal: bool = True
    content_encodings: tuple[str, ...] = CONTENT_ENCODINGS
    severe_findings: str = "advanced"


@dataclass(frozen=True, slots=True)
class ExportCapabilities:
    """The ``export`` table: sending certificates through the hub."""

    enabled: bool = True
    re_export: bool = True
    replacement: bool = True
    withdrawal: bool = True
    channels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Capabilities:
    """A capability statement; the default declares everything the suite tests."""

    import_: ImportCapabilities = field(default_factory=ImportCapabilities)
    export: ExportCapabilities = field(default_factory=ExportCapabilities)
    source: str = "(default: every capability)"


def load_capabilities(path: Path) -> Capabilities:
    """Read a capability statement (``.toml`` or ``.json``).

    Example::

        capabilities = load_capabilities(Path("ke-capabilities.toml"))

    Raises ``ConfigError`` when the file cannot be read, is not TOML or JSON, or
    holds an unknown key or a value of the wrong kind.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(
            f"cannot read the capability statement {str(path)!r}: {err.strerror}; "
            "check the --capabilities path"
        ) from err
    try:
        data: Any = (
            json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
        )
    except (ValueError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(
            f"capability statement {str(path)!r} is not valid "
            f"{'JSON' if path.suffix.lower() == '.json' else 'TOML'}: {err}"
        ) from err
    if not isinstance(data, dict):
        raise ConfigError(f"capability statement {str(path)!r} must be a table")
    _only(data, {"import", "export"}, "", path)
    return Capabilities(
        import_=_import(_table(data, "import", path), path),
        export=_export(_table(data, "export", path), path),
        source=str(path),
    )


def _import(table: Mapping[str, Any], path: Path) -> ImportCapabilities:
    default = ImportCapabilities()
    keys = {
        "enabled",
        "mode",
        "re_export",
        "replacement",
        "withdrawal",
        "content_encodings",
        "severe_findings",
    }
    _only(table, keys, "import.", path)
    encodings = _strings(table, "content_encodings", default.content_encodings, path)
    unknown = sorted(set(encodings) - set(CONTENT_ENCODINGS))
    if unknown:
        raise ConfigError(
            f"{str(path)!r}: import.content_encodings has unknown {unknown!r}; "
            f"use values from {', '.join(CONTENT_ENCODINGS)}"
        )
    return ImportCapabilities(
        enabled=_flag(table, "enabled", default.enabled, path, "import"),
        mode=_choice(table, "mode", DELIVERY_MODES, default.mode, path),
        re_export=_flag(table, "re_export", default.re_export, path, "import"),
        replacement=_flag(table, "replacement", default.replacement, path, "import"),
        withdrawal=_flag(table, "withdrawal", default.withdrawal, path, "import"),
        content_encodings=encodings,
        severe_findings=_choice(
            table,
            "severe_findings",
            SEVERE_ACKNOWLEDGEMENTS,
            default.severe_findings,
            path,
        ),
    )


def _export(table: Mapping[str, Any], path: Path) -> ExportCapabilities:
    default = ExportCapabilities()
    keys = {"enabled", "re_export", "replacement", "withdrawal", "channels"}
    _only(table, keys, "export.", path)
    return ExportCapabilities(
        enabled=_flag(table, "enabled", default.enabled, path, "export"),
        re_export=_flag(table, "re_export", default.re_export, path, "export"),
        replacement=_flag(table, "replacement", default.replacement, path, "export"),
        withdrawal=_flag(table, "withdrawal", default.withdrawal, path, "export"),
        channels=_strings(table, "channels", default.channels, path),
    )


def _table(data: Mapping[str, Any], name: str, path: Path) -> Mapping[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{str(path)!r}: {name!r} must be a table, not {value!r}")
    return value


def _only(table: Mapping[str, Any], keys: set[str], prefix: str, path: Path) -> None:
    unknown = sorted(set(table) - keys)
    if unknown:
        raise ConfigError(
            f"{str(path)!r}: unknown key(s) {[prefix + key for key in unknown]!r}; "
            f"known: {', '.join(prefix + key for key in sorted(keys))}"
        )


def _flag(
    table: Mapping[str, Any], key: str, default: bool, path: Path, part: str
) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(
            f"{str(path)!r}: {part}.{key} must be true or false, not {value!r}"
        )
    return value


def _choice(
    table: Mapping[str, Any],
    key: str,
    choices: tuple[str, ...],
    default: str,
    path: Path,
) -> str:
    value = table.get(key, default)
    if value not in choices:
        raise ConfigError(
            f"{str(path)!r}: import.{key} is {value!r}; use one of {', '.join(choices)}"
        )
    return str(value)


def _strings(
    table: Mapping[str, Any], key: str, default: tuple[str, ...], path: Path
) -> tuple[str, ...]:
    value = table.get(key, list(default))
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(
            f"{str(path)!r}: {key} must be a list of strings, not {value!r}"
        )
    return tuple(value)
