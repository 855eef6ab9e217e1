"""A catalogue row: what a kind breaks and the mutations that break it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from random import Random

from lxml import etree

from conformance.hub.entities import Envelope

TreeMutation = Callable[[etree._Element, Random], None]
BytesMutation = Callable[[bytes, Random], bytes]
HeaderMutation = Callable[[Envelope, Random], None]

ANY, ONLY_851, ONLY_657 = (851, 657), (851,), (657,)


@dataclass(frozen=True, slots=True)
class Row:
    """One catalogue row; the layer, area and level come from the rule registry."""

    name: str
    rule_id: str
    description: str
    type_codes: tuple[int, ...] = ANY
    tree: TreeMutation | None = None
    raw: BytesMutation | None = None
    header: HeaderMutation | None = None
    bulk: bool = True
    text_safe: bool = True
