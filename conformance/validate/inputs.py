"""What ``validate`` reads: files, directories, zip archives and standard input.

Documents are produced one at a time, each read when it is reached, so a large
directory or archive is never held in memory at once. A problem reading one input
(an unreadable file, a damaged zip) is a :class:`InputProblem` in the stream; the
others are still read.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from conformance.errors import InputError

__all__ = [
    "MAX_INPUT_BYTES",
    "STDIN",
    "InputDocument",
    "InputProblem",
    "check_paths",
    "iter_documents",
]

MAX_INPUT_BYTES = 64 * 1024 * 1024
"""The read limit of one file or zip member (64 MiB).

Larger than the 16 MiB certificate limit (``safe.MAX_BYTES``) because a whole
SOAP envelope around a 16 MiB certificate, base64 in Content, must fit.
"""
STDIN = "-"


@dataclass(frozen=True, slots=True)
class InputDocument:
    """One document to validate: where it came from and its bytes.

    ``size`` is the full size; ``data`` stops after :data:`MAX_INPUT_BYTES` + 1.
    """

    path: str
    data: bytes
    size: int


@dataclass(frozen=True, slots=True)
class InputProblem:
    """An input that could not be read at all (not a finding about its content)."""

    path: str
    message: str


def check_paths(paths: Iterable[str]) -> None:
    """Raise :class:`InputError` naming the first path that does not exist."""
    for path in paths:
        if path != STDIN and not os.path.exists(path):
            raise InputError(_missing(path))


def _missing(path: str) -> str:
    return (
        f"{path!r} does not exist; give certificate files, directories, "
        "zip archives or '-' for standard input"
    )


def _from_directory(path: str) -> Iterator[InputDocument | InputProblem]:
    found = False
    for file in _xml_files(Path(path)):
        found = True
        yield _from_file(str(file))
    if not found:
        yield InputProblem(
            path,
            f"no certificate files under {path!r} (no *.xml below it); "
            "give the directory that holds them",
        )


def iter_documents(
    paths: Iterable[str], *, stdin: BinaryIO | None = None
) -> Iterator[InputDocument | InputProblem]:
    """Every document under ``paths``, in the order given, read lazily.

    Directories are searched recursively for ``*.xml`` (sorted); ``*.zip`` files
    yield their ``*.xml`` members as ``archive.zip!member.xml`` (a generator's
    ``manifest.jsonl`` is skipped); ``-`` reads ``stdin``. A path that does not
    exist and a directory without ``*.xml`` are each one :class:`InputProblem`.
    """
    for path in paths:
        if path == STDIN:
            yield _from_stream(STDIN, stdin)
        elif not os.path.exists(path):
            yield InputProblem(path, _missing(path))
        elif os.path.isdir(path):
            yield from _from_directory(path)
        elif path.lower().endswith(".zip"):
            yield from _from_zip(path)
        else:
            yield _from_file(path)


def _xml_files(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(".xml"):
                yield Path(root) / name


def _read(stream: BinaryIO) -> tuple[bytes, int]:
    data = stream.read(MAX_INPUT_BYTES + 1)
    size = len(data)
    if size > MAX_INPUT_BYTES:
        while chunk := stream.read(1024 * 1024):
            size += len(chunk)
    return data, size


def _from_stream(path: str, stream: BinaryIO | None) -> InputDocument | InputProblem:
    if stream is None:
        return InputProblem(path, "standard input is not available")
    data, size = _read(stream)
    return InputDocument(path, data, size)


def _from_file(path: str) -> InputDocument | InputProblem:
    try:
        with open(path, "rb") as stream:
            data, size = _read(stream)
    except OSError as err:
        return InputProblem(path, f"cannot read {path!r}: {err.strerror or err}")
    return InputDocument(path, data, size)


def _from_zip(path: str) -> Iterator[InputDocument | InputProblem]:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as err:
        yield InputProblem(
            path, f"cannot open {path!r} as a zip archive ({err}); is it a zip?"
        )
        return
    with archive:
        for member in archive.infolist():
            name = member.filename
            # Only XML members: a generator's manifest.jsonl and the like are skipped.
            if member.is_dir() or not name.lower().endswith(".xml"):
                continue
            shown = f"{path}!{name}"
            try:
                with archive.open(member) as stream:
                    data, size = _read(stream)  # type: ignore[arg-type]
            except (OSError, zipfile.BadZipFile, RuntimeError) as err:
                yield InputProblem(shown, f"cannot read {shown!r}: {err}")
                continue
            yield InputDocument(shown, data, size)
