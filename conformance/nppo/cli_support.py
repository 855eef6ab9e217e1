"""What ``ephyto-conformance run --profile nppo`` needs beyond the hub profile."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from rich.console import Console

from conformance.errors import UsageError
from conformance.nppo.contract import (
    ENV_CA,
    ENV_CERT,
    ENV_HUB_URL,
    ENV_KEY,
    SystemEndpoint,
)
from conformance.nppo.runner import run_nppo_suite
from conformance.nppo.session import NppoOptions, nppo_session
from conformance.nppo.settings import (
    DEFAULT_BACKLOG,
    DEFAULT_SCENARIO_TIMEOUT,
    NppoSettings,
)
from conformance.suite.runner import ReportFiles, SuiteRun

__all__ = [
    "HUB_ONLY_OPTIONS",
    "connection_text",
    "nppo_options",
    "nppo_suite_target",
    "nppo_target",
]

HUB_ONLY_OPTIONS = ("--target", "--ca", "--nppo", "--unregistered")
"""Options that describe a hub under test, meaningless when the harness is the hub."""


def connection_text(endpoint: SystemEndpoint) -> str:
    """How to point the national system at the harness hub, for the console."""
    return "\n".join(
        [
            f"harness hub for NPPO {endpoint.code}: {endpoint.url}",
            f"  {ENV_HUB_URL}={endpoint.url}",
            f"  {ENV_CA}={endpoint.ca}",
            f"  {ENV_CERT}={endpoint.cert}",
            f"  {ENV_KEY}={endpoint.key}",
        ]
    )


@contextlib.contextmanager
def nppo_target(
    options: NppoOptions,
    state_dir: Path | None,
    tag: str,
    *,
    announce: Callable[[SystemEndpoint], None] | None = None,
) -> Iterator[NppoSettings]:
    """``nppo_session`` in ``state_dir``, or in a temporary directory when ``None``."""
    with contextlib.ExitStack() as stack:
        if state_dir is None:
            state_dir = Path(
                stack.enter_context(tempfile.TemporaryDirectory(prefix="ephyto-nppo-"))
            )
        yield stack.enter_context(
            nppo_session(options, state_dir, tag, announce=announce)
        )


def nppo_options(
    profile: str, values: Mapping[str, object], *, hub_options_given: bool
) -> NppoOptions | None:
    """The NPPO options of ``run``; ``UsageError`` when they do not fit the profile."""
    given = sorted(
        "--" + name.replace("_", "-")
        for name, value in values.items()
        if value is not None
    )
    if profile == "hub":
        if given:
            raise UsageError(
                f"{', '.join(given)} need --profile nppo; drop them or add it"
            )
        return None
    if hub_options_given:
        raise UsageError(
            f"{', '.join(HUB_ONLY_OPTIONS)} describe a hub under test; with --profile "
            "nppo the harness is the hub, so drop them"
        )
    chosen = {name: value for name, value in values.items() if value is not None}
    return NppoOptions(
        code=str(chosen.get("nppo_code", "KE")),
        listen=_text(chosen.get("listen")),
        nppo_command=_text(chosen.get("nppo_command")),
        export_command=_text(chosen.get("export_command")),
        query_command=_text(chosen.get("query_command")),
        capabilities=_path(chosen.get("capabilities")),
        scenario_timeout=float(
            str(chosen.get("scenario_timeout", DEFAULT_SCENARIO_TIMEOUT))
        ),
        backlog=int(str(chosen.get("backlog", DEFAULT_BACKLOG))),
        connect_timeout=float(str(chosen.get("connect_timeout", 60.0))),
    )


@contextlib.contextmanager
def nppo_suite_target(
    options: NppoOptions, state_dir: Path | None, run_id: str, console: Console
) -> Iterator[tuple[str, Callable[..., SuiteRun]]]:
    """The harness hub's URL and a suite runner bound to it, for ``run``."""

    def announce(endpoint: SystemEndpoint) -> None:
        console.print(connection_text(endpoint), highlight=False, markup=False)

    tag = run_id.replace("-", "")
    with nppo_target(options, state_dir, tag, announce=announce) as settings:

        def runner(reports: ReportFiles, **kwargs: Any) -> SuiteRun:
            return run_nppo_suite(
                settings,
                reports,
                select=kwargs.get("select"),
                listener=kwargs.get("listener"),
            )

        yield settings.hub.url, runner


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _path(value: object) -> Path | None:
    return None if value is None else Path(str(value))
