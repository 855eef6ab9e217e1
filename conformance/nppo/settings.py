"""What an NPPO-profile run hands its checks: the harness hub and the options."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conformance.nppo.adapters import Exporter
from conformance.nppo.capabilities import Capabilities
from conformance.nppo.hub import NppoHub

__all__ = ["NPPO_SETTINGS_KEY", "NppoPlugin", "NppoSettings"]

DEFAULT_SCENARIO_TIMEOUT = 10.0
DEFAULT_BACKLOG = 25


@dataclass(frozen=True, slots=True)
class NppoSettings:
    """The running harness hub, the capability statement and the adapters."""

    hub: NppoHub
    capabilities: Capabilities
    tag: str
    scenario_timeout: float = DEFAULT_SCENARIO_TIMEOUT
    backlog: int = DEFAULT_BACKLOG
    exporter: Exporter | None = None
    probe_given: bool = False


NPPO_SETTINGS_KEY = pytest.StashKey[NppoSettings]()


class NppoPlugin:
    """Hands the NPPO checks their settings (next to the suite's own plugin)."""

    def __init__(self, settings: NppoSettings) -> None:
        self.settings = settings

    def pytest_configure(self, config: pytest.Config) -> None:
        """Store the settings for the ``nppo_settings`` fixture."""
        config.stash[NPPO_SETTINGS_KEY] = self.settings
