"""Shared drawing helpers for the certificate strategies: dates, texts, decimals."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from conformance.certificate.model import Text, format_date_time

__all__ = [
    "Draw",
    "before",
    "decimals",
    "issue_moments",
    "stamp",
    "text",
]

Draw = st.DrawFn

# Offsets seen in ePhyto traffic, from the Americas to East Asia.
_OFFSETS = tuple(
    timezone(timedelta(minutes=m))
    for m in (-300, -180, -240, 0, 60, 120, 180, 330, 480)
)
# Fixed bounds keep every issue date in the past and generation reproducible.
_EARLIEST = datetime(2019, 1, 1)
_LATEST = datetime(2024, 12, 31)


def issue_moments() -> st.SearchStrategy[datetime]:
    """Aware issue date-times, whole seconds, with an offset from :data:`_OFFSETS`."""
    return st.builds(
        lambda moment, offset: moment.replace(microsecond=0, tzinfo=offset),
        st.datetimes(min_value=_EARLIEST, max_value=_LATEST),
        st.sampled_from(_OFFSETS),
    )


def before(draw: Draw, moment: datetime, *, max_days: int = 30) -> datetime:
    """An aware moment at least one hour and at most ``max_days`` before ``moment``."""
    hours = draw(st.integers(min_value=1, max_value=max_days * 24))
    return moment - timedelta(hours=hours)


def text(draw: Draw, choices: tuple[tuple[str, str], ...]) -> Text:
    """One ``(language, value)`` entry of ``choices`` as a :class:`Text`."""
    language, value = draw(st.sampled_from(choices))
    return Text(value, language)


def decimals(draw: Draw, *, low: int = 1, high: int = 50_000) -> str:
    """A positive decimal as ePhyto writes it: ``12``, ``12.5`` or ``12.0000``."""
    whole = draw(st.integers(min_value=low, max_value=high))
    style = draw(st.sampled_from(("int", "one", "four")))
    if style == "int":
        return str(whole)
    if style == "one":
        return f"{whole}.{draw(st.integers(0, 9))}"
    return f"{whole}.{draw(st.integers(0, 9999)):04d}"


def stamp(moment: datetime) -> str:
    """``moment`` as written in a ``udt:DateTimeString``."""
    return format_date_time(moment)
