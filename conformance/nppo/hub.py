"""The harness hub: the reference hub playing the hub for one national system."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Self

from conformance.errors import ConfigError, UsageError
from conformance.hub.embedded import EmbeddedHub
from conformance.hub.entities import FINAL_STATES, Envelope, TrackingInfo
from conformance.hub.pki import check_nppo_code
from conformance.nppo.observer import (
    LISTINGS,
    Exchange,
    ExchangeLog,
    ObservedHubService,
    StoreProbe,
)

__all__ = ["NppoHub", "partner_for"]

logger = logging.getLogger(__name__)

_PARTNERS = ("NL", "CL")


def partner_for(system_code: str) -> str:
    """The simulated trading partner: NL, or CL when the system itself is NL."""
    return next(code for code in _PARTNERS if not system_code.startswith(code))


class NppoHub:
    """The reference hub with two NPPOs: the system under test and its partner.

    Example::

        with NppoHub(tmp_path, system="KE") as hub:
            numbers = hub.queue(envelopes)
            hub.wait_final(numbers, timeout=5)

    Raises ``UsageError`` for an invalid NPPO code and ``ConfigError`` when the
    hub cannot start (state directory not writable, port taken).
    """

    def __init__(
        self,
        state_dir: str | os.PathLike[str],
        *,
        system: str,
        host: str = "127.0.0.1",
        port: int = 0,
        probe: StoreProbe | None = None,
    ) -> None:
        self.system = check_nppo_code(system)
        self.partner = partner_for(self.system)
        self.log = ExchangeLog()
        self._hub = EmbeddedHub(
            Path(state_dir),
            nppos=(self.partner, self.system),
            host=host,
            port=port,
            service_factory=lambda store: ObservedHubService(
                store, self.log, observed=self.system, probe=probe
            ),
        )
        service = self._hub.service
        assert isinstance(service, ObservedHubService)
        self.service = service
        self.url = self._hub.url
        self.pki = self._hub.pki

    @property
    def ca_cert(self) -> Path:
        """The CA certificate the system under test trusts the hub with."""
        return self.pki.ca_cert

    @property
    def system_identity(self) -> tuple[Path, Path]:
        """The client certificate and key of the system under test."""
        return self.pki.client(self.system)

    def __enter__(self) -> Self:
        self._hub.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._hub.stop()

    def queue(self, envelopes: Iterable[Envelope]) -> list[str]:
        """Deliver ``envelopes`` from the partner; their hubDeliveryNumbers, in order."""
        numbers: list[str] = []
        for envelope in envelopes:
            header = self.service.deliver_envelope(self.partner, envelope)
            if header.hub_delivery_number is None:
                raise UsageError(
                    f"the harness hub refused scenario envelope "
                    f"{envelope.nppo_certificate_number!r}: "
                    f"{header.hub_delivery_error_message}"
                )
            numbers.append(header.hub_delivery_number)
        self.log.wake()
        return numbers

    def state(self, number: str) -> str:
        """The tracking state of envelope ``number``."""
        envelope = self.service.store.envelope(number)
        if envelope is None:
            return TrackingInfo.ENVELOPE_NOT_EXISTS.value
        return envelope.hub_tracking_info or ""

    def envelope(self, number: str) -> Envelope | None:
        """The envelope ``number`` as the hub keeps it."""
        return self.service.store.envelope(number)

    def wait_final(self, numbers: Iterable[str], timeout: float) -> bool:
        """Wait until every envelope in ``numbers`` is final; False on timeout."""
        wanted = list(numbers)
        final = {state.value for state in FINAL_STATES}
        return self.log.wait_for(
            lambda: all(self.state(number) in final for number in wanted), timeout
        )

    def wait_listing_after(self, seq: int, timeout: float) -> bool:
        """Wait until the system lists its envelopes after exchange ``seq``."""
        return self.log.wait_for(
            lambda: any(
                exchange.seq > seq and exchange.operation in LISTINGS
                for exchange in self.log.snapshot()
            ),
            timeout,
        )

    def wait_first_contact(self, timeout: float) -> bool:
        """Wait until the system under test makes its first call."""
        return self.log.wait_for(lambda: self.log.last_seq > 0, timeout)

    def exchanges(self) -> list[Exchange]:
        """Every call the system under test made, oldest first."""
        return self.log.snapshot()

    def failed_to_start(self) -> ConfigError:
        """The error for a system that never called the hub."""
        return ConfigError(
            f"the national system {self.system!r} never called the harness hub at "
            f"{self.url}; start it with the CA {str(self.ca_cert)!r} and its client "
            f"certificate {str(self.system_identity[0])!r}"
        )
