"""Sending envelopes for the checks: unique numbers, own envelopes only, no leftovers.

A real hub is shared with other users, so a run marks its certificates with a
run-unique number, looks only at envelopes it sent, and acknowledges every envelope
it delivered before it ends.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, replace

from conformance.certificate import Certificate
from conformance.errors import HubError, HubFault
from conformance.generate import envelope_for
from conformance.hub.client import HubClient
from conformance.hub.entities import Envelope, EnvelopeHeader, TrackingInfo

__all__ = ["Courier", "NppoClient", "is_fault"]

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class NppoClient:
    """A connection code and the open client that speaks as it."""

    code: str
    client: HubClient


def is_fault(error: HubFault, prefix: str) -> bool:
    """Whether a ``HubWebException`` message starts with ``prefix`` (D9, D10)."""
    return error.message.strip().startswith(prefix)


class Courier:
    """Delivers envelopes from the exporter to the importer and settles them."""

    def __init__(self, exporter: NppoClient, importer: NppoClient, run_id: str) -> None:
        self.exporter = exporter
        self.importer = importer
        # The run id's time and random part: short enough for any number field.
        self._prefix = "CONF" + run_id.replace("T", "").replace("Z", "")[6:]
        self._counter = itertools.count(1)
        self.sent: list[str] = []

    def number(self) -> str:
        """A certificate number no other run and no other check uses."""
        return f"{self._prefix}-{next(self._counter):04d}".upper()

    def envelope(self, certificate: Certificate) -> Envelope:
        """The envelope for ``certificate``, renumbered, from exporter to importer."""
        certificate.document.id = self.number()
        envelope = envelope_for(certificate)
        return replace(envelope, from_=self.exporter.code, to=self.importer.code)

    def text_envelope(self, content: str, *, certificate_type: int = 851) -> Envelope:
        """An envelope carrying ``content`` as is, with a header written by hand."""
        return Envelope(
            from_=self.exporter.code,
            to=self.importer.code,
            certificate_type=certificate_type,
            certificate_status=70,
            nppo_certificate_number=self.number(),
            content=content,
        )

    def deliver(self, envelope: Envelope) -> EnvelopeHeader:
        """``DeliverEnvelope`` as the exporter; the number is kept for settling."""
        return self._keep(self.exporter.client.deliver_envelope(envelope))

    def validate_and_deliver(self, envelope: Envelope) -> EnvelopeHeader:
        """``ValidateAndDeliverEnvelope`` as the exporter."""
        header = self.exporter.client.validate_and_deliver_envelope(envelope)
        return self._keep(header)

    def keep(self, header: EnvelopeHeader) -> EnvelopeHeader:
        """Remember an envelope delivered by other means (another sender's client)."""
        return self._keep(header)

    def settle(self) -> list[str]:
        """Acknowledge every delivered envelope still pending; return their numbers."""
        settled: list[str] = []
        for number in self.sent:
            try:
                state = self.exporter.client.get_envelope_tracking_info(number)
                if state.hub_tracking_info != TrackingInfo.PENDING_DELIVERY:
                    continue
                self.importer.client.acknowledge_envelope_receipt(number)
            except HubError as error:
                logger.warning("could not settle envelope %s: %s", number, error)
                continue
            settled.append(number)
        return settled

    def _keep(self, header: EnvelopeHeader) -> EnvelopeHeader:
        if header.hub_delivery_number:
            self.sent.append(header.hub_delivery_number)
        return header
