"""Running the national system's own commands under the adapter contract."""

from __future__ import annotations

import logging
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol, Self

from conformance.errors import ConfigError, UsageError
from conformance.nppo.contract import (
    ENV_CERTIFICATE_NUMBER,
    ENV_CERTIFICATE_STATUS,
    ENV_CERTIFICATE_TYPE,
    ENV_DESTINATION,
    ENV_HUB_DELIVERY_NUMBER,
    ENV_REFERENCE_NUMBER,
    ENV_SCENARIO,
    SystemEndpoint,
)

__all__ = [
    "CommandExporter",
    "CommandProbe",
    "ExportAttempt",
    "ExportRequest",
    "Exporter",
    "SystemProcess",
    "split_command",
]

logger = logging.getLogger(__name__)

_STOP_SECONDS = 5.0
_OUTPUT_TAIL = 600


def split_command(command: str, option: str) -> list[str]:
    """``command`` as an argument list (shell words, no shell); ``UsageError`` if empty."""
    try:
        words = shlex.split(command)
    except ValueError as err:
        raise UsageError(f"{option} {command!r} cannot be split: {err}") from err
    if not words:
        raise UsageError(f"{option} is empty; give the command that runs your system")
    return words


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """One certificate the harness asks the system to send."""

    scenario: str
    destination: str
    certificate_type: int
    certificate_status: int
    reference_number: str = ""


@dataclass(frozen=True, slots=True)
class ExportAttempt:
    """How the system's export went from its own side."""

    succeeded: bool
    detail: str = ""


class Exporter(Protocol):
    """Makes the system under test send one certificate."""

    def export(self, request: ExportRequest) -> ExportAttempt:
        """Send the certificate ``request`` describes; report success."""


class CommandExporter:
    """``--export-command``: the system's own command, run once per request."""

    def __init__(self, command: str, endpoint: SystemEndpoint, timeout: float) -> None:
        self.words = split_command(command, "--export-command")
        self.endpoint = endpoint
        self.timeout = timeout

    def export(self, request: ExportRequest) -> ExportAttempt:
        """Run the command with the request in the environment."""
        environment = self.endpoint.environment(
            **{
                ENV_SCENARIO: request.scenario,
                ENV_DESTINATION: request.destination,
                ENV_CERTIFICATE_TYPE: str(request.certificate_type),
                ENV_CERTIFICATE_STATUS: str(request.certificate_status),
                ENV_REFERENCE_NUMBER: request.reference_number,
            }
        )
        try:
            finished = subprocess.run(
                self.words,
                env=environment,
                capture_output=True,
                text=True,
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return ExportAttempt(False, f"still running after {self.timeout:g} s")
        except OSError as err:
            return ExportAttempt(False, f"cannot start {self.words[0]!r}: {err}")
        if finished.returncode != 0:
            tail = (finished.stderr or finished.stdout)[-_OUTPUT_TAIL:]
            return ExportAttempt(False, f"exit {finished.returncode}: {tail.strip()}")
        return ExportAttempt(True)


class CommandProbe:
    """``--query-command``: does the system hold a certificate yet (exit 0 / 1)."""

    def __init__(self, command: str, endpoint: SystemEndpoint, timeout: float) -> None:
        self.words = split_command(command, "--query-command")
        self.endpoint = endpoint
        self.timeout = timeout

    def __call__(
        self, hub_delivery_number: str, certificate_number: str
    ) -> bool | None:
        """True held, False not held, None when the command gave no answer."""
        environment = self.endpoint.environment(
            **{
                ENV_HUB_DELIVERY_NUMBER: hub_delivery_number,
                ENV_CERTIFICATE_NUMBER: certificate_number,
            }
        )
        try:
            finished = subprocess.run(
                self.words,
                env=environment,
                capture_output=True,
                timeout=self.timeout,
                check=False,
            )
        except (subprocess.TimeoutExpired, OSError) as err:
            logger.warning("--query-command gave no answer: %s", err)
            return None
        if finished.returncode in (0, 1):
            return finished.returncode == 0
        logger.warning("--query-command exited %d", finished.returncode)
        return None


class SystemProcess:
    """``--nppo-command``: the national system, started and stopped by the harness."""

    def __init__(self, command: str, endpoint: SystemEndpoint) -> None:
        self.words = split_command(command, "--nppo-command")
        self.endpoint = endpoint
        self.output = endpoint.work_dir / "nppo-command.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def __enter__(self) -> Self:
        self.endpoint.work_dir.mkdir(parents=True, exist_ok=True)
        self._log = self.output.open("wb")
        try:
            self._process = subprocess.Popen(
                self.words,
                env=self.endpoint.environment(),
                stdout=self._log,
                stderr=subprocess.STDOUT,
            )
        except OSError as err:
            self._log.close()
            raise ConfigError(
                f"cannot start --nppo-command {self.words[0]!r}: {err}; "
                "check the command and its PATH"
            ) from err
        return self

    def __exit__(self, *exc_info: object) -> None:
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(_STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._log is not None:
            self._log.close()

    def exit_status(self) -> int | None:
        """The system's exit code if it has already stopped."""
        return None if self._process is None else self._process.poll()

    def log_tail(self) -> str:
        """The end of the system's output, for error messages."""
        try:
            return Path(self.output).read_text("utf-8", "replace")[-_OUTPUT_TAIL:]
        except OSError:
            return ""
