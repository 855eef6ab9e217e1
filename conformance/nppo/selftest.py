"""``selftest --profile nppo``: the NPPO checks against the reference system and its faults."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from conformance.nppo.capabilities import Capabilities
from conformance.nppo.hub import NppoHub
from conformance.nppo.inprocess import ThreadedSystem
from conformance.nppo.reference import ReferenceSystem
from conformance.nppo.runner import run_nppo_suite
from conformance.nppo.settings import NppoSettings
from conformance.nppo.variants import VARIANTS
from conformance.report.selftest import FaultOutcome, SelftestListener, SelftestResult
from conformance.suite.runner import ReportFiles, SuiteRun

__all__ = ["CLEAN", "run_nppo_selftest", "run_variant"]

logger = logging.getLogger(__name__)

CLEAN = "clean"
# Short enough that a variant that never acknowledges costs seconds, long enough
# for the reference system, polling every 20 ms, on a loaded two-core machine.
_SELFTEST_TIMEOUT = 3.0
_SELFTEST_BACKLOG = 15


def run_variant(
    name: str,
    report_dir: Path,
    *,
    scenario_timeout: float = _SELFTEST_TIMEOUT,
    backlog: int = _SELFTEST_BACKLOG,
    select: str | None = None,
    capabilities: Capabilities | None = None,
) -> SuiteRun:
    """Run the NPPO checks against the reference system or one faulty variant.

    Example::

        run = run_variant("acknowledges-twice", tmp_path / "reports")

    Raises ``KeyError`` for an unknown variant name.
    """
    system_class = ReferenceSystem if name == CLEAN else VARIANTS[name].system
    with tempfile.TemporaryDirectory(prefix="ephyto-nppo-") as state:
        state_dir = Path(state)
        with (
            NppoHub(state_dir / "hub", system="KE") as hub,
            ThreadedSystem(hub, system_class, state_dir / "system") as system,
        ):
            hub.service.probe = system.probe
            settings = NppoSettings(
                hub=hub,
                capabilities=capabilities or Capabilities(),
                tag=f"ST{name.upper().replace('-', '')[:10]}",
                scenario_timeout=scenario_timeout,
                backlog=backlog,
                exporter=system.exporter(),
                probe_given=True,
            )
            return run_nppo_suite(settings, ReportFiles(report_dir), select=select)


def run_nppo_selftest(
    report_dir: Path, *, listener: SelftestListener | None = None
) -> SelftestResult:
    """The clean reference national system and every faulty variant, with outcomes.

    Example::

        result = run_nppo_selftest(Path("reports/selftest-nppo"))
        assert result.ok

    Raises ``OSError`` when ``report_dir`` cannot be written.
    """
    names = [CLEAN, *VARIANTS]
    result = SelftestResult(profile="nppo")
    for index, name in enumerate(names, start=1):
        if listener is not None:
            listener.variant_started(name, index, len(names))
        run = run_variant(name, report_dir / name)
        failed = sorted({r.id for r in run.results if r.outcome in ("failed", "error")})
        if name == CLEAN:
            result.clean_passed = sum(r.outcome == "passed" for r in run.results)
            result.clean_failed = len(
                [r for r in run.results if r.outcome in ("failed", "error")]
            )
            result.clean_failed_ids = failed
        else:
            result.faults.append(
                FaultOutcome(
                    name=name,
                    caught=bool(failed),
                    caught_by=failed,
                    description=VARIANTS[name].description,
                )
            )
        if listener is not None:
            listener.variant_finished(name, failed)
    return result
