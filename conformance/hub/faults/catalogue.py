"""The catalogue of injectable hub faults, by stable name."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from conformance.errors import UsageError
from conformance.hub.faults import acknowledgement as ack
from conformance.hub.faults import content, routing, security, tracking, wire
from conformance.hub.faults.model import Fault

__all__ = ["FAULTS", "fault_names", "find_fault"]

_CATALOGUE = (
    Fault(
        "misrouted-envelope",
        "An envelope is queued for another NPPO than its To.",
        ("HUB-ROUTE-001", "HUB-ROUTE-003"),
        service=routing.MisroutedService,
    ),
    Fault(
        "visible-to-third-nppo",
        "Listings and pulls ignore To: a third NPPO sees and pulls the envelope.",
        ("HUB-ROUTE-003", "HUB-ROUTE-004"),
        service=routing.VisibleToAllService,
    ),
    Fault(
        "sender-filter-ignored",
        "GetImportEnvelopeHeaders(countryCode) ignores the sender filter.",
        ("HUB-ROUTE-005",),
        service=routing.SenderFilterIgnoredService,
    ),
    Fault(
        "duplicate-number-merged",
        "A re-used certificate number answers the first envelope's number.",
        ("HUB-DELIVER-004",),
        service=routing.DuplicateMergedService,
    ),
    Fault(
        "under-delivery-empty",
        "GetUnderDeliveryEnvelope answers nothing while envelopes are pending.",
        ("HUB-DELIVER-003",),
        service=routing.UnderDeliveryEmptyService,
    ),
    Fault(
        "acknowledgement-lost",
        "Acknowledgements are answered as done but never recorded.",
        ("HUB-ACK-001", "HUB-ACK-004"),
        service=ack.AcknowledgementLostService,
    ),
    Fault(
        "redelivered-after-acknowledgement",
        "An acknowledged envelope is listed and batch-pulled again.",
        ("HUB-ACK-001",),
        service=ack.RedeliveredService,
    ),
    Fault(
        "pulled-never-offered-again",
        "A pulled but unacknowledged envelope is never listed or handed out again.",
        ("HUB-ACK-003",),
        service=ack.NeverOfferedAgainService,
    ),
    Fault(
        "tracking-stuck-pending",
        "Tracking answers PendingDelivery forever, even after acknowledgement.",
        ("HUB-ACK-001", "HUB-ACK-004"),
        service=tracking.StuckPendingService,
    ),
    Fault(
        "failed-acknowledgement-delivered",
        "AcknowledgeFailedEnvelopeReceipt records Delivered, not DeliveredNotReadable.",
        ("HUB-ACK-001",),
        service=ack.FailedSetsDeliveredService,
    ),
    Fault(
        "advanced-acknowledgement-delivered",
        "AdvancedAcknowledgeEnvelopeReceipt records Delivered, dropping the warning.",
        ("HUB-ACK-001",),
        service=ack.AdvancedSetsDeliveredService,
    ),
    Fault(
        "second-acknowledgement-accepted",
        "An acknowledgement of an already final envelope is answered as success.",
        ("HUB-ACK-004",),
        service=ack.SecondAcknowledgementAcceptedService,
    ),
    Fault(
        "acknowledgement-returns-nothing",
        "Advanced and failed acknowledgements answer an empty return, not the state.",
        ("HUB-ACK-002",),
        service=ack.AcknowledgementReturnsNothingService,
    ),
    Fault(
        "known-number-not-exists",
        "PULLSingleImportEnvelope answers EnvelopeNotExists for a waiting envelope.",
        ("HUB-DELIVER-002", "HUB-ACK-003"),
        service=tracking.KnownNumberNotExistsService,
    ),
    Fault(
        "addressee-cannot-track",
        "GetEnvelopeTrackingInfo answers EnvelopeNotExists to the addressee.",
        ("HUB-TRACK-003",),
        service=tracking.AddresseeCannotTrackService,
    ),
    Fault(
        "unknown-number-worded-otherwise",
        "Refusals of unknown numbers say 'Envelope not found', not EnvelopeNotExists.",
        ("HUB-TRACK-002",),
        service=tracking.UnknownNumberWordingService,
    ),
    Fault(
        "third-nppo-acknowledges",
        "Any NPPO may acknowledge an envelope addressed to another.",
        ("HUB-TRACK-004",),
        service=tracking.ThirdNppoAcknowledgesService,
    ),
    Fault(
        "content-re-encoded",
        "Pulled Content is base64 of the XML instead of the text that was sent.",
        ("HUB-DELIVER-002", "HUB-SAMPLE-001"),
        service=content.ContentReencodedService,
    ),
    Fault(
        "content-truncated",
        f"Content is kept in a {content.CONTENT_COLUMN_CHARS}-character column "
        "and pulled cut short.",
        ("HUB-DELIVER-002", "HUB-SAMPLE-001"),
        service=content.ContentTruncatedService,
    ),
    Fault(
        "content-whitespace-changed",
        "Pulled Content has its line ends changed from LF to CRLF.",
        ("HUB-DELIVER-002", "HUB-SAMPLE-001"),
        service=content.ContentWhitespaceService,
    ),
    Fault(
        "validate-and-deliver-unchecked",
        "ValidateAndDeliverEnvelope delivers invalid content without validating it.",
        ("HUB-VALID-003",),
        service=security.UnvalidatedDeliveryService,
    ),
    Fault(
        "validation-silent",
        "ValidatePhytoXML answers no rows, whatever the certificate.",
        ("HUB-VALID-001",),
        service=security.ValidationSilentService,
    ),
    Fault(
        "sender-not-verified",
        "The hub trusts From: one NPPO's client certificate delivers as another.",
        ("HUB-SEC-002",),
        service=security.SenderNotVerifiedService,
    ),
    Fault(
        "unregistered-certificate-accepted",
        "A CA-signed certificate registered to no NPPO is taken as the first NPPO.",
        ("HUB-SEC-001",),
        service=security.UnregisteredAcceptedService,
    ),
    Fault(
        "fault-without-hubwebexception",
        "SOAP faults carry no HubWebException detail, only a faultstring.",
        ("HUB-WIRE-001", "HUB-SEC-001"),
        middleware=wire.fault_without_detail,
    ),
    Fault(
        "fault-with-http-200",
        "SOAP faults are sent with HTTP 200 instead of 500.",
        ("HUB-WIRE-001",),
        middleware=wire.fault_as_http_200,
    ),
    Fault(
        "wrong-namespace",
        f"Responses are in {wire.TEMPURI!r} instead of the contract's namespace.",
        ("HUB-WIRE-002",),
        middleware=wire.wrong_namespace,
    ),
    Fault(
        "slow-batch-pull",
        f"{wire.SLOW_OPERATION} answers only after the client's timeout.",
        ("HUB-WIRE-003",),
        middleware=wire.slow_batch_pull,
    ),
)

FAULTS: Mapping[str, Fault] = MappingProxyType(
    {fault.name: fault for fault in _CATALOGUE}
)
"""Every injectable fault by name, in catalogue order."""


def fault_names() -> list[str]:
    """The catalogued fault names, in catalogue order."""
    return list(FAULTS)


def find_fault(name: str) -> Fault:
    """The catalogued fault called ``name``.

    Example::

        fault = find_fault("content-truncated")
        print(fault.description, fault.caught_by)

    Raises ``UsageError`` for a name not in the catalogue.
    """
    fault = FAULTS.get(name)
    if fault is None:
        raise UsageError(
            f"unknown hub fault {name!r}; choose one of: {', '.join(FAULTS)}"
        )
    return fault
