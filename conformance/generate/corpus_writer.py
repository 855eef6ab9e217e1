"""Write a corpus to a directory or a zip, streaming, with ``manifest.jsonl``.

Memory stays constant: certificates are written as they are made, and the
manifest of a zip is spooled to a temporary file and added last.
"""

from __future__ import annotations

import json
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from conformance.errors import UsageError
from conformance.generate.corpus import CorpusItem

__all__ = ["MANIFEST", "file_name", "prepare_output", "write_corpus"]

MANIFEST = "manifest.jsonl"
# Members carry a fixed time, not the clock's, so the same seed and count give the
# same zip bytes; 1980-01-01 is the earliest time a zip entry can hold.
_MEMBER_TIME = (1980, 1, 1, 0, 0, 0)
_MEMBER_MODE = 0o644 << 16
_OURS = re.compile(r"certificate-\d{8,}\.xml|manifest\.jsonl")


def file_name(n: int) -> str:
    """The corpus file name of certificate ``n``."""
    return f"certificate-{n:08d}.xml"


def prepare_output(path: Path, *, force: bool) -> None:
    """Check ``path`` can take a corpus; with ``force``, clear a previous one.

    Raises :class:`UsageError` when ``path`` holds something and ``force`` is off,
    or is a directory that holds files this command did not write.
    """
    if path.suffix.lower() == ".zip":
        if path.is_dir():
            raise UsageError(f"output {str(path)!r} is a directory, not a zip file")
        if path.exists() and path.stat().st_size and not force:
            raise UsageError(
                f"output {str(path)!r} exists; pass --force to overwrite it"
            )
        return
    if path.exists() and not path.is_dir():
        raise UsageError(f"output {str(path)!r} is a file; give a directory or a .zip")
    entries = list(path.iterdir()) if path.exists() else []
    if entries and not force:
        raise UsageError(
            f"output directory {str(path)!r} is not empty; pass --force to replace "
            "the corpus in it"
        )
    foreign = [e.name for e in entries if not _OURS.fullmatch(e.name)]
    if foreign:
        raise UsageError(
            f"output directory {str(path)!r} holds files that are not a corpus "
            f"({foreign[:3]!r}); choose an empty directory"
        )
    for entry in entries:
        entry.unlink()


def write_corpus(
    path: Path,
    items: Iterable[CorpusItem],
    *,
    on_item: Callable[[CorpusItem], None] | None = None,
) -> int:
    """Write ``items`` under ``path`` (a directory, or a zip when it ends in .zip).

    Returns the number of certificates written. Call :func:`prepare_output` first.
    """
    if path.suffix.lower() == ".zip":
        return _to_zip(path, items, on_item)
    path.mkdir(parents=True, exist_ok=True)
    written = 0
    with (path / MANIFEST).open("w", encoding="utf-8") as manifest:
        for item in items:
            (path / file_name(item.n)).write_bytes(item.xml)
            _manifest_line(manifest, item)
            written += 1
            if on_item is not None:
                on_item(item)
    return written


def _to_zip(
    path: Path,
    items: Iterable[CorpusItem],
    on_item: Callable[[CorpusItem], None] | None,
) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    # Level 1 deflate: certificates are repetitive XML, and level 6 costs ~3x time.
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        tempfile.TemporaryFile("w+", encoding="utf-8") as manifest,
    ):
        for item in items:
            archive.writestr(_member(file_name(item.n)), item.xml, compresslevel=1)
            _manifest_line(manifest, item)
            written += 1
            if on_item is not None:
                on_item(item)
        manifest.seek(0)
        with archive.open(_member(MANIFEST), "w") as entry:
            for line in manifest:
                entry.write(line.encode("utf-8"))
    return written


def _member(name: str) -> zipfile.ZipInfo:
    member = zipfile.ZipInfo(name, date_time=_MEMBER_TIME)
    member.compress_type = zipfile.ZIP_DEFLATED
    member.external_attr = _MEMBER_MODE
    return member


def _manifest_line(manifest: IO[str], item: CorpusItem) -> None:
    row: dict[str, object] = {"file": file_name(item.n), "valid": item.valid}
    if not item.valid:
        row["rule_id"] = item.rule_id
        row["kind"] = item.kind
    manifest.write(json.dumps(row) + "\n")
