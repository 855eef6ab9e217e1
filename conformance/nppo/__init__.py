"""The NPPO profile: certifying a national system's connection to the hub.

``ephyto-conformance run --profile nppo`` plays the hub for the system under test,
queues scenario envelopes for it, asks it to export, and checks what it does.
"""

from __future__ import annotations

__all__: list[str] = []
