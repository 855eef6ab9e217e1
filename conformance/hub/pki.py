"""A throwaway test PKI: a CA, the hub's server certificate, one certificate per NPPO.

Everything is EC P-256 with a short validity. Files are reused when present, so a
hub restarted on the same state directory keeps the identities its NPPOs hold.
"""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
import os
import re
from collections.abc import Iterable
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from conformance.errors import ConfigError, UsageError

__all__ = ["TestPki", "check_nppo_code", "fingerprint"]

_NPPO_CODE = re.compile(r"[A-Z0-9]{2,8}")
_NAME = re.compile(r"[A-Za-z0-9_-]{1,40}")
_VALIDITY = datetime.timedelta(days=30)
# Backdated so a peer whose clock runs a little behind still accepts the chain.
_BACKDATE = datetime.timedelta(hours=1)
_SERVER_NAMES = ("localhost",)
_SERVER_IPS = ("127.0.0.1", "::1")


def check_nppo_code(code: str) -> str:
    """Return ``code`` if it is a valid connection code (2-8 of ``A-Z0-9``)."""
    if not isinstance(code, str) or not _NPPO_CODE.fullmatch(code):
        raise UsageError(
            f"NPPO code {code!r} is not a hub connection code: use 2 to 8 "
            "upper-case letters or digits, e.g. 'NL' or 'LK2'"
        )
    return code


def fingerprint(certificate: bytes | str) -> str:
    """SHA-256 of a certificate's DER bytes, lower-case hex; accepts PEM or DER."""
    if isinstance(certificate, str):
        certificate = certificate.encode("ascii")
    if certificate.lstrip().startswith(b"-----BEGIN"):
        certificate = x509.load_pem_x509_certificate(certificate).public_bytes(
            serialization.Encoding.DER
        )
    return hashlib.sha256(certificate).hexdigest()


class TestPki:
    """The files of the test PKI in one directory.

    Example::

        pki = TestPki.create(tmp_path / "pki", ["NL", "KE"])
        cert, key = pki.client("NL")

    Raises ``UsageError`` for an invalid NPPO code and ``ConfigError`` when the
    directory cannot be written or holds unreadable files.
    """

    # Not a pytest test class, despite the name.
    __test__ = False

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @classmethod
    def create(
        cls,
        directory: str | os.PathLike[str],
        nppos: Iterable[str],
        *,
        server_names: Iterable[str] = (),
    ) -> TestPki:
        """Write the CA, the server certificate and each missing NPPO certificate.

        The server certificate names localhost and the loopback addresses, plus
        ``server_names`` (host names or IP addresses the hub is reached at); an
        existing one that lacks a requested name is issued again.
        """
        codes = [check_nppo_code(code) for code in nppos]
        names = _server_names(server_names)
        pki = cls(Path(directory))
        try:
            pki.directory.mkdir(parents=True, exist_ok=True)
            ca_key, ca_cert = pki._ensure_ca()
            if not pki._exists("server") or not names <= pki._server_names():
                pki._issue(
                    "server", "localhost", ca_key, ca_cert, server=True, names=names
                )
            for code in codes:
                if not pki._exists(code):
                    pki._issue(code, code, ca_key, ca_cert, server=False)
        except OSError as err:
            raise ConfigError(
                f"cannot write the test PKI in {str(directory)!r}: {err.strerror}; "
                "choose a writable state directory"
            ) from err
        return pki

    @classmethod
    def load(cls, directory: str | os.PathLike[str]) -> TestPki:
        """Open an existing PKI directory; raise ``ConfigError`` if it has no CA."""
        pki = cls(Path(directory))
        if not pki._exists("ca"):
            raise ConfigError(
                f"no test PKI in {str(directory)!r} (ca.pem or ca.key missing); "
                "create one with TestPki.create or `ephyto-conformance serve-hub`"
            )
        return pki

    @property
    def ca_cert(self) -> Path:
        """The CA certificate (PEM): the trust anchor of the hub and its clients."""
        return self.directory / "ca.pem"

    @property
    def server(self) -> tuple[Path, Path]:
        """The hub's server certificate and key."""
        return self._pair("server")

    def client(self, code: str) -> tuple[Path, Path]:
        """The certificate and key of NPPO ``code``; ``ConfigError`` if missing."""
        check_nppo_code(code)
        if not self._exists(code):
            raise ConfigError(
                f"no client certificate for NPPO {code!r} in {str(self.directory)!r}; "
                "add the NPPO to the hub (serve-hub --nppo) first"
            )
        return self._pair(code)

    def nppo_codes(self) -> list[str]:
        """Codes of the NPPOs that have a client certificate here, sorted."""
        return sorted(
            path.stem
            for path in self.directory.glob("*.pem")
            if _NPPO_CODE.fullmatch(path.stem) and (path.with_suffix(".key")).exists()
        )

    def issue_unregistered(self, name: str) -> tuple[Path, Path]:
        """A client certificate from this CA that belongs to no NPPO."""
        if not _NAME.fullmatch(name):
            raise UsageError(
                f"certificate name {name!r} is not usable in a file name: use 1 to "
                "40 letters, digits, '_' or '-'"
            )
        stem = f"unregistered-{name}"
        ca_key, ca_cert = self._load_ca()
        self._issue(stem, stem, ca_key, ca_cert, server=False)
        return self._pair(stem)

    def certificate_pem(self, code: str) -> bytes:
        """The PEM bytes of NPPO ``code``'s client certificate."""
        return self.client(code)[0].read_bytes()

    def _pair(self, stem: str) -> tuple[Path, Path]:
        return self.directory / f"{stem}.pem", self.directory / f"{stem}.key"

    def _exists(self, stem: str) -> bool:
        return all(path.exists() for path in self._pair(stem))

    def _ensure_ca(self) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
        if self._exists("ca"):
            return self._load_ca()
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name(
            [
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ephyto-conformance"),
                x509.NameAttribute(NameOID.COMMON_NAME, "ephyto-conformance test CA"),
            ]
        )
        now = _now()
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - _BACKDATE)
            .not_valid_after(now + _VALIDITY)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                critical=False,
            )
            .sign(key, hashes.SHA256())
        )
        self._write("ca", key, cert)
        return key, cert

    def _load_ca(self) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
        cert_path, key_path = self._pair("ca")
        try:
            cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
            key = serialization.load_pem_private_key(key_path.read_bytes(), None)
        except (OSError, ValueError) as err:
            raise ConfigError(
                f"cannot read the test CA in {str(self.directory)!r}: {err}; "
                "delete the directory to start a fresh PKI"
            ) from err
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ConfigError(
                f"the test CA key {str(key_path)!r} is not an EC key; "
                "delete the directory to start a fresh PKI"
            )
        return key, cert

    def _server_names(self) -> frozenset[str]:
        """The DNS names and IP addresses the current server certificate holds."""
        cert = x509.load_pem_x509_certificate(self._pair("server")[0].read_bytes())
        try:
            extension = cert.extensions.get_extension_for_class(
                x509.SubjectAlternativeName
            )
        except x509.ExtensionNotFound:
            return frozenset()
        dns = extension.value.get_values_for_type(x509.DNSName)
        ips = extension.value.get_values_for_type(x509.IPAddress)
        return frozenset([*dns, *(str(ip) for ip in ips)])

    def _issue(
        self,
        stem: str,
        common_name: str,
        ca_key: ec.EllipticCurvePrivateKey,
        ca_cert: x509.Certificate,
        *,
        server: bool,
        names: frozenset[str] = frozenset(),
    ) -> None:
        key = ec.generate_private_key(ec.SECP256R1())
        now = _now()
        usage = (
            ExtendedKeyUsageOID.SERVER_AUTH
            if server
            else ExtendedKeyUsageOID.CLIENT_AUTH
        )
        builder = (
            x509.CertificateBuilder()
            .subject_name(
                x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
            )
            .issuer_name(ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - _BACKDATE)
            .not_valid_after(now + _VALIDITY)
            .add_extension(
                x509.BasicConstraints(ca=False, path_length=None), critical=True
            )
            .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                critical=False,
            )
        )
        if server:
            builder = builder.add_extension(
                x509.SubjectAlternativeName(
                    [_general_name(name) for name in sorted(names)]
                ),
                critical=False,
            )
        self._write(stem, key, builder.sign(ca_key, hashes.SHA256()))

    def _write(
        self, stem: str, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate
    ) -> None:
        cert_path, key_path = self._pair(stem)
        key_bytes = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        # Created 0600 from the start: the key is never readable by others.
        descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key_bytes)
        os.chmod(key_path, 0o600)
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def _server_names(extra: Iterable[str]) -> frozenset[str]:
    names = {*_SERVER_NAMES, *_SERVER_IPS}
    for name in extra:
        # A wildcard bind address names no host a client could dial.
        if name and name not in ("0.0.0.0", "::"):
            names.add(name.strip("[]"))
    return frozenset(names)


def _general_name(name: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        return x509.DNSName(name)


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)
