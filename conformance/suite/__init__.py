"""The conformance checks, shipped as pytest modules (``check_*.py``) in the package.

Run them with ``ephyto-conformance run``; each check is declared with
:func:`check` and has a stable id, a title and the requirement it verifies.
"""

from __future__ import annotations

from conformance.suite.registry import CHECK_ID, CheckInfo, check, discover_checks

__all__ = ["CHECK_ID", "CheckInfo", "check", "discover_checks"]
