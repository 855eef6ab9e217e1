"""Turning the run's options into suite settings: a remote hub or the reference hub."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from conformance.errors import ConfigError, UsageError
from conformance.hub.pki import check_nppo_code
from conformance.suite.settings import DEFAULT_TIMEOUT, NppoIdentity, SuiteSettings

__all__ = [
    "TargetOptions",
    "embedded_settings",
    "parse_key_pair",
    "parse_nppo",
    "remote_settings",
]

# Exporter, importer and a third party: the fewest NPPOs the routing checks need.
_MIN_NPPOS = 3
_UNREGISTERED_NAME = "conformance-unregistered"


@dataclass(frozen=True, slots=True)
class TargetOptions:
    """The run's target options as given on the command line."""

    url: str | None = None
    ca: Path | None = None
    nppos: tuple[str, ...] = ()
    unregistered: str | None = None
    state_dir: Path | None = None
    samples_dir: Path | None = None
    fixtures_dir: Path | None = None

    def with_inputs(
        self, *, samples_dir: Path | None, fixtures_dir: Path | None
    ) -> TargetOptions:
        """These options with the sample and fixture directories filled in."""
        return replace(self, samples_dir=samples_dir, fixtures_dir=fixtures_dir)


def _readable(path: Path, what: str) -> Path:
    if not path.is_file():
        raise ConfigError(
            f"{what} {str(path)!r} is not a readable file; check the path"
        )
    return path


def parse_key_pair(spec: str, option: str) -> tuple[Path, Path]:
    """``CERT.pem,KEY.pem`` as two existing files; raises ``ConfigError``."""
    parts = [part.strip() for part in spec.split(",")]
    if len(parts) != 2 or not all(parts):
        raise ConfigError(
            f"{option} {spec!r} is not CERT.pem,KEY.pem: give the certificate "
            "and its key separated by a comma"
        )
    cert = _readable(Path(parts[0]), f"{option} certificate")
    key = _readable(Path(parts[1]), f"{option} key")
    return cert, key


def parse_nppo(spec: str) -> NppoIdentity:
    """``CODE=CERT.pem,KEY.pem`` as an ``NppoIdentity``; raises ``ConfigError``."""
    code, separator, pair = spec.partition("=")
    if not separator:
        raise ConfigError(
            f"--nppo {spec!r} has no '=': write CODE=CERT.pem,KEY.pem, e.g. "
            "NL=nl.pem,nl.key"
        )
    try:
        checked = check_nppo_code(code.strip())
    except UsageError as err:
        raise ConfigError(f"--nppo {spec!r}: {err}") from err
    cert, key = parse_key_pair(pair, f"--nppo {checked}")
    return NppoIdentity(checked, cert, key)


def _check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ConfigError(
            f"--target {url!r} is not an http(s) URL; give the hub endpoint, e.g. "
            "https://hub.example/hub/DeliveryService"
        )
    return url


def remote_settings(options: TargetOptions, run_id: str) -> SuiteSettings:
    """Settings for ``--target``: its CA, NPPO identities and optional unregistered."""
    url = _check_url(options.url or "")
    if options.ca is None:
        raise ConfigError("--target needs --ca: the CA certificate (PEM) of the hub")
    if len(options.nppos) < _MIN_NPPOS:
        raise ConfigError(
            f"--target needs {_MIN_NPPOS} --nppo CODE=CERT.pem,KEY.pem options "
            f"(exporter, importer, third party); {len(options.nppos)} given"
        )
    nppos = tuple(parse_nppo(spec) for spec in options.nppos)
    codes = [identity.code for identity in nppos]
    if len(set(codes)) != len(codes):
        raise ConfigError(f"--nppo codes {codes!r} repeat a code; give distinct NPPOs")
    unregistered = (
        parse_key_pair(options.unregistered, "--unregistered")
        if options.unregistered
        else None
    )
    return SuiteSettings(
        url=url,
        ca=_readable(options.ca, "--ca"),
        nppos=nppos,
        run_id=run_id,
        unregistered=unregistered,
        samples_dir=options.samples_dir,
        fixtures_dir=options.fixtures_dir,
    )


@contextlib.contextmanager
def embedded_settings(
    options: TargetOptions,
    state_dir: Path,
    run_id: str,
    *,
    fault: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[SuiteSettings]:
    """Start the reference hub under ``state_dir`` and yield settings for it.

    ``fault`` injects a catalogued hub fault (``conformance.hub.faults``), tuned to
    the checks' client ``timeout``.
    """
    if options.ca is not None or options.nppos or options.unregistered:
        raise ConfigError(
            "--ca, --nppo and --unregistered describe a remote hub: give --target too, "
            "or drop them to use the reference hub"
        )
    # Imported here: a run against a remote hub does not load the reference hub.
    from conformance.hub.embedded import EmbeddedHub

    with EmbeddedHub(state_dir, fault=fault, client_timeout=timeout) as hub:
        nppos = tuple(NppoIdentity(code, *hub.pki.client(code)) for code in hub.nppos)
        yield SuiteSettings(
            url=hub.url,
            ca=hub.pki.ca_cert,
            nppos=nppos,
            run_id=run_id,
            unregistered=hub.pki.issue_unregistered(_UNREGISTERED_NAME),
            samples_dir=options.samples_dir,
            fixtures_dir=options.fixtures_dir,
            embedded=True,
            timeout=timeout,
        )
