"""What a suite run is pointed at: the hub, the NPPO identities and the inputs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = ["DEFAULT_TIMEOUT", "SETTINGS_KEY", "NppoIdentity", "SuiteSettings"]

# Seconds a check waits for one hub answer; a selftest lowers it to stay fast.
DEFAULT_TIMEOUT = 30.0


@dataclass(frozen=True, slots=True)
class NppoIdentity:
    """One NPPO connection code with the client certificate and key that prove it."""

    code: str
    cert: Path
    key: Path


@dataclass(frozen=True, slots=True)
class SuiteSettings:
    """The target hub and the NPPOs the checks speak as.

    ``nppos`` lists at least the exporter, the importer and a third party, in that
    order; ``unregistered`` is a certificate the hub trusts but maps to no NPPO;
    ``timeout`` is the seconds each check's client waits for one answer.
    """

    url: str
    ca: Path
    nppos: tuple[NppoIdentity, ...]
    run_id: str
    unregistered: tuple[Path, Path] | None = None
    samples_dir: Path | None = None
    fixtures_dir: Path | None = None
    embedded: bool = False
    timeout: float = DEFAULT_TIMEOUT

    @property
    def exporter(self) -> NppoIdentity:
        """The NPPO that sends envelopes."""
        return self.nppos[0]

    @property
    def importer(self) -> NppoIdentity:
        """The NPPO envelopes are addressed to."""
        return self.nppos[1]

    @property
    def third(self) -> NppoIdentity:
        """An NPPO that is neither sender nor addressee."""
        return self.nppos[2]


SETTINGS_KEY = pytest.StashKey[SuiteSettings]()
