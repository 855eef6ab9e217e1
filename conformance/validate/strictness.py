"""``--strictness hub``: sibling order free, as the hub's JAXB unmarshaller reads it.

JAXB binds children by name whatever their order, so the hub accepts a certificate
whose siblings are out of the UN/CEFACT sequence (the public IPPC sample is one).
:func:`to_schema_order` moves children into the profile's sequence order before
schema validation; elements keep their source lines, and children with the same
name keep their relative order, so every finding still points at the source.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from conformance.certificate.profile import PROFILE_SCHEMA_FILES, profile_schema_text
from conformance.findings import Finding
from conformance.validate._tree import field_of, line_of, qualified
from conformance.validate.rules import finding

__all__ = ["order_free", "out_of_sequence", "to_schema_order"]

_XSD = "http://www.w3.org/2001/XMLSchema"
_SEQUENCE_ELEMENTS = f"{{{_XSD}}}sequence/{{{_XSD}}}element"


@dataclass(frozen=True, slots=True)
class _Sequences:
    """The profile's content models: what to sort children by, and their types."""

    roots: Mapping[str, str]
    positions: Mapping[str, Mapping[str, int]]
    child_types: Mapping[str, Mapping[str, str]]


@functools.cache
def _sequences() -> _Sequences:
    """Global element -> type, type -> {child: position} and {child: type}."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    roots: dict[str, str] = {}
    positions: dict[str, dict[str, int]] = {}
    child_types: dict[str, dict[str, str]] = {}
    for name in PROFILE_SCHEMA_FILES:
        schema = etree.fromstring(profile_schema_text(name), parser)
        target = schema.get("targetNamespace", "")
        for element in schema.iterchildren(f"{{{_XSD}}}element"):
            roots[f"{{{target}}}{element.get('name')}"] = _type_of(element)
        for complex_type in schema.iterchildren(f"{{{_XSD}}}complexType"):
            kind = f"{{{target}}}{complex_type.get('name')}"
            children = complex_type.findall(_SEQUENCE_ELEMENTS)
            tags = [f"{{{target}}}{child.get('name')}" for child in children]
            positions[kind] = {tag: position for position, tag in enumerate(tags)}
            child_types[kind] = {
                tag: _type_of(child) for tag, child in zip(tags, children)
            }
    return _Sequences(roots, positions, child_types)


def _type_of(declaration: etree._Element) -> str:
    prefix, _, local = (declaration.get("type") or "").rpartition(":")
    return f"{{{declaration.nsmap.get(prefix or None, '')}}}{local}"


def to_schema_order(tree: etree._ElementTree) -> None:
    """Reorder, in place, every element's children into the profile's sequence.

    Elements the profile does not declare stay right after the sibling that
    preceded them in the source, so the schema still reports them.
    """
    root = tree.getroot()
    kind = _sequences().roots.get(str(root.tag))
    if kind is not None:
        _reorder(root, kind)


def _reorder(element: etree._Element, kind: str) -> None:
    sequences = _sequences()
    order = sequences.positions.get(kind)
    if order is None:
        return
    children = list(element)
    keys: list[tuple[int, int]] = []
    last = -1
    for index, child in enumerate(children):
        position = order.get(str(child.tag)) if isinstance(child.tag, str) else None
        last = last if position is None else position
        keys.append((last, index))
    ranked = [child for _, child in sorted(zip(keys, children), key=lambda p: p[0])]
    if ranked != children:
        for child in ranked:
            element.append(child)
    child_types = sequences.child_types[kind]
    for child in ranked:
        child_kind = child_types.get(str(child.tag))
        if child_kind is not None:
            _reorder(child, child_kind)


def out_of_sequence(tree: etree._ElementTree) -> list[Finding]:
    """EPH-SCH-001 for every element out of its parent's schema sequence.

    libxml2 stops at the first content error of a parent, so its report hides
    the other misplaced siblings. Per parent, the children that keep their
    sequence are the longest run in schema order; every other child the profile
    declares there is misplaced. Undeclared children are left to the schema.
    """
    root = tree.getroot()
    kind = _sequences().roots.get(str(root.tag))
    findings: list[Finding] = []
    if kind is not None:
        _misplaced(root, kind, findings)
    # Children are checked before their parent's order: report in source order.
    return sorted(findings, key=lambda item: item.line or 0)


def _misplaced(element: etree._Element, kind: str, findings: list[Finding]) -> None:
    sequences = _sequences()
    order = sequences.positions.get(kind)
    if order is None:
        return
    child_types = sequences.child_types[kind]
    placed: list[tuple[int, etree._Element]] = []
    for child in element:
        tag = child.tag
        position = order.get(tag) if isinstance(tag, str) else None
        if position is not None:
            placed.append((position, child))
            child_kind = child_types.get(str(tag))
            if child_kind is not None:
                _misplaced(child, child_kind, findings)
    kept = _in_order([position for position, _ in placed])
    for index, (position, child) in enumerate(placed):
        if index in kept:
            continue
        name = qualified(str(child.tag))
        before = [qualified(str(o.tag)) for p, o in placed[:index] if p > position]
        where = f"before {before[0]}" if before else "later"
        message = f"{name} is out of sequence: the schema places it {where}"
        findings.append(
            finding("EPH-SCH-001", message, field=field_of(child), line=line_of(child))
        )


def _in_order(positions: list[int]) -> set[int]:
    """Indexes of a longest non-decreasing run of ``positions`` (kept in place)."""
    if all(a <= b for a, b in itertools.pairwise(positions)):
        return set(range(len(positions)))
    tails: list[int] = []
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(positions)
    for index, position in enumerate(positions):
        slot = bisect.bisect_right(tails, position)
        if slot == len(tails):
            tails.append(position)
            tail_index.append(index)
        else:
            tails[slot] = position
            tail_index[slot] = index
        previous[index] = tail_index[slot - 1] if slot else -1
    kept: set[int] = set()
    index = tail_index[-1]
    while index >= 0:
        kept.add(index)
        index = previous[index]
    return kept


def order_free(findings: list[Finding]) -> list[Finding]:
    """Schema findings once order is free: no element is ever out of sequence.

    After :func:`to_schema_order` an element that still breaks its parent's
    sequence is not allowed there at all (undeclared in that parent, or one too
    many), so EPH-SCH-001 becomes EPH-SCH-005.
    """
    return [
        finding("EPH-SCH-005", item.message, field=item.field, line=item.line)
        if item.rule_id == "EPH-SCH-001"
        else item
        for item in findings
    ]
