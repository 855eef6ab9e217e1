"""Shapes pace certificates, not users."""

from __future__ import annotations

from conformance.load.shapes import Shape


def test_a_steady_rate_spaces_certificates_evenly() -> None:
    shape = Shape("steady", rate=100.0)

    assert [shape.due(n) for n in (0, 1, 100)] == [0.0, 0.01, 1.0]


def test_a_burst_sends_each_period_at_its_start() -> None:
    shape = Shape("burst", rate=10.0, burst_period=5.0)

    assert [shape.due(n) for n in (0, 49, 50, 99, 100)] == [0.0, 0.0, 5.0, 5.0, 10.0]


def test_no_rate_means_at_once() -> None:
    assert Shape("steady", rate=0.0).due(10_000) == 0.0


def test_only_the_backlog_holds_importers_back() -> None:
    assert Shape("backlog", rate=0.0).importers_wait_for_backlog
    assert not Shape("burst", rate=5.0).importers_wait_for_backlog
