"""Running the NPPO profile's checks in this process, with the suite's machinery."""

from __future__ import annotations

from pathlib import Path

from conformance.nppo.settings import NppoPlugin, NppoSettings
from conformance.suite.results import RunListener
from conformance.suite.runner import ReportFiles, SuiteRun, run_suite
from conformance.suite.settings import NppoIdentity, SuiteSettings

__all__ = ["NPPO_CHECKS_DIR", "run_nppo_suite"]

NPPO_CHECKS_DIR = Path(__file__).resolve().parent / "checks"
NPPO_CHECKS_PACKAGE = "conformance.nppo.checks"


def run_nppo_suite(
    settings: NppoSettings,
    reports: ReportFiles,
    *,
    select: str | None = None,
    listener: RunListener | None = None,
) -> SuiteRun:
    """Run the NPPO checks against the system behind ``settings.hub``.

    Example::

        run = run_nppo_suite(settings, ReportFiles(Path("reports/ke")))

    Raises ``OSError`` when the report directory cannot be written.
    """
    hub = settings.hub
    partner_cert, partner_key = hub.pki.client(hub.partner)
    system_cert, system_key = hub.system_identity
    # The suite machinery wants hub settings; the NPPO checks read NppoSettings.
    suite_settings = SuiteSettings(
        url=hub.url,
        ca=hub.ca_cert,
        nppos=(
            NppoIdentity(hub.partner, partner_cert, partner_key),
            NppoIdentity(hub.system, system_cert, system_key),
        ),
        run_id=settings.tag,
        embedded=True,
    )
    return run_suite(
        suite_settings,
        reports,
        select=select,
        listener=listener,
        suite_dir=NPPO_CHECKS_DIR,
        extra_plugins=[NppoPlugin(settings)],
    )
