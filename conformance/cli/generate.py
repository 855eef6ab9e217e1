"""``ephyto-conformance generate``: stream a corpus of bulk certificates."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from conformance.cli import EXIT_CLEAN, EXIT_USAGE
from conformance.errors import ConformanceError
from conformance.generate.corpus import CorpusItem, corpus
from conformance.generate.corpus_writer import MANIFEST, prepare_output, write_corpus

__all__ = ["command"]

# Redrawing the bar per certificate would cost more than making the certificate.
_STEP = 500


@click.command(name="generate")
@click.option(
    "--count",
    type=click.IntRange(min=1),
    required=True,
    help="Number of certificates to write.",
)
@click.option(
    "--seed",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Corpus seed: the same seed and count give the same bytes.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    required=True,
    help="Output directory, or a zip file when the name ends in .zip.",
)
@click.option(
    "--invalid-share",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Share of certificates broken in one catalogued way (0 to 1).",
)
@click.option("--force", is_flag=True, help="Replace an existing corpus at --out.")
def command(
    count: int, seed: int, out: Path, invalid_share: float, force: bool
) -> None:
    """Write COUNT bulk certificates to OUT, with manifest.jsonl listing each one.

    Each manifest line has file, valid and, for a broken certificate, rule_id and
    kind. A directory gets the manifest beside the certificates; a zip holds it.

    Example: ephyto-conformance generate --count 100000 --seed 7 --out corpus.zip
    --invalid-share 0.1

    Exit codes: 0 written; 2 bad option, or OUT exists and --force is not given.
    """
    try:
        prepare_output(out, force=force)
    except ConformanceError as err:
        click.echo(f"generate: {err}", err=True)
        raise SystemExit(EXIT_USAGE) from err

    items = corpus(seed, count, invalid_share=invalid_share)
    invalid = 0
    progress = Progress(
        TextColumn("generating"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with progress:
        task = progress.add_task("generate", total=count)

        def tick(item: CorpusItem) -> None:
            nonlocal invalid
            invalid += not item.valid
            if (item.n + 1) % _STEP == 0 or item.n + 1 == count:
                progress.update(task, completed=item.n + 1)

        try:
            written = write_corpus(out, items, on_item=tick)
        except OSError as err:
            click.echo(f"generate: cannot write {str(out)!r}: {err}", err=True)
            raise SystemExit(EXIT_USAGE) from err
    click.echo(
        f"wrote {written} certificates ({invalid} invalid) to {out}; "
        f"manifest: {MANIFEST}"
    )
    raise SystemExit(EXIT_CLEAN)
