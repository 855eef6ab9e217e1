"""The valid strategies reach the whole B1 tree, in several scripts, reproducibly."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings

from conformance.certificate import Certificate, to_xml
from conformance.findings import Level
from conformance.generate.large import LARGE_SETTINGS, large_certificates
from conformance.generate.strategies import certificates
from conformance.validate import validate_certificate

_FIND = settings(
    max_examples=400,
    database=None,
    derandomize=True,
    # The first hit is proof enough; shrinking large certificates is slow.
    phases=[Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)


def _xml(certificate: Certificate) -> str:
    return to_xml(certificate).decode("utf-8")


def _has_script(low: int, high: int) -> Callable[[Certificate], bool]:
    return lambda c: any(low <= ord(ch) <= high for ch in _xml(c))


def _nfd(certificate: Certificate) -> bool:
    text = _xml(certificate)
    return unicodedata.normalize("NFC", text) != text


FEATURES: dict[str, Callable[[Certificate], bool]] = {
    "657 with RPC notes and AWR": lambda c: "RPCRF" in _xml(c) and "AWR" in _xml(c),
    "replacement notes": lambda c: all(
        f">{s}<" in _xml(c) for s in ("ADRP", "ADRPN", "ADRPR", "ADRD")
    ),
    "transit country": lambda c: bool(c.consignment.transit_countries),
    "transport and seals": lambda c: (
        "AffixedSPSSeal" in _xml(c) and "MainCarriageSPSTransportMovement" in _xml(c)
    ),
    "several items and lines": lambda c: (
        len(c.consignment.items) > 1 and len(c.consignment.items[0].trade_lines) > 1
    ),
    "OPTND note": lambda c: ">OPTND<" in _xml(c),
    "all classifications": lambda c: all(
        f">{s}<" in _xml(c) for s in ("HS", "IPPCPCVP", "IPPCPCC")
    ),
    "treatment characteristics": lambda c: all(
        f">{s}<" in _xml(c) for s in ("TTL1", "TTCH", "TTTM", "TTFT")
    ),
    "attachment": lambda c: "AttachmentBinaryObject" in _xml(c),
    "additional declarations": lambda c: ">ADEDL<" in _xml(c) and ">ADTLIL<" in _xml(c),
    "other quantity notes": lambda c: ">OQV<" in _xml(c) and ">OQU<" in _xml(c),
    "Arabic script": _has_script(0x0600, 0x06FF),
    "Latin name beside Arabic": lambda c: any(
        t.language == "ar" and any("a" <= ch <= "z" for ch in t.value)
        for item in c.consignment.items
        for line in item.trade_lines
        for t in line.descriptions
    ),
    "NFD text": _nfd,
}


@pytest.mark.parametrize("feature", FEATURES, ids=str)
def test_the_valid_space_reaches(feature: str) -> None:
    found = find(certificates(), FEATURES[feature], settings=_FIND)

    assert FEATURES[feature](found)


def test_withdrawal_status_is_in_reach() -> None:
    found = find(
        certificates(status_codes=(70, 40)),
        lambda c: c.document.status_code == "40",
        settings=_FIND,
    )

    assert found.document.status_code == "40"


def test_same_seed_gives_the_same_bytes() -> None:
    def draw() -> bytes:
        chosen = find(certificates(), lambda c: len(_xml(c)) > 6000, settings=_FIND)
        return to_xml(chosen)

    assert draw() == draw()


@settings(max_examples=40, deadline=None)
@given(certificates(status_codes=(70, 40, 44)))
def test_drawn_certificates_have_no_finding_at_all(certificate: Certificate) -> None:
    assert validate_certificate(to_xml(certificate)) == []


@LARGE_SETTINGS
@given(large_certificates(lines=(60, 150), attachments=(2, 6)))
def test_large_certificates_are_large_and_valid(certificate: Certificate) -> None:
    lines = [
        line for item in certificate.consignment.items for line in item.trade_lines
    ]
    findings = validate_certificate(to_xml(certificate))

    assert len(lines) >= 60
    assert [line.sequence for line in lines] == list(range(1, len(lines) + 1))
    assert [f for f in findings if f.level is Level.SEVERE] == []
