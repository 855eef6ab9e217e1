"""Checks made before a run starts: TLS files, the first exchange, the selection."""

from __future__ import annotations

import contextlib
import io
import os
import ssl
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from conformance.errors import ConfigError, HubError, HubFault
from conformance.hub.client import HubClient
from conformance.suite.plugin import SuitePlugin
from conformance.suite.runner import CHECK_FILES, SUITE_DIR, ReportFiles
from conformance.suite.settings import SuiteSettings
from conformance.suite.targets import TargetOptions, remote_settings

__all__ = [
    "check_before_run",
    "check_report_dir",
    "check_tls_files",
    "count_selected",
    "probe_hub",
]

# pytest's exit code when the selection collected nothing.
_NO_TESTS = 5


def check_report_dir(directory: Path) -> None:
    """Refuse a report directory that is a file or cannot be created.

    Raises ``ConfigError``; creates ``directory`` when it is missing.
    """
    if directory.exists() and not directory.is_dir():
        raise ConfigError(
            f"--report-dir {str(directory)!r} is a file, not a directory; give a "
            "directory (it is created when missing)"
        )
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ConfigError(
            f"--report-dir {str(directory)!r} cannot be created ({err.strerror}); "
            "give a writable directory"
        ) from err
    if not os.access(directory, os.W_OK):
        raise ConfigError(
            f"--report-dir {str(directory)!r} is not writable; give a writable "
            "directory"
        )


def _clients(settings: SuiteSettings) -> Iterator[tuple[Path, Path]]:
    for identity in settings.nppos:
        yield identity.cert, identity.key
    if settings.unregistered is not None:
        yield settings.unregistered


def check_tls_files(settings: SuiteSettings) -> None:
    """Load the CA and every client certificate with its key; raises ``ConfigError``."""
    for cert, key in _clients(settings):
        # HubClient builds the SSL context the checks will use, and names the file.
        HubClient(settings.url, cert=(cert, key), ca=settings.ca).close()


def _causes(err: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = err
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def probe_hub(settings: SuiteSettings) -> None:
    """One GetProfile as the first NPPO; raises ``ConfigError`` on a setup mistake.

    A refused certificate or nothing listening is the user's to fix; a SOAP fault
    or an odd answer is left to the checks to report as findings.
    """
    identity = settings.exporter
    with HubClient(
        settings.url,
        cert=(identity.cert, identity.key),
        ca=settings.ca,
        timeout=settings.timeout,
    ) as client:
        try:
            client.get_profile()
        except HubFault:
            return
        except HubError as err:
            _raise_setup_error(err, settings)


def _raise_setup_error(err: HubError, settings: SuiteSettings) -> None:
    for cause in _causes(err):
        if isinstance(cause, ssl.SSLCertVerificationError):
            raise ConfigError(
                f"the hub's server certificate at {settings.url!r} is not accepted "
                f"with --ca {str(settings.ca)!r} ({cause.verify_message}); pass the "
                "CA that signed it (and a URL whose host the certificate names)"
            ) from err
        refused = isinstance(cause, ConnectionRefusedError) or (
            isinstance(cause, httpx.ConnectError) and "refused" in str(cause).lower()
        )
        if refused:
            raise ConfigError(
                f"nothing listens at --target {settings.url!r} (connection "
                "refused); start the hub or correct the URL"
            ) from err


def count_selected(select: str | None, settings: SuiteSettings) -> int:
    """How many check cases ``-k select`` collects from the hub suite."""
    arguments = [
        str(SUITE_DIR),
        "-c",
        os.devnull,
        "--rootdir",
        str(SUITE_DIR),
        "--confcutdir",
        str(SUITE_DIR),
        "-o",
        f"python_files={CHECK_FILES}",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:allure_pytest",
        "--collect-only",
        "-q",
    ]
    if select:
        arguments += ["-k", select]
    counter = _Counter()
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        code = pytest.main(
            arguments, plugins=[SuitePlugin(settings, max_examples=1), counter]
        )
    if code not in (0, _NO_TESTS):
        raise ConfigError(
            f"the checks cannot be collected with -k {select!r} (pytest exit "
            f"{int(code)}): {output.getvalue().strip().splitlines()[-1:]}"
        )
    return counter.count


class _Counter:
    def __init__(self) -> None:
        self.count = 0

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.count = len(session.items)


def check_before_run(
    options: TargetOptions,
    hub_profile: bool,
    run_id: str,
    select: str | None,
    reports: ReportFiles,
) -> SuiteSettings | None:
    """Catch configuration mistakes before a hub starts or a report is written.

    Returns the remote hub's settings (``None`` for the reference hub); raises
    ``ConfigError`` (and ``UsageError`` for a bad NPPO code) naming what to fix.
    """
    remote = None
    if hub_profile and options.url is not None:
        remote = remote_settings(options, run_id)
        check_tls_files(remote)
    if hub_profile:
        placeholder = SuiteSettings(
            url="",
            ca=Path(os.devnull),
            nppos=(),
            run_id=run_id,
            samples_dir=options.samples_dir,
            fixtures_dir=options.fixtures_dir,
        )
        if count_selected(select, remote or placeholder) == 0:
            raise ConfigError(
                f"no conformance check matches -k {select!r}; see the README check list"
            )
    check_report_dir(reports.directory)
    if remote is not None:
        probe_hub(remote)
    return remote
