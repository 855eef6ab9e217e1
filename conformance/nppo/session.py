"""An NPPO-profile session: the harness hub, the system under test and its adapters."""

from __future__ import annotations

import contextlib
import shlex
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from conformance.errors import ConfigError
from conformance.hub.pki import check_nppo_code
from conformance.nppo.adapters import CommandExporter, CommandProbe, SystemProcess
from conformance.nppo.capabilities import Capabilities, load_capabilities
from conformance.nppo.contract import SystemEndpoint
from conformance.nppo.hub import NppoHub
from conformance.nppo.settings import (
    DEFAULT_BACKLOG,
    DEFAULT_SCENARIO_TIMEOUT,
    NppoSettings,
)

__all__ = ["NppoOptions", "nppo_session", "parse_listen"]

# A query answers from the system's own store: a few seconds is plenty.
_QUERY_SECONDS = 10.0
# How often the wait for the first call looks whether --nppo-command has exited.
_EXIT_CHECK_SECONDS = 0.2


@dataclass(frozen=True, slots=True)
class NppoOptions:
    """The ``run --profile nppo`` options."""

    code: str = "KE"
    listen: str | None = None
    nppo_command: str | None = None
    export_command: str | None = None
    query_command: str | None = None
    capabilities: Path | None = None
    scenario_timeout: float = DEFAULT_SCENARIO_TIMEOUT
    backlog: int = DEFAULT_BACKLOG
    connect_timeout: float = 60.0
    export_timeout: float = 60.0


def _await_first_contact(
    hub: NppoHub, system: SystemProcess | None, timeout: float
) -> None:
    """Wait for the system's first call; stop at once if its command has exited."""
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if hub.wait_first_contact(max(0.0, min(_EXIT_CHECK_SECONDS, remaining))):
            return
        status = None if system is None else system.exit_status()
        if system is not None and status is not None:
            raise ConfigError(
                f"--nppo-command {shlex.join(system.words)!r} exited {status} before "
                f"it called the harness hub; its output ends: {system.log_tail()!r}. "
                "The command runs with the harness's environment: give the full "
                "path of the interpreter (e.g. .venv/bin/python) if it needs a venv"
            )
        if remaining <= 0:
            raise ConfigError(
                f"{hub.failed_to_start()} within {timeout:g} s"
                + (
                    ""
                    if system is None
                    else f"; its output ends: {system.log_tail()!r}"
                )
            )


def parse_listen(listen: str | None) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:8443`` for IPv6) as a pair; ``ConfigError`` if malformed."""
    if listen is None:
        return "127.0.0.1", 0
    host, separator, port = listen.rpartition(":")
    host = host.strip("[]")
    if not separator or not host or not port.isdigit() or int(port) > 65535:
        raise ConfigError(
            f"--listen {listen!r} is not HOST:PORT; write e.g. 127.0.0.1:8443 "
            "(port 0 picks a free one)"
        )
    return host, int(port)


@contextlib.contextmanager
def nppo_session(
    options: NppoOptions,
    state_dir: Path,
    tag: str,
    *,
    announce: Callable[[SystemEndpoint], None] | None = None,
) -> Iterator[NppoSettings]:
    """Start the harness hub, start or wait for the system, yield the settings.

    Raises ``ConfigError`` for a bad option or a system that never calls the hub.
    """
    code = check_nppo_code(options.code)
    capabilities = (
        load_capabilities(options.capabilities)
        if options.capabilities is not None
        else Capabilities()
    )
    host, port = parse_listen(options.listen)
    hub = NppoHub(state_dir / "hub", system=code, host=host, port=port)
    cert, key = hub.system_identity
    endpoint = SystemEndpoint(
        hub.url, hub.ca_cert, cert, key, code, state_dir / "system"
    )
    endpoint.work_dir.mkdir(parents=True, exist_ok=True)
    if options.query_command:
        hub.service.probe = CommandProbe(
            options.query_command, endpoint, _QUERY_SECONDS
        )
    exporter = (
        CommandExporter(options.export_command, endpoint, options.export_timeout)
        if options.export_command
        else None
    )
    settings = NppoSettings(
        hub=hub,
        capabilities=capabilities,
        tag=tag,
        scenario_timeout=options.scenario_timeout,
        backlog=options.backlog,
        exporter=exporter,
        probe_given=options.query_command is not None,
    )
    with hub, contextlib.ExitStack() as stack:
        if announce is not None:
            announce(endpoint)
        system = None
        if options.nppo_command:
            system = stack.enter_context(SystemProcess(options.nppo_command, endpoint))
        if capabilities.import_.enabled:
            _await_first_contact(hub, system, options.connect_timeout)
        yield settings
