"""Run the reference hub on a loopback port, in a background thread or in the foreground."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Self

from aiohttp import web
from aiohttp.typedefs import Middleware

from conformance.errors import ConfigError
from conformance.hub.faults import DEFAULT_CLIENT_TIMEOUT, find_fault
from conformance.hub.pki import TestPki, check_nppo_code, fingerprint
from conformance.hub.server import HUB_PATH, create_app, server_ssl_context
from conformance.hub.service import HubService
from conformance.hub.service.exporter import Validator
from conformance.hub.store import HubStore

__all__ = ["DEFAULT_NPPOS", "EmbeddedHub"]

logger = logging.getLogger(__name__)

DEFAULT_NPPOS = ("NL", "KE", "CL")
# Long enough for an in-flight exchange to finish, short enough for a test teardown.
_SHUTDOWN_SECONDS = 2.0
_START_SECONDS = 30.0
_WILDCARDS = {"", "0.0.0.0", "::"}


class EmbeddedHub:
    """The reference hub with its PKI and store under ``state_dir``.

    Example::

        with EmbeddedHub(tmp_path) as hub:
            with HubClient(hub.url, cert=hub.pki.client("NL"), ca=hub.pki.ca_cert) as c:
                c.get_profile()

    ``listing_limit`` caps the envelopes one listing or batch pull answers (oldest
    first); ``None`` answers all of them. ``fault`` names a catalogued hub fault
    (``conformance.hub.faults``) to inject; wire faults are tuned to defeat a client
    whose timeout is ``client_timeout`` seconds. ``service_factory`` builds the
    service over the hub's store instead (to observe or wrap every operation);
    ``middlewares`` wrap every exchange on the wire (to disturb the transport).

    Raises ``UsageError`` for an invalid NPPO code or fault name and ``ConfigError``
    when the state directory is not writable or the port cannot be bound.
    """

    def __init__(
        self,
        state_dir: str | os.PathLike[str],
        nppos: Iterable[str] = DEFAULT_NPPOS,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        validator: Validator | None = None,
        listing_limit: int | None = None,
        fault: str | None = None,
        client_timeout: float = DEFAULT_CLIENT_TIMEOUT,
        service_factory: Callable[[HubStore], HubService] | None = None,
        middlewares: Sequence[Middleware] = (),
    ) -> None:
        self.state_dir = Path(state_dir)
        self.fault = None if fault is None else find_fault(fault)
        self._client_timeout = client_timeout
        self._middlewares = tuple(middlewares)
        self.nppos = tuple(check_nppo_code(code) for code in nppos)
        self.host = host
        self.pki = TestPki.create(
            self.state_dir / "pki", self.nppos, server_names=(host,)
        )
        self._socket = _bind(host, port)
        try:
            self.store = HubStore.open(self.state_dir, listing_limit=listing_limit)
        except BaseException:
            self._socket.close()
            raise
        for code in self.nppos:
            self.store.register_nppo(code, fingerprint(self.pki.certificate_pem(code)))
        service = HubService if self.fault is None else self.fault.service_class()
        self.service = (
            service_factory(self.store)
            if service_factory is not None
            else service(self.store)
            if validator is None
            else service(self.store, validator)
        )
        self.port: int = self._socket.getsockname()[1]
        self.url = f"https://{_url_host(host)}:{self.port}{HUB_PATH}"
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None

    def start(self) -> Self:
        """Serve in a background thread; return once the hub accepts connections."""
        if self._thread is not None:
            return self
        self._thread = threading.Thread(
            target=self._run_in_thread, name=f"embedded-hub-{self.port}", daemon=True
        )
        self._thread.start()
        if not self._ready.wait(_START_SECONDS):
            raise ConfigError(
                f"the embedded hub did not start on port {self.port} within "
                f"{_START_SECONDS:.0f} s; see the log for the cause"
            )
        if self._failure is not None:
            self._thread.join()
            self._close_resources()
            raise ConfigError(
                f"the embedded hub failed to start: {self._failure}"
            ) from self._failure
        return self

    def stop(self) -> None:
        """Stop serving, wait for the thread, and close the store."""
        thread, loop, stop = self._thread, self._loop, self._stop
        if thread is not None and loop is not None and stop is not None:
            loop.call_soon_threadsafe(stop.set)
            thread.join()
        self._thread = None
        self._close_resources()

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted (Ctrl-C raises KeyboardInterrupt)."""
        try:
            asyncio.run(self._serve())
        finally:
            self._close_resources()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _run_in_thread(self) -> None:
        try:
            asyncio.run(self._serve())
        except Exception as err:
            # Reported to start(); a background thread must not die silently.
            logger.exception("the embedded hub on port %d stopped", self.port)
            self._failure = err
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        middlewares = self._middlewares + (
            () if self.fault is None else self.fault.middlewares(self._client_timeout)
        )
        app = create_app(self.service, wsdl_endpoint=self.url, middlewares=middlewares)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=_SHUTDOWN_SECONDS)
        await runner.setup()
        try:
            site = web.SockSite(
                runner,
                self._socket,
                ssl_context=server_ssl_context(self.pki),
            )
            await site.start()
            self._ready.set()
            await self._stop.wait()
        finally:
            await runner.cleanup()

    def _close_resources(self) -> None:
        self._socket.close()
        self.store.close()


def _bind(host: str, port: int) -> socket.socket:
    # Bound before the application is built so the WSDL can carry the real port.
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
    except OSError as err:
        raise ConfigError(
            f"cannot listen on host {host!r}: {err}; use an address of this machine"
        ) from err
    try:
        # Lets a restarted hub reuse its port at once; Linux still refuses a second
        # listener on the same port.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as err:
        sock.close()
        raise ConfigError(
            f"cannot listen on {host}:{port}: {err.strerror}; choose another port "
            "(0 picks a free one)"
        ) from err
    return sock


def _url_host(host: str) -> str:
    if host in _WILDCARDS:
        return "localhost"
    return f"[{host}]" if ":" in host else host
