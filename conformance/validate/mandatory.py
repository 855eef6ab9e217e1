"""Mandatory elements of the ePhyto mapping: present and not empty.

The profile schema already reports a missing element; this layer reports the same
field only when the schema could not (the validator keeps one owner per field), and
owns the empty-but-present values the schema accepts. Which parents and children are
checked is decided by the shared walk (:mod:`conformance.validate.walk`).
"""

from __future__ import annotations

from lxml import etree

from conformance.findings import Finding
from conformance.validate._tree import (
    child_field,
    field_of,
    line_of,
    qualified,
    ram,
    value,
)
from conformance.validate.rules import finding

__all__ = ["required"]

# Children checked for text in every occurrence, not only the first.
_EVERY = frozenset({ram("Description")})
# Presence only: OriginSPSCountry's content is checked through its ID.
_PRESENCE_ONLY = frozenset({ram("OriginSPSCountry")})


def required(parent: etree._Element, tag: str, rule_id: str) -> list[Finding]:
    """Findings when child ``tag`` of ``parent`` is missing or empty.

    A parent that is itself missing is the schema's finding, not ours.
    """
    if tag not in _EVERY and _satisfied(parent, tag):
        return []
    return _check(parent, tag, rule_id)


def _satisfied(parent: etree._Element, tag: str) -> bool:
    """The common case, decided without building lists: a first child with text."""
    child = next(parent.iterchildren(tag), None)
    if child is None:
        return False
    return tag in _PRESENCE_ONLY or bool((child.text or "").strip()) or len(child) > 0


def _check(parent: etree._Element, tag: str, rule_id: str) -> list[Finding]:
    children = list(parent.iterchildren(tag))
    if not children:
        message = f"{qualified(tag)} is missing in {qualified(str(parent.tag))}"
        field = child_field(parent, tag)
        return [finding(rule_id, message, field=field, line=line_of(parent))]
    if tag in _PRESENCE_ONLY:
        return []
    return [
        finding(
            rule_id,
            f"{qualified(tag)} is empty",
            field=field_of(child),
            line=line_of(child),
        )
        for child in (children if tag in _EVERY else children[:1])
        if not value(child) and len(child) == 0
    ]
