"""The run's exchange log: one line per SOAP exchange, bodies at DEBUG."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

__all__ = ["exchange_log"]

_EXCHANGE_LOGGER = "conformance.hub.client"
_LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@contextlib.contextmanager
def exchange_log(path: Path) -> Iterator[Path | None]:
    """Copy the SOAP exchange log lines to ``path`` when the level is INFO or lower.

    Yields ``path``, or ``None`` when the level is above INFO.
    """
    # pytest captures stderr during checks, so the exchanges go to a file instead.
    level = logging.getLogger().getEffectiveLevel()
    if level > logging.INFO:
        yield None
        return
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(_LOG_FORMAT))
    logger = logging.getLogger(_EXCHANGE_LOGGER)
    logger.addHandler(handler)
    try:
        yield path
    finally:
        logger.removeHandler(handler)
        handler.close()
