"""What the national system does on the harness hub: every exchange, in order.

``ObservedHubService`` is the reference hub's service with a log: each call the
system under test makes (listing, pull, acknowledgement, delivery) is recorded
with the envelope numbers it concerned and whether the hub refused it. The store
keeps only accepted acknowledgements; the checks also need pulls, refusals and
repeats, so the observation lives here, around the service.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from conformance.hub.entities import EnvelopeHeader, TrackingInfo
from conformance.hub.service import HubService, HubServiceFault
from conformance.hub.store import HubStore

__all__ = [
    "ACKNOWLEDGEMENTS",
    "DELIVERIES",
    "LISTINGS",
    "PULLS",
    "Exchange",
    "ExchangeLog",
    "ObservedHubService",
    "StoreProbe",
]

ACKNOWLEDGEMENTS = frozenset(
    {
        "AcknowledgeEnvelopeReceipt",
        "AdvancedAcknowledgeEnvelopeReceipt",
        "AcknowledgeFailedEnvelopeReceipt",
    }
)
PULLS = frozenset({"PULLSingleImportEnvelope", "PULLImportEnvelope"})
LISTINGS = frozenset({"GetImportEnvelopeHeaders", "PULLImportEnvelope"})
DELIVERIES = frozenset({"DeliverEnvelope", "ValidateAndDeliverEnvelope"})
_POSITIVE = frozenset(
    {"AcknowledgeEnvelopeReceipt", "AdvancedAcknowledgeEnvelopeReceipt"}
)

StoreProbe = Callable[[str, str], bool | None]
"""(hubDeliveryNumber, NPPOCertificateNumber) -> does the system hold it yet."""


@dataclass(frozen=True, slots=True)
class Exchange:
    """One call the system under test made, as the hub saw it."""

    seq: int
    at: float
    caller: str
    operation: str
    numbers: tuple[str, ...]
    refused: str | None = None
    message: str | None = None
    stored: bool | None = None

    @property
    def ok(self) -> bool:
        """Whether the hub answered normally (no fault)."""
        return self.refused is None


class ExchangeLog:
    """Thread-safe, append-only list of exchanges with waiting by condition."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._exchanges: list[Exchange] = []

    def append(self, **fields: Any) -> Exchange:
        """Record one exchange and wake every waiter."""
        with self._changed:
            exchange = Exchange(
                seq=len(self._exchanges) + 1, at=time.monotonic(), **fields
            )
            self._exchanges.append(exchange)
            self._changed.notify_all()
        return exchange

    def snapshot(self) -> list[Exchange]:
        """Every exchange so far, oldest first."""
        with self._changed:
            return list(self._exchanges)

    @property
    def last_seq(self) -> int:
        """The number of the latest exchange (0 when none)."""
        with self._changed:
            return len(self._exchanges)

    def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:
        """Block until ``predicate()`` holds or ``timeout`` seconds pass."""
        with self._changed:
            return self._changed.wait_for(predicate, timeout)

    def wake(self) -> None:
        """Re-evaluate waiters' predicates (after a change outside the log)."""
        with self._changed:
            self._changed.notify_all()


class ObservedHubService(HubService):
    """The reference hub's service that records every call of ``observed``.

    Example::

        hub.service = ObservedHubService(hub.store, log, observed="KE")

    ``probe``, when given, is asked at each positive acknowledgement, before the
    hub applies it, whether the system already holds the certificate.
    """

    def __init__(
        self,
        store: HubStore,
        log: ExchangeLog,
        *,
        observed: str,
        probe: StoreProbe | None = None,
    ) -> None:
        super().__init__(store)
        self.log = log
        self.observed = observed
        self.probe = probe

    def call(self, operation: str, caller: str, params: Mapping[str, Any]) -> object:
        """Run the operation and record it when the system under test made it."""
        if caller != self.observed:
            return super().call(operation, caller, params)
        number = params.get("hub_tracking_number") or ""
        stored = self._probe(operation, caller, number)
        message = params.get("warning_message") or params.get("message")
        try:
            result = super().call(operation, caller, params)
        except HubServiceFault as fault:
            self.log.append(
                caller=caller,
                operation=operation,
                numbers=(number,) if number else (),
                refused=fault.message,
                message=message,
                stored=stored,
            )
            raise
        self.log.append(
            caller=caller,
            operation=operation,
            numbers=_numbers(number, result),
            refused=_refusal(result),
            message=message,
            stored=stored,
        )
        return result

    def _probe(self, operation: str, caller: str, number: str) -> bool | None:
        if self.probe is None or operation not in _POSITIVE:
            return None
        envelope = self.store.envelope(number)
        if envelope is None or envelope.to != caller:
            return None
        return self.probe(number, envelope.nppo_certificate_number)


def _refusal(result: object) -> str | None:
    # DeliverEnvelope refuses with a FailedDelivery header, not a fault (D3, D4).
    if (
        isinstance(result, EnvelopeHeader)
        and result.hub_tracking_info == TrackingInfo.FAILED_DELIVERY.value
    ):
        return f"FailedDelivery: {result.hub_delivery_error_message}"
    return None


def _numbers(requested: str, result: object) -> tuple[str, ...]:
    if isinstance(result, EnvelopeHeader):
        found = result.hub_delivery_number
        return (found,) if found else ((requested,) if requested else ())
    if isinstance(result, list):
        return tuple(
            item.hub_delivery_number
            for item in result
            if isinstance(item, EnvelopeHeader) and item.hub_delivery_number
        )
    return (requested,) if requested else ()
