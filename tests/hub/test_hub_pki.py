"""The test PKI: files, key usage, reuse across restarts."""

from __future__ import annotations

import ipaddress
import ssl
import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from conformance.errors import ConfigError, UsageError
from conformance.hub.pki import TestPki, check_nppo_code, fingerprint


def _load(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


def test_create_writes_ca_server_and_one_pair_per_nppo(tmp_path: Path) -> None:
    pki = TestPki.create(tmp_path, ["NL", "KE"])

    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [
        "KE.key",
        "KE.pem",
        "NL.key",
        "NL.pem",
        "ca.key",
        "ca.pem",
        "server.key",
        "server.pem",
    ]
    assert pki.ca_cert == tmp_path / "ca.pem"
    assert pki.client("NL") == (tmp_path / "NL.pem", tmp_path / "NL.key")
    assert pki.nppo_codes() == ["KE", "NL"]


def test_keys_are_private_to_the_owner(tmp_path: Path) -> None:
    TestPki.create(tmp_path, ["NL"])

    for key in tmp_path.glob("*.key"):
        assert stat.S_IMODE(key.stat().st_mode) == 0o600, key.name


def test_ca_is_a_self_signed_ec_p256_ca(tmp_path: Path) -> None:
    pki = TestPki.create(tmp_path, ["NL"])

    ca = _load(pki.ca_cert)

    assert ca.subject == ca.issuer
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    public_key = ca.public_key()
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    assert public_key.curve.name == "secp256r1"


def test_client_certificate_names_the_nppo_for_client_auth(tmp_path: Path) -> None:
    pki = TestPki.create(tmp_path, ["LK2"])

    cert = _load(pki.client("LK2")[0])

    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "LK2"
    usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(usage) == [ExtendedKeyUsageOID.CLIENT_AUTH]
    assert cert.issuer == _load(pki.ca_cert).subject
    assert cert.not_valid_before_utc < cert.not_valid_after_utc


def test_server_certificate_covers_loopback_names(tmp_path: Path) -> None:
    pki = TestPki.create(tmp_path, [])

    cert = _load(pki.server[0])

    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.DNSName) == ["localhost"]
    assert san.get_values_for_type(x509.IPAddress) == [
        ipaddress.ip_address("127.0.0.1"),
        ipaddress.ip_address("::1"),
    ]


def test_server_chain_verifies_against_the_ca(tmp_path: Path) -> None:
    pki = TestPki.create(tmp_path, ["NL"])
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)

    context.load_cert_chain(*pki.server)
    context.load_verify_locations(pki.ca_cert)

    assert context.cert_store_stats()["x509_ca"] == 1


def test_create_again_keeps_identities_and_adds_missing_nppos(tmp_path: Path) -> None:
    first = TestPki.create(tmp_path, ["NL"])
    nl_before = first.client("NL")[0].read_bytes()
    ca_before = first.ca_cert.read_bytes()

    second = TestPki.create(tmp_path, ["NL", "KE"])

    assert second.client("NL")[0].read_bytes() == nl_before
    assert second.ca_cert.read_bytes() == ca_before
    assert _load(second.client("KE")[0]).issuer == _load(second.ca_cert).subject


@pytest.mark.parametrize("code", ["nl", "N", "TOOLONGXX", "N-L", "", "NL "])
def test_invalid_nppo_code_is_a_usage_error_naming_it(
    tmp_path: Path, code: str
) -> None:
    with pytest.raises(UsageError, match=repr(code).replace("(", r"\(")):
        TestPki.create(tmp_path, ["NL", code])


def test_valid_codes_pass_the_check() -> None:
    assert check_nppo_code("LK2") == "LK2"
    assert check_nppo_code("ABCDEFG8") == "ABCDEFG8"


def test_issue_unregistered_is_signed_by_the_ca(tmp_path: Path) -> None:
    pki = TestPki.create(tmp_path, ["NL"])

    cert_path, key_path = pki.issue_unregistered("stranger")

    assert cert_path.name == "unregistered-stranger.pem"
    assert key_path.name == "unregistered-stranger.key"
    assert _load(cert_path).issuer == _load(pki.ca_cert).subject
    assert "unregistered-stranger" not in pki.nppo_codes()


def test_unregistered_name_must_fit_a_file_name(tmp_path: Path) -> None:
    pki = TestPki.create(tmp_path, [])

    with pytest.raises(UsageError, match="'../x'"):
        pki.issue_unregistered("../x")


def test_fingerprint_is_the_same_for_pem_and_der(tmp_path: Path) -> None:
    pki = TestPki.create(tmp_path, ["NL", "KE"])
    pem = pki.client("NL")[0].read_bytes()
    der = ssl.PEM_cert_to_DER_cert(pem.decode("ascii"))

    assert fingerprint(pem) == fingerprint(der) == fingerprint(pem.decode("ascii"))
    assert len(fingerprint(der)) == 64
    assert fingerprint(der) != fingerprint(pki.client("KE")[0].read_bytes())


def test_load_requires_a_ca(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no test PKI"):
        TestPki.load(tmp_path)


def test_client_for_an_unknown_nppo_is_a_config_error(tmp_path: Path) -> None:
    pki = TestPki.create(tmp_path, ["NL"])

    with pytest.raises(ConfigError, match="'KE'"):
        pki.client("KE")


def _server_alt_names(pki: TestPki) -> set[str]:
    cert = x509.load_pem_x509_certificate(pki.server[0].read_bytes())
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    return {
        *names.get_values_for_type(x509.DNSName),
        *(str(ip) for ip in names.get_values_for_type(x509.IPAddress)),
    }


def test_server_certificate_names_the_address_a_hub_listens_on(
    tmp_path: Path,
) -> None:
    pki = TestPki.create(
        tmp_path, ["KE"], server_names=["192.0.2.10", "hub.test", "0.0.0.0"]
    )

    names = _server_alt_names(pki)

    assert {"192.0.2.10", "hub.test", "localhost", "127.0.0.1", "::1"} <= names
    assert "0.0.0.0" not in names


def test_create_again_reissues_the_server_certificate_for_a_new_address(
    tmp_path: Path,
) -> None:
    TestPki.create(tmp_path, ["KE"])
    client_before = (tmp_path / "KE.pem").read_bytes()

    pki = TestPki.create(tmp_path, ["KE"], server_names=["198.51.100.7"])

    assert "198.51.100.7" in _server_alt_names(pki)
    assert (tmp_path / "KE.pem").read_bytes() == client_before
