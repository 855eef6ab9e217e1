"""The ``run`` options of the NPPO profile, as one click decorator (no heavy imports)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

__all__ = ["NPPO_OPTION_NAMES", "nppo_click_options"]

_F = TypeVar("_F", bound=Callable[..., Any])

_OPTIONS: tuple[tuple[str, dict[str, Any]], ...] = (
    (
        "--nppo-code",
        {"metavar": "CODE", "help": "The system's connection code; default KE."},
    ),
    (
        "--listen",
        {
            "metavar": "HOST:PORT",
            "help": "Harness hub address; default a free loopback port.",
        },
    ),
    (
        "--nppo-command",
        {
            "metavar": "CMD",
            "help": "Starts the national system (docs/nppo-profile.md).",
        },
    ),
    (
        "--export-command",
        {"metavar": "CMD", "help": "Makes the system send one certificate."},
    ),
    (
        "--query-command",
        {"metavar": "CMD", "help": "Exits 0 when the system holds a certificate."},
    ),
    (
        "--capabilities",
        {
            "type": click.Path(path_type=Path),
            "help": "Capability statement (TOML or JSON).",
        },
    ),
    (
        "--scenario-timeout",
        {
            "type": click.FloatRange(min=0.1),
            "help": "Seconds each scenario round waits; default 10.",
        },
    ),
    (
        "--backlog",
        {
            "type": click.IntRange(min=1),
            "help": "Envelopes in the backlog scenario; default 25.",
        },
    ),
    (
        "--connect-timeout",
        {
            "type": click.FloatRange(min=0.1),
            "help": "Seconds to wait for the system's first call; default 60.",
        },
    ),
)

NPPO_OPTION_NAMES = tuple(name for name, _ in _OPTIONS)
"""Every NPPO-profile option of ``run``."""


def nppo_click_options(function: _F) -> _F:
    """Add the ``[nppo]`` options to a click command, passed as keyword arguments."""
    for name, settings in reversed(_OPTIONS):
        help_text = f"[nppo] {settings.get('help', '')}"
        function = click.option(name, **{**settings, "help": help_text})(function)
    return function
