"""``ephyto-conformance rules``: every validation rule, its layer, area and level."""

from __future__ import annotations

import json

import click

from conformance.cli import EXIT_CLEAN
from conformance.validate import RULES

__all__ = ["command"]


@click.command(name="rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table for people, json for tools.",
)
def command(output_format: str) -> None:
    """List every rule the validator can report, with its one-line reason.

    The ids are stable: they appear in `validate` output and, in brackets, at the
    start of each ValidatePhytoXML message of the reference hub.

    Example: ephyto-conformance rules --format json

    Exit code: 0.
    """
    rows = [
        {
            "id": rule.id,
            "layer": str(rule.layer),
            "area": str(rule.area),
            "level": str(rule.level),
            "reason": rule.reason,
        }
        for rule in RULES.values()
    ]
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2))
    else:
        widths = {
            key: max(len(key), *(len(row[key]) for row in rows)) for key in rows[0]
        }
        columns = ("id", "layer", "area", "level")
        click.echo(
            "  ".join(key.upper().ljust(widths[key]) for key in columns) + "  REASON"
        )
        for row in rows:
            cells = "  ".join(row[key].ljust(widths[key]) for key in columns)
            click.echo(f"{cells}  {row['reason']}")
    raise SystemExit(EXIT_CLEAN)
