"""The operation table of ``DeliveryService``: element names, parameters, results.

One :class:`Operation` per operation the project implements, spelt exactly as in the
published contract so that the codec, the client, the reference hub and the
project's own WSDL read their names from one place.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "ACTION_BASE",
    "OPERATIONS",
    "Operation",
    "Parameter",
    "ParameterKind",
    "ResultKind",
]

ACTION_BASE = "http://ephyto.ippc.int/IDeliveryService/"


class ParameterKind(enum.StrEnum):
    """What a request parameter carries on the wire."""

    TEXT = "text"
    ENVELOPE = "envelope"


class ResultKind(enum.StrEnum):
    """The shape of an operation's result, and the Python type it decodes to."""

    HEADER = "header"  # EnvelopeHeader
    HEADERS = "headers"  # list[EnvelopeHeader], inside ArrayOfEnvelopeHeader
    ENVELOPE = "envelope"  # Envelope
    ENVELOPES = "envelopes"  # list[Envelope], inside ArrayOfEnvelope
    NONE = "none"  # None: the response wrapper is empty
    TEXT = "text"  # str | None, in eph:return
    VALIDATION_RESULTS = "validation_results"  # list[ValidationResult], unwrapped
    NPPO = "nppo"  # Nppo
    NPPOS = "nppos"  # list[Nppo], inside ArrayOfNppo
    CHANNELS = "channels"  # list[str] of channel codes, inside ArrayOfChannels


@dataclass(frozen=True, slots=True)
class Parameter:
    """One child of a request wrapper: its wire name and its Python name."""

    wire_name: str
    name: str
    required: bool = True
    kind: ParameterKind = ParameterKind.TEXT


@dataclass(frozen=True, slots=True)
class Operation:
    """One ``DeliveryService`` operation as it appears on the wire."""

    name: str
    parameters: tuple[Parameter, ...]
    result_kind: ResultKind
    result_element: str | None
    soap_action: str

    @property
    def request_element(self) -> str:
        """Local name of the request wrapper (the operation name, in ``eph``)."""
        return self.name

    @property
    def response_element(self) -> str:
        """Local name of the response wrapper (``<Op>Response``, in ``eph``)."""
        return f"{self.name}Response"

    def parameter(self, name: str) -> Parameter | None:
        """The parameter with Python name ``name``, or ``None``."""
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        return None


_TRACKING = Parameter("hubTrackingNumber", "hub_tracking_number")


def _operation(
    name: str,
    result_kind: ResultKind,
    result_element: str | None,
    *parameters: Parameter,
    action: str | None = None,
) -> Operation:
    return Operation(
        name=name,
        parameters=parameters,
        result_kind=result_kind,
        result_element=result_element,
        soap_action=ACTION_BASE + (action or name),
    )


_TABLE = (
    _operation(
        "DeliverEnvelope",
        ResultKind.HEADER,
        "DeliverEnvelopeResult",
        Parameter("env", "envelope", kind=ParameterKind.ENVELOPE),
    ),
    _operation(
        "ValidateAndDeliverEnvelope",
        ResultKind.HEADER,
        "ValidateAndDeliverEnvelopeResult",
        Parameter("envelope", "envelope", kind=ParameterKind.ENVELOPE),
    ),
    # The results are repeated directly in the response wrapper, with no
    # ...Result container, unlike the envelope operations.
    _operation(
        "ValidatePhytoXML",
        ResultKind.VALIDATION_RESULTS,
        "ValidationResult",
        Parameter("ePhytoXML", "ephyto_xml"),
    ),
    _operation(
        "GetEnvelopeTrackingInfo",
        ResultKind.HEADER,
        "GetEnvelopeTrackingInfoResult",
        _TRACKING,
    ),
    _operation(
        "GetUnderDeliveryEnvelope",
        ResultKind.HEADERS,
        "GetUnderDeliveryEnvelopeResult",
    ),
    _operation(
        "GetImportEnvelopeHeaders",
        ResultKind.HEADERS,
        "GetImportEnvelopeHeadersResult",
        Parameter("countryCode", "country_code", required=False),
    ),
    _operation(
        "PULLSingleImportEnvelope",
        ResultKind.ENVELOPE,
        "PULLSingleImportEnvelopeResult",
        _TRACKING,
    ),
    # The contract spells this result in the plural, unlike the operation.
    _operation(
        "PULLImportEnvelope",
        ResultKind.ENVELOPES,
        "PULLImportEnvelopesResult",
    ),
    _operation("AcknowledgeEnvelopeReceipt", ResultKind.NONE, None, _TRACKING),
    # Declared with the action of a "NegativeAcknowledge" operation that the
    # contract does not otherwise define; hubs dispatch on the body instead.
    _operation(
        "AdvancedAcknowledgeEnvelopeReceipt",
        ResultKind.TEXT,
        "return",
        _TRACKING,
        Parameter("warningMessage", "warning_message"),
        action="NegativeAcknowledgeEnvelopeReceipt",
    ),
    _operation(
        "AcknowledgeFailedEnvelopeReceipt",
        ResultKind.TEXT,
        "return",
        _TRACKING,
        Parameter("message", "message"),
    ),
    _operation("GetActiveNppos", ResultKind.NPPOS, "GetActiveNpposResult"),
    _operation("GetProfile", ResultKind.NPPO, "GetProfileResult"),
    _operation(
        "GetAvailableChannels", ResultKind.CHANNELS, "GetAvailableChannelsResult"
    ),
)

OPERATIONS: Mapping[str, Operation] = MappingProxyType(
    {operation.name: operation for operation in _TABLE}
)
"""Every implemented operation, by its wire name."""
