"""The pytest plugin that hands a suite run its settings and labels its results."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import PurePath
from typing import Any

import allure
import pytest

from conformance.suite.registry import check_info
from conformance.suite.settings import SETTINGS_KEY, SuiteSettings

__all__ = ["HYPOTHESIS_PROFILE", "SuitePlugin"]

HYPOTHESIS_PROFILE = "ephyto-conformance"
# Where @given keeps the settings a test runs with.
_HYPOTHESIS_SETTINGS = "_hypothesis_internal_use_settings"
_HYPOTHESIS_STATISTICS = "hypothesis-statistics-"


class SuitePlugin:
    """Passed to ``pytest.main(plugins=[...])`` by ``ephyto-conformance run``.

    Example::

        pytest.main(args, plugins=[SuitePlugin(settings, max_examples=3)])
    """

    def __init__(self, suite_settings: SuiteSettings, *, max_examples: int) -> None:
        self.settings = suite_settings
        self.max_examples = max_examples

    def pytest_configure(self, config: pytest.Config) -> None:
        """Store the settings and make hypothesis small, seeded and stateless."""
        # Imported late so pytest, not the command, imports hypothesis first.
        from hypothesis import HealthCheck, Phase, settings

        config.stash[SETTINGS_KEY] = self.settings
        settings.register_profile(
            HYPOTHESIS_PROFILE,
            max_examples=self.max_examples,
            deadline=None,
            # A hub keeps what it receives: no example database, no replay.
            database=None,
            # Shrinking repeats hub exchanges for minutes; the first failing
            # certificate, with the seed, is enough to reproduce a finding.
            phases=[Phase.explicit, Phase.reuse, Phase.generate],
            suppress_health_check=[
                HealthCheck.too_slow,
                HealthCheck.function_scoped_fixture,
                HealthCheck.data_too_large,
            ],
        )
        settings.load_profile(HYPOTHESIS_PROFILE)

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """Let ``-k`` select by check id, label junit.xml, apply the suite's profile."""
        from hypothesis import settings

        profile = settings.get_profile(HYPOTHESIS_PROFILE)
        for item in items:
            test = getattr(item, "obj", None)
            info = check_info(test)
            if info is not None:
                item.extra_keyword_matches.add(info.id)
                # pytest writes these as the testcase's <properties> in junit.xml.
                item.user_properties.extend(
                    [
                        ("check_id", info.id),
                        ("title", info.title),
                        ("requirement", info.requirement),
                    ]
                )
            # @given fixes its settings when the module is imported, which may
            # be before this run loaded its profile (the project's own tests
            # import the checks to list them). Hypothesis has no public way to
            # re-settle a decorated test, so the attribute it reads is set here.
            if hasattr(test, _HYPOTHESIS_SETTINGS):
                setattr(test, _HYPOTHESIS_SETTINGS, profile)

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Keep Hypothesis' per-test statistics out of junit.xml's suite properties."""
        # Before junitxml's own sessionfinish writes the file. The statistics are
        # base64 blobs keyed by node id: noise for CI readers of the check results.
        from _pytest.junitxml import xml_key

        xml = session.config.stash.get(xml_key, None)
        if xml is not None:
            xml.global_properties = [
                (name, value)
                for name, value in xml.global_properties
                if not name.startswith(_HYPOTHESIS_STATISTICS)
            ]

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Generator[None, None, None]:
        """Label the allure result with the check id, title and requirement."""
        try:
            yield
        finally:
            # After allure-pytest's own setup wrapper, which names the result.
            _label(item)


def _label(item: pytest.Item) -> None:
    info = check_info(getattr(item, "obj", None))
    if info is None:
        return
    callspec = getattr(item, "callspec", None)
    case = f" [{callspec.id}]" if callspec is not None else ""
    # allure-pytest ships no type hints for its dynamic API.
    dynamic: Any = allure.dynamic
    dynamic.title(f"{info.id} {info.title}{case}")
    dynamic.label("check_id", info.id)
    dynamic.label("requirement", info.requirement)
    dynamic.description(f"Requirement: {info.requirement}")
    if callspec is None:
        return
    for name, value in callspec.params.items():
        if isinstance(value, PurePath):
            # Allure shows a parameter's repr; the case id reads better than
            # PosixPath('/home/...').
            dynamic.parameter(name, callspec.id)
