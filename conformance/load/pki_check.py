"""Before a run against a target hub: every NPPO's TLS files are there and load.

A missing key otherwise surfaces only as a stalled worker and a short delivery
count, with the cause buried in a worker log.
"""

from __future__ import annotations

import ssl
from collections.abc import Sequence
from pathlib import Path

from conformance.errors import ConfigError

__all__ = ["check_pki"]


def check_pki(pki_dir: Path, nppos: Sequence[str]) -> None:
    """Raise ``ConfigError`` unless ``pki_dir`` serves a TLS client to every NPPO.

    It needs ``ca.pem`` and ``CODE.pem``/``CODE.key`` per code, loadable together.

    Example::

        check_pki(Path("hub-state/pki"), ["NL", "KE"])
    """
    if not pki_dir.is_dir():
        raise ConfigError(
            f"--pki-dir {str(pki_dir)!r} is not a directory; give the one holding "
            "ca.pem and CODE.pem/CODE.key of every --nppo"
        )
    ca = pki_dir / "ca.pem"
    if not ca.is_file():
        raise ConfigError(
            f"{str(ca)!r} is missing; put the hub's CA certificate there as ca.pem"
        )
    for code in nppos:
        for suffix, what in ((".pem", "certificate"), (".key", "private key")):
            path = pki_dir / f"{code}{suffix}"
            if not path.is_file():
                raise ConfigError(
                    f"{str(path)!r} is missing: put the {what} of NPPO {code!r} "
                    f"there, or leave --nppo {code} out"
                )
        _load(pki_dir, code)


def _load(pki_dir: Path, code: str) -> None:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:
        context.load_verify_locations(cafile=pki_dir / "ca.pem")
        context.load_cert_chain(pki_dir / f"{code}.pem", pki_dir / f"{code}.key")
    except (OSError, ssl.SSLError) as err:
        raise ConfigError(
            f"the TLS files of NPPO {code!r} in {str(pki_dir)!r} do not load "
            f"({err}); {code}.pem must be the PEM certificate matching {code}.key, "
            "issued under ca.pem"
        ) from err
