"""The ``ephyto-conformance`` command line.

Exit codes, the same for every command: 0 clean, 1 findings (a check failed or a
certificate has problems), 2 usage or configuration error, 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import importlib
import logging

import click

from conformance import __version__

__all__ = ["EXIT_CLEAN", "EXIT_FINDINGS", "EXIT_USAGE", "main"]

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

# Command name -> module under conformance.cli that defines `command`.
# Imported lazily so `--help` and one command do not pay for every other one.
_COMMANDS = {
    "load": "load",
    "run": "run",
    "serve-hub": "serve_hub",
    "generate": "generate",
    "validate": "validate",
    "rules": "rules",
    "selftest": "selftest",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module_name = _COMMANDS.get(name)
        if module_name is None:
            return None
        module = importlib.import_module(f"conformance.cli.{module_name}")
        command: click.Command = module.command
        return command


@click.group(cls=_LazyGroup)
@click.version_option(__version__, prog_name="ephyto-conformance")
@click.option(
    "--log-level",
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False),
    default="WARNING",
    show_default=True,
    envvar="EPHYTO_LOG_LEVEL",
    help="INFO logs one line per SOAP exchange; DEBUG adds the message bodies.",
)
def main(log_level: str) -> None:
    """Conformance and interoperability harness for the IPPC ePhyto hub."""
    logging.basicConfig(
        level=log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
