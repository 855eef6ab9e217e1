"""Starting the system under test: a command that dies at once stops the run at once."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from conformance.errors import ConfigError
from conformance.nppo.session import NppoOptions, nppo_session

_DIES = "import sys; sys.stderr.write('No module named conformance\\n'); sys.exit(1)"


def test_a_command_that_exits_before_calling_the_hub_is_reported_at_once(
    tmp_path: Path,
) -> None:
    command = shlex.join([sys.executable, "-c", _DIES])
    # A long timeout: only the exit of the command can end the wait early.
    options = NppoOptions(code="KE", nppo_command=command, connect_timeout=120.0)

    with pytest.raises(ConfigError) as caught, nppo_session(options, tmp_path, "t"):
        pass

    message = str(caught.value)
    assert "exited 1 before it called the harness hub" in message
    assert "No module named conformance" in message
    assert "within 120 s" not in message
