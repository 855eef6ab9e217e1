"""Run the reference hub in its own process, so the load generator keeps its GIL.

``python -m conformance.load.hub_process STATE_DIR --nppo NL --nppo KE`` serves until
terminated and writes ``STATE_DIR/hub-url`` once it accepts connections.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from conformance.errors import ConfigError

__all__ = ["LISTING_LIMIT", "URL_FILE", "HubProcess", "main"]

URL_FILE = "hub-url"
# Listings and batch pulls answer at most this many envelopes under load: a backlog
# of millions cannot travel in one SOAP response.
LISTING_LIMIT = 500
_START_SECONDS = 60.0
_STOP_SECONDS = 10.0


class HubProcess:
    """A reference hub subprocess on a loopback port; ``.url`` once started."""

    def __init__(self, state_dir: Path, nppos: Sequence[str]) -> None:
        self.state_dir = state_dir
        self.nppos = tuple(nppos)
        self.url = ""
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        """The hub's process id while it runs."""
        return None if self._process is None else self._process.pid

    def start(self) -> HubProcess:
        """Start the hub and wait (bounded) until it serves; raises ``ConfigError``."""
        url_file = self.state_dir / URL_FILE
        url_file.unlink(missing_ok=True)
        self.state_dir.mkdir(parents=True, exist_ok=True)
        args = [sys.executable, "-m", "conformance.load.hub_process"]
        args += [str(self.state_dir), *(f"--nppo={code}" for code in self.nppos)]
        with (self.state_dir / "hub.log").open("wb") as log:
            self._process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + _START_SECONDS
        while time.monotonic() < deadline:
            if url_file.exists():
                self.url = url_file.read_text(encoding="utf-8").strip()
                return self
            if self._process.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        raise ConfigError(
            f"the reference hub did not start within {_START_SECONDS:.0f} s; "
            f"see {str(self.state_dir / 'hub.log')!r}"
        )

    def stop(self) -> None:
        """Terminate the hub and wait for it (bounded)."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(_STOP_SECONDS)


def main(argv: Sequence[str] | None = None) -> None:
    """Serve the hub in the foreground until SIGTERM or Ctrl-C."""
    parser = argparse.ArgumentParser(prog="conformance.load.hub_process")
    parser.add_argument("state_dir", type=Path)
    parser.add_argument("--nppo", action="append", required=True)
    parser.add_argument("--listing-limit", type=int, default=LISTING_LIMIT)
    options = parser.parse_args(argv)
    _serve(options.state_dir, options.nppo, options.listing_limit)


def _serve(state_dir: Path, nppos: Sequence[str], listing_limit: int) -> None:
    from conformance.hub.allocator import settle_allocator
    from conformance.hub.embedded import EmbeddedHub

    settle_allocator()

    def _terminate(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    hub = EmbeddedHub(state_dir, nppos, listing_limit=listing_limit)
    hub.start()
    temporary = state_dir / f"{URL_FILE}.{os.getpid()}"
    temporary.write_text(hub.url, encoding="utf-8")
    temporary.replace(state_dir / URL_FILE)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        hub.stop()


if __name__ == "__main__":
    main()
