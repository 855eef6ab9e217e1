"""Errors of the harness or of its user.

Findings about the system under test are data (:mod:`conformance.findings`);
everything here is an exception that stops the harness from doing its job.
Messages read in three parts: what was wrong, where, and what to do.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "ConformanceError",
    "HubError",
    "HubFault",
    "HubTransportError",
    "InputError",
    "UsageError",
]


class ConformanceError(Exception):
    """Base of every error the harness raises on purpose."""


class UsageError(ConformanceError, ValueError):
    """A command or function was called with arguments that cannot work."""


class ConfigError(ConformanceError):
    """Configuration (certificates, state directory, target) is missing or wrong."""


class InputError(ConformanceError, ValueError):
    """Input data cannot be read at all (not a finding about its content)."""


class HubError(ConformanceError):
    """A hub exchange did not produce a usable answer."""


class HubFault(HubError):
    """The hub answered with a SOAP fault (normally ``HubWebException``).

    ``message`` is the fault's free text, ``detail_element`` the local name of the
    detail element (``HubWebException`` on a conforming hub, ``None`` if absent).
    """

    def __init__(
        self,
        message: str,
        *,
        fault_code: str = "soap:Server",
        detail_element: str | None = "HubWebException",
        http_status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.fault_code = fault_code
        self.detail_element = detail_element
        self.http_status = http_status


class HubTransportError(HubError):
    """The exchange failed below SOAP: TLS, connection, HTTP status, or not XML."""

    def __init__(self, message: str, *, http_status: int | None = None) -> None:
        super().__init__(message)
        self.http_status = http_status
