"""What one load run asks for, as Locust command-line options.

The options are registered on Locust's parser, so ``locust -f load/locustfile.py``
takes them by hand and the master forwards them to its workers.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

from conformance.errors import UsageError

__all__ = [
    "LOAD_NPPOS",
    "SHAPES",
    "LoadSettings",
    "add_arguments",
    "new_run_tag",
    "parse_rate",
]

SHAPES = ("steady", "burst", "backlog")
# The reference hub's NPPOs when no --target is given; real country codes, so
# certificate content agrees with the envelope header.
LOAD_NPPOS = ("NL", "KE", "CL", "US", "FR", "DE", "AU", "NZ")
_PER = {"s": 1.0, "sec": 1.0, "min": 60.0, "h": 3600.0, "hour": 3600.0, "day": 86400.0}
_RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:/\s*([a-z]+))?\s*$")
# The tag travels in certificate numbers, ledger file names and CSV lines.
_RUN_TAG = re.compile(r"^[A-Za-z0-9]{1,16}$")


def new_run_tag() -> str:
    """A fresh random run tag: 8 hex digits, e.g. ``'3fa9c1d2'``."""
    return secrets.token_hex(4)


def parse_rate(text: str | float | None) -> float:
    """Certificates per second from ``"1000"``, ``"1000/s"`` or ``"2000000/day"``.

    ``0``, empty or ``None`` mean as fast as the hub allows. Raises ``UsageError``
    for anything else.
    """
    if text is None or text == "":
        return 0.0
    if isinstance(text, int | float):
        return float(text)
    match = _RATE.match(text.lower())
    if match is None or (match.group(2) or "s") not in _PER:
        raise UsageError(
            f"rate {text!r} is not a number of certificates per unit; write e.g. "
            "'1000', '1000/s', '50000/h' or '2000000/day'"
        )
    return float(match.group(1)) / _PER[match.group(2) or "s"]


@dataclass(frozen=True, slots=True)
class LoadSettings:
    """One run: target, PKI, NPPOs, certificate count, pacing and where to record."""

    hub_url: str
    pki_dir: str
    nppos: tuple[str, ...]
    certificates: int
    rate: float = 0.0
    shape: str = "steady"
    seed: int = 1
    ledger_dir: str = "."
    workers: int = 1
    burst_period: float = 10.0
    run_tag: str = ""

    def hub_url_for(self, index: int) -> str:
        """The endpoint worker ``index`` talks to (``--hub-url`` may list several)."""
        urls = [url.strip() for url in self.hub_url.split(",") if url.strip()]
        return urls[index % len(urls)]

    @classmethod
    def from_options(cls, options: Any) -> LoadSettings:
        """Settings from Locust's parsed options; raises ``UsageError`` if unusable."""
        nppos = tuple(code.strip() for code in options.nppos.split(",") if code.strip())
        if not options.hub_url or not options.pki_dir or not nppos:
            raise UsageError(
                "a load run needs --hub-url, --pki-dir and --nppos (or the "
                "EPHYTO_LOAD_* variables); `ephyto-conformance load` sets them"
            )
        if options.shape not in SHAPES:
            raise UsageError(f"shape {options.shape!r} is unknown; use one of {SHAPES}")
        run_tag = str(getattr(options, "run_tag", "") or "")
        if run_tag and not _RUN_TAG.match(run_tag):
            raise UsageError(
                f"run tag {run_tag!r} is not 1 to 16 letters or digits; leave "
                "--run-tag out for a random one"
            )
        return cls(
            hub_url=options.hub_url,
            pki_dir=options.pki_dir,
            nppos=nppos,
            certificates=int(options.certificates),
            rate=parse_rate(options.rate),
            shape=options.shape,
            seed=int(options.seed),
            ledger_dir=options.ledger_dir,
            workers=max(1, int(options.load_workers)),
            burst_period=float(options.burst_period),
            run_tag=run_tag,
        )


def add_arguments(parser: Any) -> None:
    """Register the load options on Locust's (configargparse) parser."""
    group = parser.add_argument_group("ePhyto load")
    group.add_argument(
        "--hub-url",
        env_var="EPHYTO_LOAD_HUB_URL",
        default="",
        help="Hub endpoint; several, comma-separated, are shared out by worker index.",
    )
    group.add_argument("--pki-dir", env_var="EPHYTO_LOAD_PKI_DIR", default="")
    group.add_argument(
        "--nppos",
        env_var="EPHYTO_LOAD_NPPOS",
        default="",
        help="Comma-separated NPPO codes; PKI_DIR holds CODE.pem/CODE.key of each.",
    )
    group.add_argument(
        "--certificates", env_var="EPHYTO_LOAD_CERTIFICATES", type=int, default=1000
    )
    group.add_argument(
        "--rate",
        env_var="EPHYTO_LOAD_RATE",
        default="0",
        help="Certificates per second ('1000/s', '2000000/day'); 0 = unpaced.",
    )
    group.add_argument(
        "--shape", env_var="EPHYTO_LOAD_SHAPE", default="steady", choices=SHAPES
    )
    group.add_argument("--seed", env_var="EPHYTO_LOAD_SEED", type=int, default=1)
    group.add_argument("--ledger-dir", env_var="EPHYTO_LOAD_LEDGER_DIR", default=".")
    group.add_argument(
        "--load-workers",
        env_var="EPHYTO_LOAD_WORKERS",
        type=int,
        default=1,
        help="How many workers share the certificates (each takes every W-th).",
    )
    group.add_argument(
        "--burst-period", env_var="EPHYTO_LOAD_BURST_PERIOD", type=float, default=10.0
    )
    # Each process draws its own default, but the master's value reaches every
    # worker with the spawn message, so one run shares one tag.
    group.add_argument(
        "--run-tag",
        env_var="EPHYTO_LOAD_RUN_TAG",
        default=new_run_tag(),
        help="Tag in this run's certificate numbers; importers take only those.",
    )
