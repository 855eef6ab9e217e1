"""The check registry: each conformance check's stable id, title and requirement."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from conformance.errors import UsageError

__all__ = [
    "CHECK_ID",
    "CheckInfo",
    "check",
    "check_info",
    "discover_checks",
    "ensure_unique",
]

# AREA and number: HUB-DELIVER-001, HUB-ROUTE-012, SAMPLE-PASS-001.
CHECK_ID = re.compile(r"[A-Z]{2,8}-[A-Z]{2,12}-\d{3}")

_ATTRIBUTE = "__conformance_check__"
_MODULE_PREFIX = "check_"

_F = TypeVar("_F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class CheckInfo:
    """What one check verifies, as shown in reports and in the README."""

    id: str
    title: str
    requirement: str
    module: str = ""
    function: str = ""


def check(id: str, *, title: str, requirement: str) -> Callable[[_F], _F]:
    """Declare a test function as the conformance check ``id``.

    Example::

        @check("HUB-ROUTE-001", title="Only the addressee sees an envelope",
               requirement="hub-protocol §4.3; D10")
        def test_third_nppo_never_sees_envelope(...): ...

    Raises ``UsageError`` when the id is not ``AREA-TOPIC-NNN`` or the title or
    requirement is empty.
    """
    if not CHECK_ID.fullmatch(id):
        raise UsageError(
            f"check id {id!r} is not of the form AREA-TOPIC-NNN: use e.g. "
            "'HUB-DELIVER-001'"
        )
    if not title.strip() or not requirement.strip():
        raise UsageError(
            f"check {id!r} needs a non-empty title and requirement: name the "
            "behaviour asserted and the WSDL clause, protocol section or decision"
        )

    def decorate(function: _F) -> _F:
        info = CheckInfo(
            id=id,
            title=title,
            requirement=requirement,
            module=function.__module__,
            function=function.__qualname__,
        )
        setattr(function, _ATTRIBUTE, info)
        return function

    return decorate


def check_info(function: object) -> CheckInfo | None:
    """The ``CheckInfo`` a function was declared with, or ``None``."""
    # Hypothesis wraps the test; the declaration may sit on the inner function.
    for candidate in (function, getattr(function, "hypothesis", None)):
        info = getattr(candidate, _ATTRIBUTE, None)
        if isinstance(info, CheckInfo):
            return info
    inner = getattr(getattr(function, "hypothesis", None), "inner_test", None)
    found = getattr(inner, _ATTRIBUTE, None)
    return found if isinstance(found, CheckInfo) else None


def discover_checks(package: str = "conformance.suite") -> list[CheckInfo]:
    """Import every ``check_*`` module of ``package`` and list its checks by id."""
    root = importlib.import_module(package)
    found: list[CheckInfo] = []
    for module_info in pkgutil.iter_modules(root.__path__):
        if not module_info.name.startswith(_MODULE_PREFIX):
            continue
        module = importlib.import_module(f"{package}.{module_info.name}")
        for value in vars(module).values():
            info = check_info(value)
            if info is not None and info.module == module.__name__:
                found.append(info)
    ensure_unique(found)
    return sorted(found, key=lambda info: info.id)


def ensure_unique(checks: Iterable[CheckInfo]) -> None:
    """Raise ``UsageError`` when two checks share an id."""
    seen: dict[str, CheckInfo] = {}
    for info in checks:
        other = seen.setdefault(info.id, info)
        if other is not info:
            raise UsageError(
                f"check id {info.id!r} is declared twice: by "
                f"{other.module}.{other.function} and {info.module}.{info.function}; "
                "give one of them the next free number"
            )
