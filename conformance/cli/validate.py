"""``ephyto-conformance validate``: the validator a country runs on its certificates."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import click

from conformance.cli import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE
from conformance.errors import ConformanceError
from conformance.findings import Level
from conformance.report.validate_json import JsonValidateWriter
from conformance.report.validate_junit import JUnitValidateWriter
from conformance.report.validate_rows import ValidateTotals, ValidateWriter
from conformance.report.validate_table import TableValidateWriter
from conformance.validate.batch import validate_document
from conformance.validate.inputs import InputProblem, iter_documents
from conformance.validate.options import STRICTNESS_LEVELS, ValidationOptions

__all__ = ["command"]

_WRITERS: dict[str, Callable[[TextIO], ValidateWriter]] = {
    "table": TableValidateWriter,
    "json": JsonValidateWriter,
    "junit": JUnitValidateWriter,
}


@click.command(name="validate")
@click.argument("paths", nargs=-1, required=True, metavar="PATH... | -")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(_WRITERS)),
    default="table",
    show_default=True,
    help="table for people, json (one object per input) or junit for CI.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["severe", "warning", "info"], case_sensitive=False),
    default="severe",
    show_default=True,
    help="Exit 1 when any input has a finding at this level or above.",
)
@click.option(
    "--first",
    is_flag=True,
    help="Stop each input at its first finding (default: list every finding).",
)
@click.option(
    "--strictness",
    type=click.Choice(STRICTNESS_LEVELS),
    default="strict",
    show_default=True,
    help="strict: UN/CEFACT sequence order; hub: sibling order free, as the hub's "
    "parser reads it.",
)
@click.option(
    "--schema-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also validate against the official UN/CEFACT schema set in this folder "
    "(data/standard/SPSCertificate_17p0.xsd and what it imports).",
)
@click.option(
    "--detailed",
    is_flag=True,
    help="Schema messages from xmlschema (reason, expected elements, path); slower.",
)
def command(
    paths: tuple[str, ...],
    output_format: str,
    fail_on: str,
    first: bool,
    strictness: str,
    schema_dir: Path | None,
    detailed: bool,
) -> None:
    """Validate ePhyto certificates and hub envelopes; report every finding.

    PATH is a certificate file, a directory (every *.xml below it), a zip archive
    (every *.xml member, shown as archive.zip!member.xml) or - for standard input.
    A file whose root is a SOAP or hub Envelope is validated as a whole envelope:
    header, Content decoding and the header against the certificate.

    Example: ephyto-conformance validate --format json out/certificates.zip

    Exit codes: 0 no finding at the --fail-on level (default SEVERE, what the hub
    refuses), 1 at least one such finding, 2 a usage or configuration error (a
    missing path, an unreadable zip, a directory without *.xml, an incomplete
    --schema-dir). Unreadable inputs are reported as entries of the output and
    the others are still validated; exit 2 comes at the end.
    """
    try:
        options = _options(strictness, schema_dir, detailed)
    except ConformanceError as err:
        click.echo(f"validate: {err}", err=True)
        raise SystemExit(EXIT_USAGE) from err

    out = sys.stdout
    totals = ValidateTotals(fail_on=Level(fail_on.upper()))
    writer: ValidateWriter = _WRITERS[output_format](out)
    problems = _run(paths, writer, totals, first=first, options=options)
    writer.close(totals)
    if problems:
        raise SystemExit(EXIT_USAGE)
    raise SystemExit(EXIT_FINDINGS if totals.failed else EXIT_CLEAN)


def _options(
    strictness: str, schema_dir: Path | None, detailed: bool
) -> ValidationOptions:
    official = None
    if schema_dir is not None:
        from conformance.validate.official import official_schema

        official = official_schema(schema_dir.resolve())
    return ValidationOptions(
        strictness=strictness,  # type: ignore[arg-type]
        detailed=detailed,
        official_schema=official,
    )


def _run(
    paths: tuple[str, ...],
    writer: ValidateWriter,
    totals: ValidateTotals,
    *,
    first: bool,
    options: ValidationOptions,
) -> int:
    """Validate every input in turn; the number that could not be read at all."""
    errors: TextIO = sys.stderr
    stdin = sys.stdin.buffer if "-" in paths else None
    for document in iter_documents(paths, stdin=stdin):
        if isinstance(document, InputProblem):
            _problem(writer, totals, document.path, document.message, errors)
            continue
        try:
            result = validate_document(document, first=first, options=options)
        except ConformanceError as err:
            _problem(writer, totals, document.path, str(err), errors)
            continue
        writer.add(result, totals.add(result))
    return totals.problems


def _problem(
    writer: ValidateWriter,
    totals: ValidateTotals,
    path: str,
    message: str,
    errors: TextIO,
) -> None:
    """An entry in the report and one stderr line, so a redirected report shows it."""
    totals.problems += 1
    writer.problem(path, message)
    shown = message if repr(path) in message else f"{path}: {message}"
    errors.write(f"validate: {shown}\n")
