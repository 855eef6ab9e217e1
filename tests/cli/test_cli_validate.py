"""`ephyto-conformance validate`: formats, exit codes, stdin, zips, options."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from conformance.certificate import examples, to_xml
from conformance.cli import main

VALID = to_xml(examples.minimal_851())
INVALID = VALID.replace(b">851<", b">852<")
LANGUAGE_WARNING = to_xml(examples.full_851()).replace(
    b'languageID="en"', b'languageID="EN"', 1
)


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["validate", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


def test_clean_certificate_exits_0_and_says_ok(tmp_path: Path) -> None:
    code, out, _ = run(write(tmp_path, "ok.xml", VALID))

    assert code == 0
    assert out.startswith("ok   ") and "0 findings" in out


def test_json_lists_one_object_per_input_with_hub_shaped_findings(
    tmp_path: Path,
) -> None:
    paths = [write(tmp_path, "a.xml", VALID), write(tmp_path, "b.xml", INVALID)]

    code, out, _ = run("--format", "json", *paths)

    assert code == 1
    report = json.loads(out)
    assert [item["path"] for item in report] == paths
    assert report[0]["findings"] == []
    (row,) = report[1]["findings"]
    assert row == {
        "rule_id": "EPH-MAP-008",
        "area": "Mapping",
        "field": "/rsm:SPSCertificate/rsm:SPSExchangedDocument/ram:TypeCode",
        "level": "SEVERE",
        "msg": row["msg"],
        "xpath": "/rsm:SPSCertificate/rsm:SPSExchangedDocument/ram:TypeCode",
        "line": row["line"],
    }
    assert row["msg"].startswith("[EPH-MAP-008] ") and "'852'" in row["msg"]
    assert isinstance(row["line"], int)


def test_fail_on_chooses_the_level_that_makes_exit_1(tmp_path: Path) -> None:
    path = write(tmp_path, "warn.xml", LANGUAGE_WARNING)

    assert run(path)[0] == 0
    assert run("--fail-on", "warning", path)[0] == 1


def test_first_stops_each_input_at_one_finding(tmp_path: Path) -> None:
    bad = INVALID.replace(b">70<", b">9<")
    path = write(tmp_path, "two.xml", bad)

    every = json.loads(run("--format", "json", path)[1])[0]["findings"]
    first = json.loads(run("--format", "json", "--first", path)[1])[0]["findings"]

    assert len(every) == 2 and first == every[:1]


def test_stdin_and_zip_members_are_named_in_the_report(tmp_path: Path) -> None:
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("one.xml", VALID)
        zf.writestr("manifest.jsonl", "{}\n")

    code, out, _ = run("--format", "json", "-", str(archive), stdin=INVALID)

    assert code == 1
    assert [item["path"] for item in json.loads(out)] == ["-", f"{archive}!one.xml"]


def test_missing_path_exits_2_with_one_line(tmp_path: Path) -> None:
    code, out, err = run(str(tmp_path / "absent.xml"))

    assert code == 2
    assert out.startswith(f"ERROR {tmp_path / 'absent.xml'}: ")
    assert err.count("\n") == 1 and "absent.xml" in err and "does not exist" in err


def test_a_missing_path_is_an_entry_and_the_other_inputs_are_validated(
    tmp_path: Path,
) -> None:
    good = write(tmp_path, "good.xml", VALID)
    absent = str(tmp_path / "nope.xml")

    code, out, err = run("--format", "json", good, absent)

    assert code == 2
    rows = json.loads(out)
    assert [row["path"] for row in rows] == [good, absent]
    assert rows[0]["kind"] == "certificate" and rows[0]["findings"] == []
    assert rows[1]["findings"] == [] and "does not exist" in rows[1]["error"]
    assert set(rows[1]) == {"path", "error", "findings"}
    assert err.count("\n") == 1


def test_unreadable_zip_exits_2_after_the_other_inputs(tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.zip", b"not a zip at all")
    good = write(tmp_path, "ok.xml", VALID)

    code, out, err = run("--format", "json", broken, good)

    assert code == 2
    rows = json.loads(out)
    assert [item["path"] for item in rows] == [broken, good]
    assert "zip" in rows[0]["error"] and rows[0]["findings"] == []
    assert err.count("\n") == 1 and "broken.zip" in err and "zip" in err


def test_an_unreadable_input_is_a_line_in_the_table_and_an_error_in_junit(
    tmp_path: Path,
) -> None:
    good = write(tmp_path, "ok.xml", VALID)
    absent = str(tmp_path / "nope.xml")

    table_code, table, _ = run(good, absent)
    junit_code, junit, _ = run("--format", "junit", good, absent)

    assert table_code == junit_code == 2
    assert table.splitlines()[0].startswith("ok   ")
    assert table.splitlines()[1].startswith(f"ERROR {absent}: ")
    suite = etree.fromstring(junit.encode())
    assert suite.get("tests") == "2" and suite.get("errors") == "1"
    assert suite.xpath("count(testcase/error)") == 1


def test_an_empty_directory_is_a_usage_error_not_a_pass(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    (empty / "notes.txt").write_text("no certificates here")

    code, out, err = run("--format", "json", str(empty))

    assert code == 2
    [row] = json.loads(out)
    assert row["path"] == str(empty)
    assert "no certificate files under" in row["error"]
    assert "no certificate files under" in err


def test_an_oversized_zip_member_names_the_read_and_certificate_limits(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.xml", b"<a>" + b" " * (65 * 1024 * 1024) + b"</a>")

    code, out, _ = run("--format", "json", str(archive))

    assert code == 1
    [row] = json.loads(out)
    [item] = row["findings"]
    assert item["rule_id"] == "EPH-SEC-004"
    assert "65.0 MiB" in item["msg"] and "64 MiB read limit" in item["msg"]
    assert "16 MiB" in item["msg"]


def test_a_soap_12_envelope_is_refused_as_not_supported(tmp_path: Path) -> None:
    soap12 = write(
        tmp_path,
        "soap12.xml",
        b'<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope">'
        b"<e:Body/></e:Envelope>",
    )

    code, out, err = run("--format", "json", soap12)

    assert code == 2
    [row] = json.loads(out)
    assert "SOAP 1.2 is not supported" in row["error"]
    assert "SOAP 1.1" in row["error"] and "hub:From" not in row["error"]
    assert "SOAP 1.2 is not supported" in err


def test_incomplete_schema_dir_exits_2_naming_the_missing_file(tmp_path: Path) -> None:
    standard = tmp_path / "xsd" / "data" / "standard"
    standard.mkdir(parents=True)
    (standard / "SPSCertificate_17p0.xsd").write_text(
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        '<xsd:import namespace="urn:x" schemaLocation="Missing_21p0.xsd"/>'
        "</xsd:schema>"
    )

    code, _, err = run(
        "--schema-dir", str(tmp_path / "xsd"), write(tmp_path, "a.xml", VALID)
    )

    assert code == 2
    assert "Missing_21p0.xsd" in err and "is missing" in err


def test_junit_has_one_case_per_input_and_a_failure_for_findings(
    tmp_path: Path,
) -> None:
    paths = [write(tmp_path, "a.xml", VALID), write(tmp_path, "b.xml", INVALID)]

    code, out, _ = run("--format", "junit", *paths)

    suite = etree.fromstring(out.encode())
    assert code == 1
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == paths
    assert cases[0].find("failure") is None
    failure = cases[1].find("failure")
    assert failure is not None and "EPH-MAP-008" in (failure.text or "")


def test_strictness_hub_accepts_sibling_order(tmp_path: Path) -> None:
    root = etree.fromstring(VALID)
    document = root[0]
    document.insert(1, document[2])  # TypeCode before ID
    path = write(tmp_path, "order.xml", etree.tostring(root))

    assert run(path)[0] == 1
    assert run("--strictness", "hub", path)[0] == 0


def test_detailed_gives_the_same_verdict_with_more_words(tmp_path: Path) -> None:
    bad = VALID.replace(b"<ram:ID>", b"<ram:Remark>x</ram:Remark><ram:ID>", 1)
    path = write(tmp_path, "extra.xml", bad)

    fast = json.loads(run("--format", "json", path)[1])[0]["findings"]
    detailed = json.loads(run("--format", "json", "--detailed", path)[1])[0]["findings"]

    assert [f["rule_id"] for f in fast] == [f["rule_id"] for f in detailed]
    assert "expected ram:ID" in detailed[0]["msg"]


def test_help_documents_the_exit_codes() -> None:
    result = CliRunner().invoke(main, ["validate", "--help"])

    assert result.exit_code == 0
    assert "Exit codes: 0" in result.stdout and "--fail-on" in result.stdout
