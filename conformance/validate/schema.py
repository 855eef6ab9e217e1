"""Namespace and profile-schema layers: root, namespaces, then the ePhyto XSD.

Each lxml schema error is mapped to one rule by its error type and message: the
sibling-order, missing-element, datatype and attribute problems get their own ids.
"""

from __future__ import annotations

import functools
import re
import threading

from lxml import etree

from conformance.certificate import profile_schema
from conformance.certificate.profile import PROFILE_SCHEMA_FILES, profile_schema_text
from conformance.findings import Finding
from conformance.namespaces import RAM, RSM, UDT
from conformance.validate._tree import child_field, field_of, line_of, qualified, xpath
from conformance.validate.rules import finding

__all__ = ["check_against", "check_namespaces", "check_schema", "classify_content"]

_ROOT = f"{{{RSM}}}SPSCertificate"
_FOREIGN = xpath(
    "//*[namespace-uri() != $rsm and namespace-uri() != $ram "
    "and namespace-uri() != $udt]"
)
_ELEMENT = re.compile(r"Element '([^']+)'")
_EXPECTED = re.compile(r"Expected is (?:one of )?\( ([^)]*) \)")
_BASE64 = re.compile(r"type '[^']*(base64|BinaryObject)", re.IGNORECASE)
_DECIMAL = re.compile(r"type '[^']*(decimal|Numeric|Measure|Quantity)", re.IGNORECASE)
_XSD = "http://www.w3.org/2001/XMLSchema"
_Types = etree.ErrorTypes
# lxml keeps the last run's errors on the schema object; one validation at a time.
_LOCK = threading.Lock()


def check_namespaces(tree: etree._ElementTree) -> list[Finding]:
    """EPH-NS-001 for a wrong root, EPH-NS-002 per foreign namespace used."""
    root = tree.getroot()
    if root.tag != _ROOT:
        message = (
            f"root element is {root.tag!r}; an ePhyto certificate is "
            f"{_ROOT!r} (UN/CEFACT D17A)"
        )
        return [finding("EPH-NS-001", message, field="/", line=line_of(root))]
    foreign = _FOREIGN(tree, rsm=RSM, ram=RAM, udt=UDT)
    seen: dict[str, Finding] = {}
    for element in foreign if isinstance(foreign, list) else []:
        if not isinstance(element, etree._Element):
            continue
        uri = etree.QName(element).namespace or ""
        if uri not in seen:
            message = f"element {element.tag!r} is in namespace {uri!r}, not D17A"
            seen[uri] = finding(
                "EPH-NS-002", message, field=field_of(element), line=line_of(element)
            )
    return list(seen.values())


def check_schema(tree: etree._ElementTree) -> list[Finding]:
    """Validate against the ePhyto profile XSD; one finding per lxml error."""
    return check_against(tree, profile_schema())


def check_against(tree: etree._ElementTree, schema: etree.XMLSchema) -> list[Finding]:
    """Validate against ``schema``; each lxml error mapped to its EPH-SCH rule."""
    with _LOCK:
        if schema.validate(tree):
            return []
        errors: list[etree._LogEntry] = list(iter(schema.error_log))  # type: ignore[call-overload]
    findings = [_to_finding(tree, error) for error in errors]
    # Text inside a date-time element also makes lxml miss its DateTimeString
    # child: one problem, reported once as text-instead-of-children.
    with_text = {f.field for f in findings if f.rule_id == "EPH-SCH-007"}
    return [
        f
        for f in findings
        if not (f.rule_id == "EPH-SCH-002" and f.field.rpartition("/")[0] in with_text)
    ]


def _to_finding(tree: etree._ElementTree, error: etree._LogEntry) -> Finding:
    message = error.message
    element = _element_of(tree, error)
    field = field_of(element) if element is not None else error.path or ""
    if error.type == _Types.SCHEMAV_ELEMENT_CONTENT and element is not None:
        return _content_finding(element, message, error.line)
    if _BASE64.search(message):
        return finding("EPH-SCH-004", message, field=field, line=error.line)
    if error.type in _DATATYPE_ERRORS and _DECIMAL.search(message):
        return finding("EPH-SCH-003", message, field=field, line=error.line)
    if error.type in _DATATYPE_ERRORS:
        return finding("EPH-SCH-006", message, field=field, line=error.line)
    if "Character content" in message:
        return finding("EPH-SCH-007", message, field=field, line=error.line)
    if "attribute" in message:
        return finding("EPH-SCH-008", message, field=field, line=error.line)
    return finding("EPH-SCH-099", message, field=field, line=error.line)


_DATATYPE_ERRORS = frozenset(
    {
        _Types.SCHEMAV_CVC_DATATYPE_VALID_1_2_1,
        _Types.SCHEMAV_CVC_DATATYPE_VALID_1_2_2,
        _Types.SCHEMAV_CVC_DATATYPE_VALID_1_2_3,
        _Types.SCHEMAV_CVC_TYPE_3_1_2,
        _Types.SCHEMAV_CVC_ELT_4_3,
    }
)


def _content_finding(element: etree._Element, message: str, line: int) -> Finding:
    incomplete = "Missing child" in message
    return classify_content(
        element, _expected(message), message, line, incomplete=incomplete
    )


def classify_content(
    element: etree._Element,
    expected: list[str],
    message: str,
    line: int | None,
    *,
    incomplete: bool = False,
) -> Finding:
    """The rule for a content-model error at ``element`` given what was expected.

    ``incomplete`` means the parent ``element`` ended while ``expected`` (Clark
    names) were still required; otherwise ``element`` is the child that came
    where one of ``expected`` should have.
    """
    tag = element.tag if isinstance(element.tag, str) else ""
    if incomplete and expected:
        missing = f"{qualified(expected[-1])} is missing"
        return finding(
            "EPH-SCH-002", missing, field=child_field(element, expected[-1]), line=line
        )
    parent = element.getparent()
    following = {sibling.tag for sibling in element.itersiblings()}
    previous = element.getprevious()
    where = field_of(element)
    if previous is not None and previous.tag == tag or tag not in _known_tags():
        return finding("EPH-SCH-005", message, field=where, line=line)
    if any(name in following for name in expected):
        text = f"{qualified(tag)} comes before {', '.join(map(qualified, expected))}"
        return finding("EPH-SCH-001", text, field=where, line=line)
    present = {child.tag for child in parent} if parent is not None else set()
    if expected and expected[-1] not in present and parent is not None:
        missing = f"{qualified(expected[-1])} is missing before {qualified(tag)}"
        field = child_field(parent, expected[-1])
        return finding("EPH-SCH-002", missing, field=field, line=line)
    return finding("EPH-SCH-001", message, field=where, line=line)


def _expected(message: str) -> list[str]:
    match = _EXPECTED.search(message)
    return [name.strip() for name in match.group(1).split(",")] if match else []


def _element_of(
    tree: etree._ElementTree, error: etree._LogEntry
) -> etree._Element | None:
    """The element an lxml error is about: by its path, else by tag and line."""
    match = _ELEMENT.search(error.message)
    tag = match.group(1) if match else None
    namespaces = {
        prefix: uri
        for element in tree.iter()
        for prefix, uri in element.nsmap.items()
        if prefix
    }
    try:
        found = tree.xpath(error.path, namespaces=namespaces) if error.path else []
    except etree.XPathError:
        found = []
    candidates = [
        el
        for el in (found if isinstance(found, list) else [])
        if isinstance(el, etree._Element) and (tag is None or el.tag == tag)
    ]
    if len(candidates) != 1 and tag is not None:
        candidates = [el for el in tree.iter(tag) if el.sourceline == error.line]
    return candidates[0] if candidates else None


@functools.cache
def _known_tags() -> frozenset[str]:
    """Every element name the profile declares, as Clark names."""
    tags: set[str] = set()
    for name in PROFILE_SCHEMA_FILES:
        root = etree.fromstring(
            profile_schema_text(name),
            etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False),
        )
        target = root.get("targetNamespace", "")
        for declared in root.iter(f"{{{_XSD}}}element"):
            if declared.get("name"):
                tags.add(f"{{{target}}}{declared.get('name')}")
    return frozenset(tags)
