"""Fixtures of the NPPO profile: the scenarios run once, then every check reads them."""

from __future__ import annotations

import pytest

from conformance.nppo.driver import ExportRun, ImportRun, run_exports, run_imports
from conformance.nppo.observer import Exchange
from conformance.nppo.settings import NPPO_SETTINGS_KEY, NppoSettings


@pytest.fixture(scope="session")
def nppo_settings(request: pytest.FixtureRequest) -> NppoSettings:
    """The settings ``ephyto-conformance run --profile nppo`` handed to pytest."""
    found = request.config.stash.get(NPPO_SETTINGS_KEY, None)
    if found is None:
        pytest.fail(
            "the NPPO checks have no harness hub: run them with "
            "'ephyto-conformance run --profile nppo', not with plain pytest",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="session")
def import_run(nppo_settings: NppoSettings) -> ImportRun:
    """Every import scenario, queued round by round and waited for."""
    return run_imports(
        nppo_settings.hub,
        nppo_settings.capabilities,
        timeout=nppo_settings.scenario_timeout,
        tag=nppo_settings.tag,
        backlog=nppo_settings.backlog,
    )


@pytest.fixture(scope="session")
def export_runs(nppo_settings: NppoSettings) -> dict[str, ExportRun]:
    """Every export scenario, asked of the system in turn."""
    return run_exports(
        nppo_settings.hub,
        nppo_settings.exporter,
        nppo_settings.capabilities,
        timeout=nppo_settings.scenario_timeout,
    )


@pytest.fixture(scope="session")
def exchanges(
    nppo_settings: NppoSettings,
    import_run: ImportRun,
    export_runs: dict[str, ExportRun],
) -> list[Exchange]:
    """Every call the system made, once all scenarios ran and it listed once more."""
    hub = nppo_settings.hub
    if nppo_settings.capabilities.import_.enabled:
        hub.wait_listing_after(hub.log.last_seq, nppo_settings.scenario_timeout)
    return hub.exchanges()
