"""``python -m conformance``: the same as the ``ephyto-conformance`` command."""

from conformance.cli import main

main(prog_name="ephyto-conformance")
