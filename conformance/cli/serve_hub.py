"""``ephyto-conformance serve-hub``: run the reference hub in the foreground."""

from __future__ import annotations

from pathlib import Path

import click

from conformance.cli import EXIT_CLEAN, EXIT_USAGE
from conformance.errors import ConformanceError
from conformance.hub.allocator import settle_allocator
from conformance.hub.embedded import DEFAULT_NPPOS, EmbeddedHub

__all__ = ["command"]


@click.command(name="serve-hub")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on."
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8443,
    show_default=True,
    help="TCP port; 0 picks a free one.",
)
@click.option(
    "--state-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("hub-state"),
    show_default=True,
    help="Directory of the hub's store and test PKI; reused across restarts.",
)
@click.option(
    "--nppo",
    "nppos",
    multiple=True,
    metavar="CODE",
    help="NPPO connection code to register (repeatable). [default: NL KE CL]",
)
@click.option(
    "--fault",
    metavar="NAME",
    help="Inject one catalogued hub fault (docs/faults.md); default: none.",
)
def command(
    host: str, port: int, state_dir: Path, nppos: tuple[str, ...], fault: str | None
) -> None:
    """Run the reference ePhyto hub with mutual TLS until Ctrl-C.

    Writes a throwaway PKI under STATE_DIR/pki (ca.pem, and CODE.pem/CODE.key per
    NPPO) and prints the endpoint and the files each NPPO's client needs.

    Example: ephyto-conformance serve-hub --port 8443 --nppo NL --nppo KE

    Exit codes: 0 after Ctrl-C, 2 for a bad option (invalid or repeated NPPO code,
    unknown fault, port in use, unwritable state directory).
    """
    repeated = sorted({code for code in nppos if nppos.count(code) > 1})
    if repeated:
        click.echo(
            f"serve-hub: --nppo {', '.join(repeated)} given more than once; "
            "give each NPPO code once",
            err=True,
        )
        raise SystemExit(EXIT_USAGE)
    # A hub left serving for days must not creep up in memory (see the module).
    settle_allocator()
    try:
        hub = EmbeddedHub(
            state_dir, nppos or DEFAULT_NPPOS, host=host, port=port, fault=fault
        )
    except ConformanceError as err:
        click.echo(f"serve-hub: {err}", err=True)
        raise SystemExit(EXIT_USAGE) from err

    click.echo(f"endpoint: {hub.url}")
    click.echo(f"wsdl:     {hub.url}?wsdl")
    click.echo(f"ca:       {hub.pki.ca_cert}")
    for code in hub.nppos:
        cert, key = hub.pki.client(code)
        click.echo(f"nppo {code}: cert {cert} key {key}")
    if hub.fault is not None:
        click.echo(f"fault:    {hub.fault.name}: {hub.fault.description}")
    click.echo("serving; press Ctrl-C to stop")
    try:
        hub.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")
    raise SystemExit(EXIT_CLEAN)
