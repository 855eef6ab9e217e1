"""The adapter contract: how the harness talks to a national system's own commands.

Three commands may be given; each runs with the environment below and the current
directory unchanged.

- ``--nppo-command``: starts the national system; it runs until the harness stops
  it (SIGTERM, then SIGKILL after a grace period).
- ``--export-command``: makes the system send one certificate through the hub and
  exits 0 once the hub accepted it; a non-zero exit is a failed export.
- ``--query-command``: exits 0 when the system already holds the certificate
  named by ``EPHYTO_HUB_DELIVERY_NUMBER`` / ``EPHYTO_CERTIFICATE_NUMBER``, 1 when
  it does not; the harness runs it at each positive acknowledgement.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CONTRACT_VARIABLES",
    "ENV_CA",
    "ENV_CERT",
    "ENV_CERTIFICATE_NUMBER",
    "ENV_CERTIFICATE_STATUS",
    "ENV_CERTIFICATE_TYPE",
    "ENV_CODE",
    "ENV_DESTINATION",
    "ENV_HUB_DELIVERY_NUMBER",
    "ENV_HUB_URL",
    "ENV_KEY",
    "ENV_REFERENCE_NUMBER",
    "ENV_SCENARIO",
    "ENV_WORK_DIR",
    "SystemEndpoint",
]

ENV_HUB_URL = "EPHYTO_HUB_URL"
ENV_CA = "EPHYTO_HUB_CA"
ENV_CERT = "EPHYTO_NPPO_CERT"
ENV_KEY = "EPHYTO_NPPO_KEY"
ENV_CODE = "EPHYTO_NPPO_CODE"
ENV_WORK_DIR = "EPHYTO_WORK_DIR"
ENV_SCENARIO = "EPHYTO_SCENARIO"
ENV_DESTINATION = "EPHYTO_DESTINATION"
ENV_CERTIFICATE_TYPE = "EPHYTO_CERTIFICATE_TYPE"
ENV_CERTIFICATE_STATUS = "EPHYTO_CERTIFICATE_STATUS"
ENV_REFERENCE_NUMBER = "EPHYTO_REFERENCE_NUMBER"
ENV_HUB_DELIVERY_NUMBER = "EPHYTO_HUB_DELIVERY_NUMBER"
ENV_CERTIFICATE_NUMBER = "EPHYTO_CERTIFICATE_NUMBER"

CONTRACT_VARIABLES: Mapping[str, str] = {
    ENV_HUB_URL: "every command: the hub endpoint (https://.../hub/DeliveryService)",
    ENV_CA: "every command: PEM file of the CA that issued the hub's certificate",
    ENV_CERT: "every command: PEM client certificate of the system's connection",
    ENV_KEY: "every command: PEM private key of that certificate",
    ENV_CODE: "every command: the system's connection code (--nppo-code)",
    ENV_WORK_DIR: "every command: a scratch directory kept for the whole run",
    ENV_SCENARIO: "export: the export scenario id (export-851, ...)",
    ENV_DESTINATION: "export: connection code to send to (header To)",
    ENV_CERTIFICATE_TYPE: "export: 851 or 657",
    ENV_CERTIFICATE_STATUS: "export: 70 (issued) or 40 (withdrawn)",
    ENV_REFERENCE_NUMBER: (
        "export: for a withdrawal, the NPPOCertificateNumber to withdraw; else empty"
    ),
    ENV_HUB_DELIVERY_NUMBER: "query: the envelope's hubDeliveryNumber",
    ENV_CERTIFICATE_NUMBER: "query: the envelope's NPPOCertificateNumber",
}
"""Every environment variable of the contract and what it holds."""


@dataclass(frozen=True, slots=True)
class SystemEndpoint:
    """What a national system needs to reach the harness hub."""

    url: str
    ca: Path
    cert: Path
    key: Path
    code: str
    work_dir: Path

    def environment(self, **extra: str) -> dict[str, str]:
        """The process environment for a contract command, plus ``extra``."""
        values = {
            ENV_HUB_URL: self.url,
            ENV_CA: str(self.ca),
            ENV_CERT: str(self.cert),
            ENV_KEY: str(self.key),
            ENV_CODE: self.code,
            ENV_WORK_DIR: str(self.work_dir),
        }
        return {**os.environ, **values, **extra}

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> SystemEndpoint:
        """Read the endpoint back inside a contract command (KeyError if missing)."""
        return cls(
            url=environ[ENV_HUB_URL],
            ca=Path(environ[ENV_CA]),
            cert=Path(environ[ENV_CERT]),
            key=Path(environ[ENV_KEY]),
            code=environ[ENV_CODE],
            work_dir=Path(environ[ENV_WORK_DIR]),
        )
