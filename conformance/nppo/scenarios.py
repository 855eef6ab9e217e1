"""Import scenarios: what the harness queues for the national system, and what it expects.

Each scenario is data: the envelopes it queues (from a simulated exporting NPPO to
the system under test), the acknowledgement a well-behaved system answers, and the
capability it needs. Scenarios run in rounds; a round's envelopes are queued at
once and the harness waits, with a bounded timeout, until each is final.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from random import Random

from conformance.certificate import Certificate, to_xml
from conformance.certificate.examples import (
    minimal_851,
    reexport_657,
    replacement_851,
    withdrawal_851,
)
from conformance.certificate.model import Text
from conformance.generate.envelopes import encode_content, envelope_for
from conformance.generate.invalid import INVALID_KINDS
from conformance.hub.entities import Envelope
from conformance.nppo.capabilities import Capabilities

__all__ = [
    "ACKNOWLEDGE",
    "ADVANCED",
    "EXPECTATIONS",
    "FAILED",
    "SCENARIOS",
    "Scenario",
    "ScenarioContext",
    "expected_kinds",
    "missing_capability",
]

ACKNOWLEDGE = "AcknowledgeEnvelopeReceipt"
ADVANCED = "AdvancedAcknowledgeEnvelopeReceipt"
FAILED = "AcknowledgeFailedEnvelopeReceipt"

EXPECTATIONS = {
    "delivered": "AcknowledgeEnvelopeReceipt, once, after pulling and storing",
    "delivered-or-warning": (
        "AcknowledgeEnvelopeReceipt or AdvancedAcknowledgeEnvelopeReceipt with a "
        "warning naming the duplicate, once"
    ),
    "failed": "AcknowledgeFailedEnvelopeReceipt with a message, once",
    "severe": (
        "AdvancedAcknowledgeEnvelopeReceipt with a warning (import.severe_findings "
        '= "advanced") or AcknowledgeFailedEnvelopeReceipt ("failed"), once'
    ),
}
"""Expectation key -> the behaviour a well-behaved national system shows."""

# A SEVERE business-rule finding in a certificate that still parses and is valid
# against the schema: the system can read it, so it must not answer "unreadable".
_SEVERE_KIND = "date-time-without-offset"
_BACKLOG_DEFAULT = 25


@dataclass(frozen=True, slots=True)
class ScenarioContext:
    """Who sends to whom in this run, and the tag that keeps numbers unique."""

    sender: str
    receiver: str
    tag: str
    backlog: int = _BACKLOG_DEFAULT

    def number(self, suffix: str) -> str:
        """A certificate number unique to this run."""
        return f"{self.sender}-{self.tag}-{suffix}"


@dataclass(frozen=True, slots=True)
class Scenario:
    """One import scenario: envelopes queued together, and what must happen to them."""

    id: str
    title: str
    round: int
    expect: str
    requires: str | None
    build: Callable[[ScenarioContext], list[Envelope]]


def expected_kinds(scenario: Scenario, capabilities: Capabilities) -> tuple[str, ...]:
    """The acknowledgement operations that satisfy ``scenario``."""
    if scenario.expect == "delivered":
        return (ACKNOWLEDGE,)
    if scenario.expect == "delivered-or-warning":
        return (ACKNOWLEDGE, ADVANCED)
    if scenario.expect == "failed":
        return (FAILED,)
    return (
        (ADVANCED,) if capabilities.import_.severe_findings == "advanced" else (FAILED,)
    )


def missing_capability(scenario: Scenario, capabilities: Capabilities) -> str | None:
    """Why ``scenario`` does not apply to this system, or ``None`` when it does."""
    wanted = capabilities.import_
    if not wanted.enabled:
        return "capability import.enabled is false: the system does not import"
    if wanted.mode != "pull":
        return (
            f"capability import.mode is {wanted.mode!r}: the harness hub is pull-only "
            "(D19); TODO(#5): push delivery"
        )
    if scenario.requires is None:
        return None
    name, _, value = scenario.requires.partition(":")
    if name == "content_encodings":
        if value in wanted.content_encodings:
            return None
        return f"capability import.content_encodings does not list {value!r}"
    if getattr(wanted, name):
        return None
    return f"capability import.{name} is false"


def _certificate(
    context: ScenarioContext, base: Certificate, suffix: str
) -> Certificate:
    base.document.id = context.number(suffix)
    base.consignment.export_country = context.sender[:2]
    base.consignment.import_country = context.receiver[:2]
    return base


def _envelope(
    context: ScenarioContext, certificate: Certificate, encoding: str = "text"
) -> Envelope:
    envelope = envelope_for(certificate, content_encoding=encoding)
    # Connection codes may carry an instance suffix (LK2); the header uses them.
    envelope.from_, envelope.to = context.sender, context.receiver
    return envelope


def _valid_851(context: ScenarioContext) -> list[Envelope]:
    return [_envelope(context, _certificate(context, minimal_851(), "851"))]


def _valid_657(context: ScenarioContext) -> list[Envelope]:
    return [_envelope(context, _certificate(context, reexport_657(), "657"))]


def _encoded(encoding: str) -> Callable[[ScenarioContext], list[Envelope]]:
    def build(context: ScenarioContext) -> list[Envelope]:
        certificate = _certificate(context, minimal_851(), f"ENC-{encoding}")
        return [_envelope(context, certificate, encoding)]

    return build


def _unreadable(context: ScenarioContext) -> list[Envelope]:
    envelope = _envelope(context, _certificate(context, minimal_851(), "UNREADABLE"))
    text = envelope.content or ""
    # Cut mid-element, as a sender's size limit or a broken proxy does.
    envelope.content = text[: len(text) // 2]
    return [envelope]


def _severe(context: ScenarioContext) -> list[Envelope]:
    certificate = _certificate(context, minimal_851(), "SEVERE")
    envelope = _envelope(context, certificate)
    broken = INVALID_KINDS[_SEVERE_KIND].mutate(to_xml(certificate), Random(5))
    envelope.content = encode_content(broken, "text")
    return [envelope]


def _withdrawal(context: ScenarioContext) -> list[Envelope]:
    return [_envelope(context, _certificate(context, withdrawal_851(), "851"))]


def _replacement(context: ScenarioContext) -> list[Envelope]:
    certificate = _certificate(context, replacement_851(), "851-R")
    for note in certificate.document.notes:
        if note.subject == "ADRPN":
            note.contents = [Text(context.number("851"))]
    return [_envelope(context, certificate)]


def _duplicate(context: ScenarioContext) -> list[Envelope]:
    return _valid_851(context)


def _backlog(context: ScenarioContext) -> list[Envelope]:
    return [
        _envelope(context, _certificate(context, minimal_851(), f"B{index:04d}"))
        for index in range(context.backlog)
    ]


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "valid-851",
        "A valid phytosanitary certificate (851)",
        1,
        "delivered",
        "content_encodings:text",
        _valid_851,
    ),
    Scenario(
        "valid-657",
        "A valid re-export certificate (657)",
        1,
        "delivered",
        "re_export",
        _valid_657,
    ),
    *(
        Scenario(
            f"encoding-{encoding}",
            f"A valid 851 with Content as {encoding}",
            1,
            "delivered",
            f"content_encodings:{encoding}",
            _encoded(encoding),
        )
        for encoding in (
            "cdata",
            "base64-utf8",
            "base64-utf16",
            "base64-utf16-bom",
            "base64-utf16le-nobom",
            "base64-utf16be-nobom",
        )
    ),
    Scenario(
        "unreadable",
        "Content cut in the middle of an element",
        1,
        "failed",
        None,
        _unreadable,
    ),
    Scenario(
        "severe-findings",
        "A readable 851 with a SEVERE business-rule finding",
        1,
        "severe",
        None,
        _severe,
    ),
    Scenario(
        "withdrawal",
        "The valid 851 withdrawn (status 40, same number)",
        2,
        "delivered",
        "withdrawal",
        _withdrawal,
    ),
    Scenario(
        "replacement",
        "An 851 replacing the valid 851 (ADRPN note)",
        2,
        "delivered",
        "replacement",
        _replacement,
    ),
    Scenario(
        "duplicate-number",
        "The valid 851 again: same number, new envelope",
        2,
        "delivered-or-warning",
        None,
        _duplicate,
    ),
    Scenario(
        "backlog", "Many envelopes queued at once", 3, "delivered", None, _backlog
    ),
)
"""Every import scenario, in the order the rounds queue them."""
