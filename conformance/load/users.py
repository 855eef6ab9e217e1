"""Locust users of the hub: exporters deliver, importers list, pull and acknowledge.

Every exchange goes through :class:`FastHubClient`, which fires Locust's ``request``
event with request type ``SOAP`` and the operation as name.
"""

from __future__ import annotations

import logging

import gevent
import gevent.pool
from locust import User, constant, task

from conformance.errors import HubError
from conformance.hub.entities import EnvelopeHeader
from conformance.load import coordination
from conformance.load.envelopes import load_envelope, route, run_delivery_numbers
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
        try:
            header = state.client(path.sender, Side.EXPORT).deliver_envelope(envelope)
        except HubError:
            state.counters.delivery_failed += 1
            return
        if header.hub_delivery_number:
            state.record_delivery(
                header.hub_delivery_number, path.sender, path.recipient
            )
        else:
            state.counters.delivery_failed += 1
            logger.warning(
                "certificate %d refused: %s", n, header.hub_delivery_error_message
            )


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
            numbers = self._pull(state, recipient)
            if not numbers:
                gevent.sleep(_IDLE_SECONDS)
                return
            pool = gevent.pool.Pool(ACK_CONCURRENCY)
            for number in numbers:
                pool.spawn(_acknowledge, state, recipient, number)
            pool.join()
        finally:
            lock.release()

    def _pull(self, state: WorkerState, recipient: str) -> list[str]:
        # Only this run's envelopes are pulled singly and acknowledged: on a shared
        # hub the others belong to someone else and must stay pending for them.
        client, tag = state.client(recipient, Side.IMPORT), state.settings.run_tag
        try:
            if self._turns % _SINGLE_PULL_EVERY:
                pulled: list[EnvelopeHeader] = list(client.pull_import_envelope())
                numbers = run_delivery_numbers(pulled, tag)
                state.counters.foreign += len(pulled) - len(numbers)
            else:
                headers = client.get_import_envelope_headers()
                own = run_delivery_numbers(headers, tag)
                state.counters.foreign += len(headers) - len(own)
                numbers = [
                    client.pull_single_import_envelope(number).hub_delivery_number
                    or number
                    for number in own[:_SINGLE_PULLS]
                ]
        except HubError:
            return []
        state.counters.pulled += len(numbers)
        return numbers


def _acknowledge(state: WorkerState, recipient: str, number: str) -> None:
    try:
        state.client(recipient, Side.IMPORT).acknowledge_envelope_receipt(number)
    except HubError:
        return
    state.record_acknowledgement(number, recipient)
