"""Names and addresses from Faker in several locales, deterministic under a seed.

Hypothesis draws a locale and an integer seed; the seeded, cached Faker instance
for that locale then writes the text, so a failing example replays exactly and
shrinks to seed 0 of the first locale (an ``en_GB`` name, easy to read).
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Literal

from faker import Faker
from hypothesis import strategies as st

from conformance.certificate.model import Address, Party
from conformance.generate._draw import Draw

__all__ = ["LOCALES", "faker_for", "normalised", "party", "person_name", "place_name"]

LOCALES = (
    "en_GB",
    "fr_FR",
    "es_ES",
    "ar_SA",
    "ar_EG",
    "en_KE",
    "es_CL",
    "nl_NL",
    "pt_BR",
    "en_IN",
    "zh_CN",
    "ru_RU",
)
"""Faker locales drawn from: Latin, Arabic (right to left), Han and Cyrillic scripts."""

_SEEDS = st.integers(min_value=0, max_value=2**32 - 1)


@functools.cache
def _faker(locale: str) -> Faker:
    # Creating a Faker instance costs ~15 ms; seeding one costs microseconds.
    return Faker(locale)


def faker_for(locale: str, seed: int) -> Faker:
    """The cached Faker of ``locale``, seeded with ``seed`` (not thread-safe)."""
    fake = _faker(locale)
    fake.seed_instance(seed)
    return fake


def normalised(draw: Draw, value: str) -> str:
    """``value`` in NFC or NFD, as drawn: both forms are met in the field."""
    form: Literal["NFC", "NFD"] = draw(st.sampled_from(("NFC", "NFD")))
    return unicodedata.normalize(form, value)


def _fake(draw: Draw) -> Faker:
    return faker_for(draw(st.sampled_from(LOCALES)), draw(_SEEDS))


def person_name(draw: Draw) -> str:
    """A person's name in a drawn locale."""
    return normalised(draw, _clean(_fake(draw).name()))


def place_name(draw: Draw) -> str:
    """A city name in a drawn locale."""
    return normalised(draw, _clean(_fake(draw).city()))


def party(draw: Draw) -> Party:
    """A consignor or consignee: a company in a drawn locale, maybe its address."""
    fake = _fake(draw)
    name = _clean(fake.company())
    address = None
    if draw(st.booleans()):
        lines = [_clean(fake.street_address()), _clean(fake.city())]
        if draw(st.booleans()):
            lines.append(_clean(fake.postcode()))
        address = Address([normalised(draw, line) for line in lines])
    return Party(normalised(draw, name), address=address)


def _clean(value: str) -> str:
    # Faker joins some address parts with newlines; certificate lines are single.
    return " ".join(value.split())
