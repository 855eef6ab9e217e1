"""The validator: layers in order, one owner per problem, the hub's entry points."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from lxml import etree

from conformance.findings import Finding, Level
from conformance.hub.entities import Envelope
from conformance.validate.business import check_business
from conformance.validate.codes import check_codes
from conformance.validate.envelope import check_envelope, decode_content
from conformance.validate.mandatory import check_mandatory
from conformance.validate.safe import parse_untrusted
from conformance.validate.schema import check_namespaces, check_schema

__all__ = ["validate_certificate", "validate_envelope"]

logger = logging.getLogger(__name__)

_Layer = Callable[[etree._ElementTree], list[Finding]]
_TREE_LAYERS: tuple[_Layer, ...] = (
    check_schema,
    check_mandatory,
    check_codes,
    check_business,
)


def validate_certificate(data: bytes | str, *, first: bool = False) -> list[Finding]:
    """Validate one certificate; an empty list means no finding at all.

    >>> from conformance.certificate import to_xml
    >>> from conformance.certificate.examples import minimal_851
    >>> validate_certificate(to_xml(minimal_851()))
    []
    >>> [f.rule_id for f in validate_certificate(b"<not-closed>")]
    ['EPH-WF-001']

    ``first=True`` returns at most the first finding. Never raises on bad input:
    every problem of the content is a :class:`~conformance.findings.Finding`.
    """
    findings, _ = _validate(data)
    return findings[:1] if first else findings


def validate_envelope(envelope: Envelope, *, first: bool = False) -> list[Finding]:
    """Validate an envelope's Content and the header against that content.

    Content is XML text, or base64 of the XML bytes (both are seen on the hub).
    """
    content = decode_content(envelope.content)
    if isinstance(content, Finding):
        return [content]
    findings, tree = _validate(content)
    if tree is not None:
        findings.extend(check_envelope(envelope, tree))
    return findings[:1] if first else findings


def _validate(data: bytes | str) -> tuple[list[Finding], etree._ElementTree | None]:
    parsed = parse_untrusted(data)
    if parsed.tree is None:
        return parsed.findings, None
    wrong_namespaces = check_namespaces(parsed.tree)
    if wrong_namespaces:
        return [*parsed.findings, *wrong_namespaces], None
    layers = [layer(parsed.tree) for layer in _TREE_LAYERS]
    findings = [*parsed.findings, *_one_owner(layers)]
    logger.debug("validated certificate: %d finding(s)", len(findings))
    return findings, parsed.tree


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
