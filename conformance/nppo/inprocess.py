"""The reference national system run inside the harness's process (tests, selftest)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Self

from conformance.errors import ConformanceError
from conformance.hub.client import HubClient
from conformance.nppo.adapters import ExportAttempt, ExportRequest
from conformance.nppo.hub import NppoHub
from conformance.nppo.local_store import LocalStore
from conformance.nppo.reference import ReferenceSystem

__all__ = ["InProcessExporter", "ThreadedSystem"]

_JOIN_SECONDS = 10.0


def _client(hub: NppoHub) -> HubClient:
    return HubClient(hub.url, cert=hub.system_identity, ca=hub.ca_cert, timeout=10.0)


class ThreadedSystem:
    """A national system's import loop in a background thread, stopped on exit.

    Example::

        with ThreadedSystem(hub, ReferenceSystem, tmp_path / "ke") as system:
            hub.service.probe = system.probe
    """

    def __init__(
        self,
        hub: NppoHub,
        system_class: type[ReferenceSystem],
        work_dir: Path,
        *,
        poll_interval: float = 0.02,
    ) -> None:
        self.hub = hub
        self.system_class = system_class
        self.poll_interval = poll_interval
        self.store = LocalStore.open(work_dir)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._client: HubClient | None = None

    def probe(self, hub_delivery_number: str, certificate_number: str) -> bool:
        """Whether the system's own store holds the envelope yet."""
        return self.store.holds(hub_delivery_number)

    def exporter(self) -> InProcessExporter:
        """An exporter that sends through this system's class and store."""
        return InProcessExporter(self.hub, self.system_class, self.store)

    def __enter__(self) -> Self:
        self._client = _client(self.hub)
        system = self.system_class(
            self._client,
            self.store,
            code=self.hub.system,
            poll_interval=self.poll_interval,
        )
        self._thread = threading.Thread(
            target=system.run, args=(self._stop,), name="national-system", daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(_JOIN_SECONDS)
        if self._client is not None:
            self._client.close()
        self.store.close()


class InProcessExporter:
    """The export adapter as a function call rather than a command."""

    def __init__(
        self, hub: NppoHub, system_class: type[ReferenceSystem], store: LocalStore
    ) -> None:
        self.hub = hub
        self.system_class = system_class
        self.store = store

    def export(self, request: ExportRequest) -> ExportAttempt:
        """Send one certificate with a fresh client, as the command would."""
        try:
            with _client(self.hub) as client:
                system = self.system_class(client, self.store, code=self.hub.system)
                system.export(request)
        except ConformanceError as err:
            return ExportAttempt(False, str(err))
        return ExportAttempt(True)
