"""The reference national system: a well-behaved NPPO client of the hub.

It lists the envelopes waiting for it, pulls each one, reads the certificate in
any Content form met in the field, validates it, stores it locally, and only then
acknowledges it, once, with the kind the content deserves. On request it also
sends a certificate. Faulty variants (:mod:`conformance.nppo.variants`) override
one step each.

Run it against a hub with the adapter-contract environment
(:mod:`conformance.nppo.contract`)::

    python -m conformance.nppo.reference run [--variant NAME]
    python -m conformance.nppo.reference export
    python -m conformance.nppo.query
"""

from __future__ import annotations

import logging
import secrets
import threading
from dataclasses import dataclass

from conformance.certificate.examples import minimal_851, reexport_657
from conformance.errors import HubError
from conformance.findings import Level
from conformance.generate.envelopes import envelope_for
from conformance.hub.client import HubClient
from conformance.hub.entities import Envelope, EnvelopeHeader
from conformance.nppo.adapters import ExportRequest
from conformance.nppo.local_store import LocalStore
from conformance.nppo.scenarios import ACKNOWLEDGE, ADVANCED, FAILED
from conformance.validate import validate_envelope

__all__ = ["ReferenceSystem", "Verdict", "main"]

logger = logging.getLogger(__name__)

# Findings that mean the certificate cannot be read at all, as opposed to read
# with problems: Content form, well-formedness, encoding, unsafe constructs.
_UNREADABLE = ("EPH-ENV-006", "EPH-WF-", "EPH-ENC-", "EPH-SEC-")


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the system makes of one envelope: the acknowledgement and its text."""

    kind: str
    message: str = ""


class ReferenceSystem:
    """A national system's hub connection: the import loop and the export call.

    Example::

        with HubClient(url, cert=(cert, key), ca=ca) as client:
            system = ReferenceSystem(client, LocalStore.open(work_dir), code="KE")
            system.run(stop_event)

    Hub errors inside a cycle are logged and the next cycle tries again.
    """

    def __init__(
        self,
        client: HubClient,
        store: LocalStore,
        *,
        code: str,
        poll_interval: float = 0.05,
    ) -> None:
        self.client = client
        self.store = store
        self.code = code
        self.poll_interval = poll_interval

    def run(self, stop: threading.Event) -> None:
        """Poll the hub until ``stop`` is set."""
        while not stop.is_set():
            try:
                self.cycle()
            except HubError as err:
                logger.warning("import cycle failed: %s", err)
            stop.wait(self.poll_interval)

    def cycle(self) -> None:
        """One pass: list what waits, then receive each envelope."""
        headers = self.client.get_import_envelope_headers()
        for header in self.select(headers):
            if header.hub_delivery_number:
                self.receive(header)

    def select(self, headers: list[EnvelopeHeader]) -> list[EnvelopeHeader]:
        """The listed envelopes this cycle handles: all of them."""
        return headers

    def receive(self, header: EnvelopeHeader) -> None:
        """Pull one envelope, read it, store it, then acknowledge it."""
        number = header.hub_delivery_number or ""
        envelope = self.client.pull_single_import_envelope(number)
        verdict = self.read(envelope)
        self.keep(envelope, verdict)
        self.acknowledge(number, verdict)

    def read(self, envelope: Envelope) -> Verdict:
        """Decide the acknowledgement from the content and the local store."""
        severe = [
            finding
            for finding in validate_envelope(envelope)
            if finding.level == Level.SEVERE
        ]
        unreadable = [f for f in severe if f.rule_id.startswith(_UNREADABLE)]
        if unreadable:
            return Verdict(FAILED, "; ".join(f.hub_message() for f in unreadable))
        if severe:
            return Verdict(ADVANCED, "; ".join(f.hub_message() for f in severe))
        earlier = self.store.received_numbers(envelope.nppo_certificate_number)
        if earlier and envelope.certificate_status == 70:
            return Verdict(
                ADVANCED,
                f"duplicate of certificate {envelope.nppo_certificate_number!r} "
                f"received as {earlier[0]}",
            )
        return Verdict(ACKNOWLEDGE)

    def keep(self, envelope: Envelope, verdict: Verdict) -> None:
        """Store the certificate (or the refusal) before acknowledging."""
        self.store.save_received(
            envelope.hub_delivery_number or "",
            envelope.nppo_certificate_number,
            envelope.from_,
            envelope.certificate_status,
            verdict.kind,
            (envelope.content or "").encode("utf-8"),
        )

    def acknowledge(self, number: str, verdict: Verdict) -> None:
        """Answer the hub with the kind the verdict names, once."""
        if verdict.kind == FAILED:
            self.client.acknowledge_failed_envelope_receipt(number, verdict.message)
        elif verdict.kind == ADVANCED:
            self.client.advanced_acknowledge_envelope_receipt(number, verdict.message)
        else:
            self.client.acknowledge_envelope_receipt(number)

    def export(self, request: ExportRequest) -> str:
        """Send the certificate ``request`` describes; its hubDeliveryNumber.

        Raises ``HubError`` when the hub refuses the envelope.
        """
        envelope = self.export_envelope(request)
        header = self.client.deliver_envelope(envelope)
        number = header.hub_delivery_number
        if not number:
            raise HubError(
                f"the hub refused certificate {envelope.nppo_certificate_number!r}: "
                f"{header.hub_tracking_info} {header.hub_delivery_error_message}"
            )
        self.store.save_sent(number, envelope.nppo_certificate_number)
        self.confirm(envelope, number)
        return number

    def export_envelope(self, request: ExportRequest) -> Envelope:
        """The envelope for ``request``: header written from the certificate."""
        certificate = (
            reexport_657() if request.certificate_type == 657 else minimal_851()
        )
        document = certificate.document
        document.id = request.reference_number or (
            f"{self.code}-{secrets.token_hex(4).upper()}"
        )
        document.status_code = str(request.certificate_status)
        certificate.consignment.export_country = self.code[:2]
        certificate.consignment.import_country = request.destination[:2]
        envelope = envelope_for(certificate)
        envelope.from_, envelope.to = self.code, request.destination
        return envelope

    def confirm(self, envelope: Envelope, number: str) -> None:
        """Look the sent envelope up by its hubDeliveryNumber, as operators do."""
        header = self.client.get_envelope_tracking_info(number)
        logger.info(
            "sent %s as %s: %s",
            envelope.nppo_certificate_number,
            number,
            header.hub_tracking_info,
        )


def main(argv: list[str] | None = None) -> int:
    """``python -m conformance.nppo.reference run|export|query [--variant NAME]``."""
    from conformance.nppo._reference_cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
