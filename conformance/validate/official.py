"""``--schema-dir``: the official UN/CEFACT SPS Certificate schema set, from disk.

The set is laid out as UN/CEFACT publishes it: ``data/standard/`` holds
``SPSCertificate_17p0.xsd``, which imports the RAM, UDT and QDT modules and, through
them, ``codelist/standard`` and ``identifierlist/standard`` by relative path. Every
import is checked to exist before compiling: a missing file is a
:class:`~conformance.errors.ConfigError`, never a silently weaker schema. Nothing is
fetched from the network.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lxml import etree

from conformance.errors import ConfigError

__all__ = ["OFFICIAL_ROOT", "official_schema"]

logger = logging.getLogger(__name__)

OFFICIAL_ROOT = Path("data") / "standard" / "SPSCertificate_17p0.xsd"
"""Where the root schema sits inside a schema directory."""
_XSD = "http://www.w3.org/2001/XMLSchema"
_REFERENCES = (f"{{{_XSD}}}import", f"{{{_XSD}}}include", f"{{{_XSD}}}redefine")


class _LocalOnly(etree.Resolver):
    """Refuse every URL that is not a local file, whatever lxml is asked to load."""

    def resolve(  # type: ignore[override]
        self, system_url: str, public_id: str, context: Any
    ) -> Any:
        scheme = urlparse(system_url).scheme
        if scheme not in ("", "file") and len(scheme) != 1:  # "c:" is a drive
            raise ConfigError(
                f"schema import {system_url!r} is not a local file; the validator "
                "never fetches schemas from the network"
            )
        return None


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    parser.resolvers.add(_LocalOnly())
    return parser


def _imports(schema_file: Path, parser: etree.XMLParser) -> list[Path]:
    """Files that ``schema_file`` imports or includes, resolved against its folder."""
    try:
        root = etree.parse(str(schema_file), parser).getroot()
    except (OSError, etree.XMLSyntaxError) as err:
        raise ConfigError(
            f"official schema file {str(schema_file)!r} cannot be read: {err}; "
            "replace it with the file from the UN/CEFACT release"
        ) from err
    found: list[Path] = []
    for reference in root.iter(*_REFERENCES):
        location = reference.get("schemaLocation")
        if not location:
            continue
        parsed = urlparse(location)
        if parsed.scheme not in ("", "file"):
            raise ConfigError(
                f"{str(schema_file)!r} imports {location!r}, which is not a local "
                "file; the validator never fetches schemas from the network: "
                "download it into the schema directory and point the import there"
            )
        found.append((schema_file.parent / unquote(parsed.path)).resolve())
    return found


def _check_closure(root_file: Path, parser: etree.XMLParser) -> int:
    """Walk every import from ``root_file``; raise naming the first missing file."""
    seen: set[Path] = set()
    pending = [(root_file.resolve(), root_file)]
    while pending:
        path, importer = pending.pop()
        if path in seen:
            continue
        if not path.is_file():
            raise ConfigError(
                f"the official schema set is incomplete: {str(path)!r} (imported by "
                f"{str(importer)!r}) is missing; copy that file from the UN/CEFACT "
                "D17A release into the schema directory, or drop --schema-dir"
            )
        seen.add(path)
        pending.extend((child, path) for child in _imports(path, parser))
    return len(seen)


@functools.cache
def official_schema(schema_dir: Path) -> etree.XMLSchema:
    """The official SPS Certificate schema compiled from ``schema_dir``, once.

    >>> official_schema(Path("/nonexistent"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    conformance.errors.ConfigError: ...SPSCertificate_17p0.xsd...

    Raises :class:`ConfigError` when the root file or any file it imports is
    missing, an import is not a local file, or the set does not compile.
    """
    root_file = schema_dir / OFFICIAL_ROOT
    if not root_file.is_file():
        raise ConfigError(
            f"{str(root_file)!r} does not exist; --schema-dir must be the folder "
            f"that holds {OFFICIAL_ROOT.as_posix()} (the UN/CEFACT release layout)"
        )
    parser = _parser()
    files = _check_closure(root_file, parser)
    try:
        schema = etree.XMLSchema(etree.parse(str(root_file), parser))
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError) as err:
        raise ConfigError(
            f"the official schema set in {str(schema_dir)!r} does not compile: "
            f"{err}; check that its files come from one UN/CEFACT release"
        ) from err
    logger.info("compiled the official schema set: %d files from %s", files, schema_dir)
    return schema
