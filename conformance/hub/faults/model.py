"""What an injected hub fault is: a name, a description, and how it wraps the hub."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aiohttp.typedefs import Middleware

from conformance.hub.service import HubService

__all__ = ["DEFAULT_CLIENT_TIMEOUT", "Fault", "MiddlewareFactory"]

# HubClient's default timeout: a wire fault built without a tuning defeats it.
DEFAULT_CLIENT_TIMEOUT = 30.0

MiddlewareFactory = Callable[[float], Middleware]
"""Builds a wire fault's aiohttp middleware for the client timeout it must defeat."""


@dataclass(frozen=True, slots=True)
class Fault:
    """One realistic way a hub goes wrong, injected around the clean reference hub.

    ``service`` replaces ``HubService`` with a subclass (a behaviour fault);
    ``middleware`` wraps the aiohttp application (a transport or wire fault).
    ``caught_by`` names the checks that must fail against it.
    """

    name: str
    description: str
    caught_by: tuple[str, ...]
    service: type[HubService] | None = None
    middleware: MiddlewareFactory | None = None

    def middlewares(
        self, client_timeout: float = DEFAULT_CLIENT_TIMEOUT
    ) -> tuple[Middleware, ...]:
        """The aiohttp middlewares of this fault, tuned to ``client_timeout``."""
        if self.middleware is None:
            return ()
        return (self.middleware(client_timeout),)

    def service_class(self) -> type[HubService]:
        """The service class the faulty hub runs: the fault's or the clean one."""
        return self.service if self.service is not None else HubService
