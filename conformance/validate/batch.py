"""One input document, validated as a certificate or as a whole hub envelope."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from conformance.findings import Finding
from conformance.validate.content import ContentForm, decode_content
from conformance.validate.envelope_input import (
    EnvelopeDocument,
    is_envelope,
    read_envelope_document,
)
from conformance.validate.inputs import MAX_INPUT_BYTES, InputDocument
from conformance.validate.options import DEFAULT_OPTIONS, ValidationOptions
from conformance.validate.rules import finding
from conformance.validate.safe import MAX_BYTES, mebibytes
from conformance.validate.validator import validate_certificate, validate_decoded

__all__ = ["InputResult", "validate_document"]

_TEXT_FORMS = frozenset({ContentForm.XML_TEXT, ContentForm.CDATA})


@dataclass(slots=True)
class InputResult:
    """The findings of one input, what it was read as, and how Content was decoded.

    ``kind`` is ``certificate`` or ``envelope``; ``content_form`` is set for an
    envelope whose Content could be decoded (see :class:`ContentForm`).
    """

    path: str
    kind: str
    findings: list[Finding] = field(default_factory=list)
    content_form: ContentForm | None = None


def validate_document(
    document: InputDocument,
    *,
    first: bool = False,
    options: ValidationOptions = DEFAULT_OPTIONS,
) -> InputResult:
    """Validate ``document``: an envelope when its root is ``Envelope``, else a certificate.

    Raises :class:`~conformance.errors.InputError` for XML that is an envelope
    but carries no hub envelope (a SOAP message of another operation).
    """
    if document.size > MAX_INPUT_BYTES:
        message = (
            f"input is {mebibytes(document.size)} ({document.size} bytes), over the "
            f"{mebibytes(MAX_INPUT_BYTES)} read limit of one file or zip member, so "
            f"it was not read; a certificate may be at most {mebibytes(MAX_BYTES)} "
            "(the hub's Content limit), an envelope around it fits the read limit"
        )
        return InputResult(document.path, "unknown", [finding("EPH-SEC-004", message)])
    if not is_envelope(document.data):
        findings = validate_certificate(document.data, first=first, options=options)
        return InputResult(document.path, "certificate", findings)
    read = read_envelope_document(document.data, max_bytes=MAX_INPUT_BYTES)
    if isinstance(read, list):
        return InputResult(document.path, "envelope", read[:1] if first else read)
    result = _validate_envelope(document.path, read, options)
    if first:
        result.findings = result.findings[:1]
    return result


def _validate_envelope(
    path: str, document: EnvelopeDocument, options: ValidationOptions
) -> InputResult:
    result = InputResult(path, "envelope", list(document.findings))
    if document.content_elements:
        message = (
            "Content holds XML elements; the hub's Content is a string, so send the "
            "certificate as escaped text, in a CDATA section or as base64"
        )
        field_name = "hub:Content"
        result.findings.append(
            finding(
                "EPH-ENV-006", message, field=field_name, line=document.content_line
            )
        )
        return result
    decoded = decode_content(
        document.envelope.content,
        cdata=document.content_cdata,
        line=document.content_line,
    )
    if isinstance(decoded, Finding):
        result.findings.append(decoded)
        return result
    result.content_form = decoded.form
    findings = validate_decoded(document.envelope, decoded, options=options)
    already = {f.rule_id for f in document.findings}
    offset = (
        document.content_line - 1
        if decoded.form in _TEXT_FORMS and document.content_line
        else 0
    )
    for item in findings:
        if item.rule_id in already and item.field.startswith("hub:"):
            continue  # the header field is not a number: reported once, above
        result.findings.append(_located(item, document, offset))
    return result


def _located(item: Finding, document: EnvelopeDocument, offset: int) -> Finding:
    """``item`` with the line it has in the envelope file."""
    if item.field.startswith("hub:"):
        line = document.header_lines.get(item.field, document.content_line)
        return dataclasses.replace(item, line=item.line or line)
    if item.line is not None and offset:
        return dataclasses.replace(item, line=item.line + offset)
    return item
