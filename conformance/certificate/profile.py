"""The project's ePhyto profile schema, compiled once per process."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from lxml import etree

from conformance.errors import ConfigError

__all__ = ["PROFILE_SCHEMA_FILES", "profile_schema", "profile_schema_text"]

_PACKAGE = "conformance.certificate.schema"
_ROOT = "ephyto-profile.xsd"
PROFILE_SCHEMA_FILES = (_ROOT, "ephyto-profile-ram.xsd", "ephyto-profile-udt.xsd")
"""The schema files: rsm root, then the ram and udt parts it imports."""


def profile_schema_text(name: str) -> bytes:
    """The bytes of one profile schema file, read from the installed package."""
    if name not in PROFILE_SCHEMA_FILES:
        raise ConfigError(
            f"{name!r} is not a profile schema file; expected one of "
            f"{PROFILE_SCHEMA_FILES!r}"
        )
    return resources.files(_PACKAGE).joinpath(name).read_bytes()


class _PackageResolver(etree.Resolver):
    """Serve ``schemaLocation`` imports from the package, never from disk or network."""

    # lxml-stubs omit the ``context`` argument that lxml passes at run time.
    def resolve(  # type: ignore[override]
        self, system_url: str, public_id: str, context: Any
    ) -> Any:
        name = system_url.rsplit("/", 1)[-1]
        if name in PROFILE_SCHEMA_FILES:
            data = profile_schema_text(name)
            return self.resolve_string(data, context, base_url=f"package:///{name}")
        return None


@functools.cache
def profile_schema() -> etree.XMLSchema:
    """The ePhyto profile schema (rsm root importing ram and udt), compiled once.

    >>> from conformance.certificate import to_xml
    >>> from conformance.certificate.examples import minimal_851
    >>> profile_schema().validate(etree.fromstring(to_xml(minimal_851())))
    True

    Raises :class:`ConfigError` when the packaged schema files are missing or do
    not compile (a broken installation).
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    parser.resolvers.add(_PackageResolver())
    try:
        root = etree.fromstring(
            profile_schema_text(_ROOT), parser, base_url=f"package:///{_ROOT}"
        )
        return etree.XMLSchema(root)
    except (OSError, etree.XMLSyntaxError, etree.XMLSchemaParseError) as err:
        raise ConfigError(
            f"the ePhyto profile schema in {_PACKAGE} does not load: {err}; "
            "reinstall ephyto-conformance"
        ) from err
