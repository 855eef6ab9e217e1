"""Locust users of the hub: exporters deliver, importers list, pull and acknowledge.

Every exchange goes through :class:`FastHubClient`, which fires Locust's ``request``
event with request type ``SOAP`` and the operation as name. A delivery or an
acknowledgement the hub leaves unanswered is sent again (``conformance.load.retry``).
"""

from __future__ import annotations

import logging

import gevent
import gevent.pool
from locust import User, constant, task

from conformance.errors import HubError, HubFault, HubTransportError
from conformance.hub.entities import Envelope, EnvelopeHeader, TrackingInfo
from conformance.load import coordination, retry
from conformance.load.client import FastHubClient
from conformance.load.envelopes import Route, load_envelope, route, run_headers
from conformance.load.worker_state import ACK_CONCURRENCY, Side, WorkerState

__all__ = ["ExporterUser", "ImporterUser"]

logger = logging.getLogger(__name__)

_IDLE_SECONDS = 0.2
# One importer turn in this many lists headers and pulls singly instead of in batch.
_SINGLE_PULL_EVERY = 10
_SINGLE_PULLS = 20


class ExporterUser(User):
    """An NPPO system delivering this worker's share of the certificates."""

    wait_time = constant(0)
    weight = 3

    @task
    def deliver(self) -> None:
        """Deliver the next due certificate, or idle once the share is done."""
        state = coordination.state()
        n = None if state is None else state.next_certificate()
        if state is None or n is None:
            gevent.sleep(_IDLE_SECONDS)
            return
        state.wait_until_due(n, gevent.sleep)
        path = route(n, state.settings.nppos)
        settings = state.settings
        envelope = load_envelope(
            settings.seed, n, path.sender, path.recipient, settings.run_tag
        )
        if not _deliver(state, envelope, path):
            state.counters.delivery_failed += 1


class ImporterUser(User):
    """An NPPO system draining the envelopes waiting for the recipients it owns."""

    wait_time = constant(0)
    weight = 1

    def on_start(self) -> None:
        """Count turns so one in ``_SINGLE_PULL_EVERY`` uses the single pull."""
        self._turns = 0

    @task
    def drain(self) -> None:
        """Pull what waits for one owned recipient and acknowledge each envelope."""
        state = coordination.state()
        claim = None if state is None or not state.draining else state.claim_recipient()
        if state is None or claim is None:
            gevent.sleep(_IDLE_SECONDS)
            return
        recipient, lock = claim
        try:
            self._turns += 1
            pulled = self._pull(state, recipient)
            if not pulled:
                gevent.sleep(_IDLE_SECONDS)
                return
            pool = gevent.pool.Pool(ACK_CONCURRENCY)
            for header in pulled:
                pool.spawn(_acknowledge, state, recipient, header)
            pool.join()
        finally:
            lock.release()

    def _pull(self, state: WorkerState, recipient: str) -> list[EnvelopeHeader]:
        # Only this run's envelopes are pulled singly and acknowledged: on a shared
        # hub the others belong to someone else and must stay pending for them.
        # A failed pull needs no retry: what it would have pulled waits for the
        # next turn.
        client, tag = state.client(recipient, Side.IMPORT), state.settings.run_tag
        try:
            if self._turns % _SINGLE_PULL_EVERY:
                listed: list[EnvelopeHeader] = list(client.pull_import_envelope())
                pulled = run_headers(listed, tag)
            else:
                listed = list(client.get_import_envelope_headers())
                pulled = [
                    _single_pull(client, header)
                    for header in run_headers(listed, tag)[:_SINGLE_PULLS]
                ]
        except HubError:
            return []
        state.counters.foreign += len(listed) - len(run_headers(listed, tag))
        state.counters.pulled += len(pulled)
        return pulled


def _deliver(state: WorkerState, envelope: Envelope, path: Route) -> bool:
    """Deliver ``envelope``, again while unanswered; True once it has a number."""
    client = state.client(path.sender, Side.EXPORT)
    for attempt, pause in enumerate(retry.pauses()):
        if attempt:
            gevent.sleep(pause)
            state.counters.retried += 1
        try:
            header = client.deliver_envelope(envelope)
        except HubTransportError:
            # The hub may have queued it before the answer was lost.
            state.record_unanswered_delivery(
                envelope.nppo_certificate_number, path.sender, path.recipient
            )
            continue
        except HubFault:
            return False
        if not header.hub_delivery_number:
            logger.warning(
                "certificate %s refused: %s",
                envelope.nppo_certificate_number,
                header.hub_delivery_error_message,
            )
            return False
        state.record_delivery(header.hub_delivery_number, path.sender, path.recipient)
        return True
    return False


def _single_pull(client: FastHubClient, header: EnvelopeHeader) -> EnvelopeHeader:
    pulled = client.pull_single_import_envelope(header.hub_delivery_number or "")
    return header if not pulled.hub_delivery_number else pulled


def _acknowledge(state: WorkerState, recipient: str, header: EnvelopeHeader) -> None:
    number = header.hub_delivery_number or ""
    client = state.client(recipient, Side.IMPORT)
    unanswered = False
    for attempt, pause in enumerate(retry.pauses()):
        if attempt:
            gevent.sleep(pause)
            state.counters.retried += 1
        try:
            client.acknowledge_envelope_receipt(number)
        except HubTransportError:
            unanswered = True
            continue
        except HubFault:
            # A refusal after an unanswered try: that try may have taken effect.
            if not (unanswered and _is_delivered(client, number)):
                return
        state.record_acknowledgement(number, recipient, header.nppo_certificate_number)
        return
    # Still unanswered: the envelope stays pending and the next pull offers it again.


def _is_delivered(client: FastHubClient, number: str) -> bool:
    # The addressee may track the envelope (D18).
    try:
        state = client.get_envelope_tracking_info(number).hub_tracking_info
    except HubError:
        return False
    return state == TrackingInfo.DELIVERED
