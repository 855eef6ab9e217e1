"""parse_untrusted: refuses DTDs, entities, depth and size; never raises."""

from __future__ import annotations

import codecs
import socket

import pytest

from conformance.certificate import to_xml
from conformance.certificate.examples import full_851
from conformance.findings import Level
from conformance.validate import parse_untrusted, validate_certificate

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">'
        % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10)
        for i in range(1, 10)
    )
    + b"]>\n<lolz>&lol9;</lolz>"
)
XXE = b'<!DOCTYPE a [<!ENTITY x SYSTEM "http://192.0.2.1/secret">]><a>&x;</a>'
PARAMETER_XXE = b'<!DOCTYPE a [<!ENTITY % p SYSTEM "http://192.0.2.1/p.dtd"> %p;]><a/>'


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the parser tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def rule_ids(data: bytes | str, **limits: int) -> list[str]:
    return [f.rule_id for f in parse_untrusted(data, **limits).findings]


def test_valid_certificate_parses_with_its_encoding() -> None:
    parsed = parse_untrusted(to_xml(full_851()))

    assert parsed.ok and parsed.encoding == "utf-8" and parsed.findings == []


def test_doctype_is_refused_before_parsing() -> None:
    parsed = parse_untrusted(
        b'<?xml version="1.0"?>\n<!DOCTYPE a SYSTEM "a.dtd">\n<a/>'
    )

    assert parsed.tree is None
    assert [(f.rule_id, f.line) for f in parsed.findings] == [("EPH-SEC-001", 2)]


def test_billion_laughs_is_refused_without_expansion() -> None:
    parsed = parse_untrusted(BILLION_LAUGHS)

    assert parsed.tree is None
    assert [f.rule_id for f in parsed.findings] == ["EPH-SEC-002"]
    assert len(parsed.findings[0].message) < 200


@pytest.mark.parametrize("data", [XXE, PARAMETER_XXE])
def test_external_entities_are_refused_without_network(
    no_network: None, data: bytes
) -> None:
    assert rule_ids(data) == ["EPH-SEC-005"]


def test_doctype_after_comment_and_processing_instruction_is_found() -> None:
    data = b'<?xml version="1.0"?><!-- c --><?pi x?>\n<!DOCTYPE a><a/>'

    assert rule_ids(data) == ["EPH-SEC-001"]


def test_nesting_past_the_limit_is_refused() -> None:
    assert rule_ids(b"<a>" * 65 + b"</a>" * 65) == ["EPH-SEC-003"]
    assert rule_ids(b"<a>" * 64 + b"</a>" * 64) == []
    assert rule_ids(b"<a>" * 11 + b"</a>" * 11, max_depth=10) == ["EPH-SEC-003"]


def test_nesting_past_the_parser_limit_is_refused() -> None:
    assert rule_ids(b"<a>" * 400 + b"</a>" * 400) == ["EPH-SEC-003"]


def test_nesting_past_the_parser_limit_reads_like_the_depth_limit() -> None:
    past_libxml2 = parse_untrusted(b"<a>" * 400 + b"</a>" * 400).findings
    past_ours = parse_untrusted(b"<a>" * 100 + b"</a>" * 100).findings

    assert [f.message for f in past_libxml2] == [f.message for f in past_ours]
    assert "XML_PARSE_HUGE" not in past_libxml2[0].message
    assert "64 levels" in past_libxml2[0].message


def test_oversized_input_is_refused() -> None:
    assert rule_ids(b"<a>" + b"x" * 100 + b"</a>", max_bytes=100) == ["EPH-SEC-004"]


def test_an_oversized_certificate_names_the_16_mib_certificate_limit() -> None:
    size = 20 * 1024 * 1024
    found = parse_untrusted(b"<a>" + b" " * size + b"</a>").findings

    assert [f.rule_id for f in found] == ["EPH-SEC-004"]
    assert "20.0 MiB" in found[0].message
    assert "16 MiB certificate limit" in found[0].message


@pytest.mark.parametrize(
    ("data", "rule_id"),
    [
        (b"", "EPH-WF-003"),
        (" \n", "EPH-WF-003"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "EPH-ENC-003"),
        (b"this is not XML", "EPH-WF-001"),
        (b'{"certificate": 1}', "EPH-WF-001"),
        (b"<a><b></a>", "EPH-WF-001"),
        (b"<a>&undefined;</a>", "EPH-WF-001"),
        (b"<rsm:a/>", "EPH-WF-002"),
    ],
)
def test_broken_input_gives_one_severe_finding(data: bytes | str, rule_id: str) -> None:
    findings = parse_untrusted(data).findings

    assert [f.rule_id for f in findings] == [rule_id]
    assert findings[0].level is Level.SEVERE


def test_undeclared_prefix_reports_its_line() -> None:
    findings = parse_untrusted(b"<a>\n\n<ns1:b/></a>").findings

    assert [(f.rule_id, f.line) for f in findings] == [("EPH-WF-002", 3)]


def test_utf16_with_bom_parses_cleanly() -> None:
    text = to_xml(full_851()).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')

    parsed = parse_untrusted(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))

    assert parsed.ok and parsed.bom and parsed.findings == []
    assert validate_certificate(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == []


def test_utf16_without_bom_parses_with_a_warning() -> None:
    text = to_xml(full_851()).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')

    findings = validate_certificate(text.encode("utf-16-le"))

    assert [(f.rule_id, f.level) for f in findings] == [("EPH-ENC-002", Level.WARNING)]


def test_utf16_bytes_declared_utf8_contradict() -> None:
    data = codecs.BOM_UTF16_LE + '<?xml version="1.0" encoding="UTF-8"?><a/>'.encode(
        "utf-16-le"
    )

    assert rule_ids(data) == ["EPH-ENC-001"]


def test_latin1_bytes_declared_utf8_contradict_at_their_line() -> None:
    data = '<?xml version="1.0" encoding="UTF-8"?>\n<a>\nAgropecuaria Ñandú</a>'

    findings = parse_untrusted(data.encode("latin-1")).findings

    assert [(f.rule_id, f.line) for f in findings] == [("EPH-ENC-001", 3)]


def test_latin1_bytes_declared_latin1_parse() -> None:
    data = '<?xml version="1.0" encoding="ISO-8859-1"?><a>Ñandú</a>'.encode("latin-1")

    parsed = parse_untrusted(data)

    assert parsed.ok and parsed.tree is not None
    assert parsed.tree.getroot().text == "Ñandú"


def test_unknown_declared_encoding_is_a_finding() -> None:
    assert rule_ids(b'<?xml version="1.0" encoding="x-nope"?><a/>') == ["EPH-ENC-004"]


def test_text_input_ignores_its_declared_encoding_and_bom() -> None:
    parsed = parse_untrusted('\ufeff<?xml version="1.0" encoding="UTF-16"?><a>é</a>')

    assert parsed.ok and parsed.encoding == "text" and parsed.findings == []
