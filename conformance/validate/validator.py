"""The validator: layers in order, one owner per problem, the hub's entry points."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence

from lxml import etree

from conformance.findings import Finding, Level
from conformance.hub.entities import Envelope
from conformance.validate.content import DecodedContent, decode_content
from conformance.validate.envelope import check_envelope
from conformance.validate.options import DEFAULT_OPTIONS, ValidationOptions
from conformance.validate.safe import check_depth, parse_untrusted
from conformance.validate.schema import check_against, check_namespaces, check_schema
from conformance.validate.strictness import (
    order_free,
    out_of_sequence,
    to_schema_order,
)
from conformance.validate.walk import check_rules

__all__ = ["validate_certificate", "validate_decoded", "validate_envelope"]

logger = logging.getLogger(__name__)

_Layer = Callable[[etree._ElementTree], list[Finding]]


def validate_certificate(
    data: bytes | str,
    *,
    first: bool = False,
    options: ValidationOptions = DEFAULT_OPTIONS,
) -> list[Finding]:
    """Validate one certificate; an empty list means no finding at all.

    >>> from conformance.certificate import to_xml
    >>> from conformance.certificate.examples import minimal_851
    >>> validate_certificate(to_xml(minimal_851()))
    []
    >>> [f.rule_id for f in validate_certificate(b"<not-closed>")]
    ['EPH-WF-001']

    ``first=True`` returns at most the first finding; ``options`` chooses the
    strictness, detailed schema messages and the official UN/CEFACT schema. Never
    raises on bad input: every problem of the content is a
    :class:`~conformance.findings.Finding`.
    """
    findings, _ = _validate(data, options)
    return findings[:1] if first else findings


def validate_envelope(
    envelope: Envelope,
    *,
    first: bool = False,
    options: ValidationOptions = DEFAULT_OPTIONS,
) -> list[Finding]:
    """Validate an envelope's Content and the header against that content.

    Content is XML text, or base64 of the XML bytes in UTF-8 or UTF-16
    (:mod:`conformance.validate.content`); anything else is EPH-ENV-006.
    """
    content = decode_content(envelope.content)
    if isinstance(content, Finding):
        return [content]
    return validate_decoded(envelope, content, first=first, options=options)


def validate_decoded(
    envelope: Envelope,
    content: DecodedContent,
    *,
    first: bool = False,
    options: ValidationOptions = DEFAULT_OPTIONS,
) -> list[Finding]:
    """Validate an envelope whose ``Content`` the caller has already decoded."""
    findings, tree = _validate(content.data, options)
    if tree is not None:
        findings.extend(check_envelope(envelope, tree))
    return findings[:1] if first else findings


def _validate(
    data: bytes | str, options: ValidationOptions
) -> tuple[list[Finding], etree._ElementTree | None]:
    parsed = parse_untrusted(data, max_depth=None)
    tree = parsed.tree
    if tree is None:
        return parsed.findings, None
    schema_layer = _schema_layer(options)
    schema_findings = schema_layer(tree)
    reordered = False
    if schema_findings:
        # Only a tree the schema refuses can owe it to order. libxml2 reports one
        # content error per parent, so order would hide the rest: report every
        # misplaced element (strict only), then validate the tree in schema order.
        misplaced = out_of_sequence(tree)
        if misplaced or options.strictness == "hub":
            to_schema_order(tree)
            reordered = True
            order = misplaced if options.strictness == "strict" else []
            schema_findings = [*order, *order_free(schema_layer(tree))]
    # A tree the profile accepts is bounded in depth (the profile is not
    # recursive) and holds only rsm/ram/udt elements (it has no wildcards), so
    # both scans run only when the schema found something.
    if schema_findings:
        deep = check_depth(tree)
        if deep is not None:
            return [*parsed.findings, deep], None
        wrong_namespaces = check_namespaces(tree)
        if wrong_namespaces:
            return [*parsed.findings, *wrong_namespaces], None
    if options.official_schema is not None:
        official = check_against(tree, options.official_schema)
        if reordered:
            official = order_free(official)
        schema_findings = _merged(schema_findings, official)
    rules = check_rules(tree, _utf8_source(data, parsed.encoding))
    layers = [schema_findings, rules.mandatory, rules.codes, rules.business]
    findings = [*parsed.findings, *_one_owner(layers)]
    logger.debug("validated certificate: %d finding(s)", len(findings))
    return findings, tree


def _utf8_source(data: bytes | str, encoding: str) -> bytes | None:
    """The document as UTF-8 bytes, when it is at hand without re-encoding much."""
    if isinstance(data, str):
        return data.encode("utf-8", "surrogatepass")
    return data if encoding in ("utf-8", "ascii") else None


def _schema_layer(options: ValidationOptions) -> _Layer:
    if options.detailed:
        # xmlschema is imported only by those who ask for its messages.
        from conformance.validate.detailed import check_schema_detailed

        return check_schema_detailed
    return check_schema


def _merged(profile: list[Finding], official: list[Finding]) -> list[Finding]:
    """The profile's findings, then the official schema's that say something new."""
    seen = {(f.rule_id, f.field, f.line) for f in profile}
    extra = [
        dataclasses.replace(f, message=f"official UN/CEFACT schema: {f.message}")
        for f in official
        if (f.rule_id, f.field, f.line) not in seen
    ]
    return [*profile, *extra]


def _one_owner(layers: Sequence[list[Finding]]) -> list[Finding]:
    """Drop a finding when an earlier layer already reported a SEVERE one there.

    The schema reports a missing element at the same field the mandatory layer
    would, and a NULL placeholder sits where a code or date is checked later;
    the first layer to see a problem owns it.
    """
    claimed: set[str] = set()
    kept: list[Finding] = []
    for findings in layers:
        kept.extend(f for f in findings if not f.field or f.field not in claimed)
        claimed.update(f.field for f in findings if f.level is Level.SEVERE)
    return kept
