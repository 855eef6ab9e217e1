"""The detailed schema path: xmlschema's reasons and paths, same rule ids as lxml.

The fast path (:func:`conformance.validate.schema.check_schema`, libxml2) and this
one validate against the same profile XSD and give the same verdict; this one
explains more (the reason, the expected elements, the instance path) at about a
tenth of the speed. ``ephyto-conformance validate --detailed`` uses it.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import xmlschema
from lxml import etree
from xmlschema.validators import (
    XsdAttribute,
    XsdAttributeGroup,
    XsdElement,
    XsdFacet,
    XsdSimpleType,
)

from conformance.certificate.profile import PROFILE_SCHEMA_FILES, profile_schema_text
from conformance.errors import ConfigError
from conformance.findings import Finding
from conformance.validate._tree import field_of, qualified
from conformance.validate.rules import finding
from conformance.validate.schema import classify_content

__all__ = ["check_schema_detailed", "detailed_profile_schema"]

_PACKAGE = "conformance.certificate.schema"
_DECIMALS = frozenset({"decimal", "integer", "double", "float"})


@functools.cache
def detailed_profile_schema() -> xmlschema.XMLSchema10:
    """The profile XSD compiled by xmlschema, once per process, from package data.

    Raises :class:`ConfigError` when the packaged schema does not load. Only
    files beside the profile may be read (``allow="sandbox"``), never the network.
    """
    try:
        # The package may live in a zip: copy the three files where xmlschema can
        # resolve the relative imports; it reads everything while building.
        with tempfile.TemporaryDirectory(prefix="ephyto-profile-") as name:
            directory = Path(name)
            for file_name in PROFILE_SCHEMA_FILES:
                (directory / file_name).write_bytes(profile_schema_text(file_name))
            return xmlschema.XMLSchema10(
                str(directory / PROFILE_SCHEMA_FILES[0]),
                allow="sandbox",
                defuse="always",
            )
    except (OSError, xmlschema.XMLSchemaException) as err:
        raise ConfigError(
            f"the ePhyto profile schema in {_PACKAGE} does not load with "
            f"xmlschema: {err}; reinstall ephyto-conformance"
        ) from err


def check_schema_detailed(tree: etree._ElementTree) -> list[Finding]:
    """Validate against the profile with xmlschema; one finding per error."""
    schema = detailed_profile_schema()
    # The instance is already in memory: it may open nothing at all.
    resource = xmlschema.XMLResource(tree, allow="none", defuse="always")
    findings = [_to_finding(error) for error in schema.iter_errors(resource)]
    # As on the fast path: text inside a date-time element is reported once, and
    # one value breaking a pattern and its type is one problem.
    with_text = {f.field for f in findings if f.rule_id == "EPH-SCH-007"}
    kept: dict[tuple[str, str], Finding] = {}
    for f in findings:
        if f.rule_id == "EPH-SCH-002" and f.field.rpartition("/")[0] in with_text:
            continue
        kept.setdefault((f.rule_id, f.field), f)
    return list(kept.values())


def _to_finding(error: xmlschema.XMLSchemaValidationError) -> Finding:
    element = error.elem if isinstance(error.elem, etree._Element) else None
    line = element.sourceline if element is not None else None
    line = line if isinstance(line, int) else None
    where = field_of(element) if element is not None else (error.path or "")
    message = f"{error.reason} (at {error.path})" if error.path else str(error.reason)
    if isinstance(error, xmlschema.XMLSchemaChildrenValidationError):
        return _children_finding(error, message, line)
    validator = error.validator
    reason = (error.reason or "").lower()
    if isinstance(validator, XsdAttribute) and isinstance(
        validator.type, XsdSimpleType
    ):
        field = f"{where}/@{qualified(str(validator.name))}"
        return _datatype_finding(validator.type, message, field, line)
    if isinstance(validator, XsdFacet) and isinstance(
        validator.base_type, XsdSimpleType
    ):
        return _datatype_finding(validator.base_type, message, where, line)
    if isinstance(validator, XsdSimpleType):
        return _datatype_finding(validator, message, where, line)
    if "character data" in reason or "mixed" in reason:
        return finding("EPH-SCH-007", message, field=where, line=line)
    if isinstance(validator, XsdAttributeGroup) or "attribute" in reason:
        return finding("EPH-SCH-008", message, field=where, line=line)
    return finding("EPH-SCH-099", message, field=where, line=line)


def _children_finding(
    error: xmlschema.XMLSchemaChildrenValidationError, message: str, line: int | None
) -> Finding:
    parent = error.elem
    assert isinstance(parent, etree._Element)
    expected = [
        str(item.name)
        for item in error.expected or ()
        if isinstance(item, XsdElement) and item.name
    ]
    names = ", ".join(qualified(name) for name in expected)
    if error.invalid_tag is None or error.index >= len(parent):
        text = f"{message}; expected {names}" if names else message
        return classify_content(parent, expected, text, line, incomplete=True)
    child = parent[error.index]
    child_line = child.sourceline if isinstance(child.sourceline, int) else line
    text = f"{message}; expected {names}" if names else message
    return classify_content(child, expected, text, child_line)


def _datatype_finding(
    kind: XsdSimpleType, message: str, where: str, line: int | None = None
) -> Finding:
    primitive = getattr(kind, "primitive_type", None)
    local = str(getattr(primitive, "local_name", "") or "")
    if local == "base64Binary":
        return finding("EPH-SCH-004", message, field=where, line=line)
    if local in _DECIMALS:
        return finding("EPH-SCH-003", message, field=where, line=line)
    return finding("EPH-SCH-006", message, field=where, line=line)
