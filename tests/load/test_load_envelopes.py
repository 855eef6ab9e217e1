"""Load envelopes are unique per (seed, n) and agree with their content."""

from __future__ import annotations

from conformance.findings import Level
from conformance.load.envelopes import load_envelope, route
from conformance.validate import validate_envelope


def test_numbers_differ_per_certificate_and_repeat_per_seed() -> None:
    first = load_envelope(3, 0, "NL", "KE")

    assert (
        first.nppo_certificate_number
        != load_envelope(3, 1, "NL", "KE").nppo_certificate_number
    )
    assert first == load_envelope(3, 0, "NL", "KE")
    assert (
        first.nppo_certificate_number
        != load_envelope(4, 0, "NL", "KE").nppo_certificate_number
    )


def test_content_is_valid_and_agrees_with_the_header() -> None:
    envelope = load_envelope(1, 42, "CL", "US")

    findings = validate_envelope(envelope)

    assert [f for f in findings if f.level == Level.SEVERE] == []
    assert (envelope.from_, envelope.to) == ("CL", "US")


def test_routes_cover_every_pair_of_two_nppos_and_never_self_address() -> None:
    codes = ("NL", "KE", "CL")

    pairs = {(r.sender, r.recipient) for r in (route(n, codes) for n in range(12))}

    assert pairs == {(a, b) for a in codes for b in codes if a != b}
