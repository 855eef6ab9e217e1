"""Where the real input lives: public sample certificates and the project fixtures."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import conformance

__all__ = [
    "SAMPLES_ENV",
    "find_fixtures_dir",
    "find_samples_dir",
    "read_sample",
    "sample_files",
    "write_example_fixtures",
]

SAMPLES_ENV = "EPHYTO_SAMPLES_DIR"

_SAMPLES_BESIDE = Path("..", "shared", "reference", "samples")
_FIXTURES_BELOW = Path("fixtures", "certificates")


def _repository_root() -> Path | None:
    # Only a source checkout (editable install) has pyproject.toml above the package.
    root = Path(conformance.__file__).resolve().parent.parent
    return root if (root / "pyproject.toml").is_file() else None


def _candidates(start: Path, below: Path) -> list[Path]:
    roots = [start]
    repository = _repository_root()
    if repository is not None and repository != start:
        roots.append(repository)
    return [root / below for root in roots]


def find_samples_dir(
    explicit: Path | None = None,
    *,
    environ: Mapping[str, str] = os.environ,
    cwd: Path | None = None,
) -> Path | None:
    """The sample directory: ``explicit``, then ``$EPHYTO_SAMPLES_DIR``, then beside.

    "Beside" means ``../shared/reference/samples`` next to the current directory or
    next to the repository root. Returns ``None`` when none exists.
    """
    if explicit is not None:
        return explicit
    from_env = environ.get(SAMPLES_ENV, "").strip()
    if from_env:
        return Path(from_env)
    for candidate in _candidates(cwd or Path.cwd(), _SAMPLES_BESIDE):
        if candidate.is_dir():
            return candidate.resolve()
    return None


def find_fixtures_dir(cwd: Path | None = None) -> Path | None:
    """The project's ``fixtures/certificates`` in the current or source directory."""
    for candidate in _candidates(cwd or Path.cwd(), _FIXTURES_BELOW):
        if candidate.is_dir():
            return candidate.resolve()
    return None


def sample_files(directory: Path | None) -> list[Path]:
    """The ``*.xml`` files of ``directory``, sorted; empty when it is ``None``."""
    if directory is None or not directory.is_dir():
        return []
    return sorted(path for path in directory.glob("*.xml") if path.is_file())


def read_sample(path: Path) -> str:
    """A sample's text exactly as stored (UTF-8, line ends untouched)."""
    with path.open(encoding="utf-8", newline="") as stream:
        return stream.read()


def write_example_fixtures(directory: Path) -> Path:
    """Write the project's fixture certificates into ``directory`` and return it.

    The same bytes as ``fixtures/certificates`` (built from
    ``conformance.certificate.examples``), for an install without the source tree.
    """
    # Imported here: finding sample directories must not load the certificate model.
    from conformance.certificate.builder import to_xml
    from conformance.certificate.examples import EXAMPLES

    directory.mkdir(parents=True, exist_ok=True)
    for stem, build in EXAMPLES.items():
        (directory / f"{stem}.xml").write_bytes(to_xml(build()))
    return directory
