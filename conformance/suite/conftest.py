"""Fixtures of the conformance suite: the target hub, NPPO clients, the courier."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.hub.client import HubClient
from conformance.suite.courier import Courier, NppoClient
from conformance.suite.settings import SETTINGS_KEY, NppoIdentity, SuiteSettings


def _open(settings: SuiteSettings, identity: NppoIdentity) -> HubClient:
    return HubClient(
        settings.url,
        cert=(identity.cert, identity.key),
        ca=settings.ca,
        timeout=settings.timeout,
    )


@pytest.fixture(scope="session")
def suite_settings(request: pytest.FixtureRequest) -> SuiteSettings:
    """The settings ``ephyto-conformance run`` handed to pytest."""
    found = request.config.stash.get(SETTINGS_KEY, None)
    if found is None:
        pytest.fail(
            "the conformance suite has no target: run it with "
            "'ephyto-conformance run', not with plain pytest",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="session")
def exporter(suite_settings: SuiteSettings) -> Iterator[NppoClient]:
    """The NPPO that sends the checks' envelopes."""
    with _open(suite_settings, suite_settings.exporter) as client:
        yield NppoClient(suite_settings.exporter.code, client)


@pytest.fixture(scope="session")
def importer(suite_settings: SuiteSettings) -> Iterator[NppoClient]:
    """The NPPO the checks' envelopes are addressed to."""
    with _open(suite_settings, suite_settings.importer) as client:
        yield NppoClient(suite_settings.importer.code, client)


@pytest.fixture(scope="session")
def third_nppo(suite_settings: SuiteSettings) -> Iterator[NppoClient]:
    """An NPPO that neither sends nor receives the checks' envelopes."""
    with _open(suite_settings, suite_settings.third) as client:
        yield NppoClient(suite_settings.third.code, client)


@pytest.fixture(scope="session")
def unregistered(suite_settings: SuiteSettings) -> Iterator[HubClient]:
    """A client whose certificate the hub trusts but maps to no NPPO."""
    if suite_settings.unregistered is None:
        pytest.skip("no unregistered client certificate given (--unregistered)")
    cert, key = suite_settings.unregistered
    with HubClient(
        suite_settings.url,
        cert=(cert, key),
        ca=suite_settings.ca,
        timeout=suite_settings.timeout,
    ) as client:
        yield client


@pytest.fixture(scope="session")
def courier(
    suite_settings: SuiteSettings, exporter: NppoClient, importer: NppoClient
) -> Iterator[Courier]:
    """Sends envelopes exporter -> importer; acknowledges leftovers at the end."""
    sender = Courier(exporter, importer, suite_settings.run_id)
    yield sender
    sender.settle()


@pytest.fixture(scope="session")
def samples_dir(suite_settings: SuiteSettings) -> Path | None:
    """The directory of public sample certificates, when one was found."""
    return suite_settings.samples_dir
