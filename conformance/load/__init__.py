"""Load tests of a hub on Locust: users, shapes, the loss check and the run driver.

Importing this package does not import Locust (or patch sockets with gevent); the
users live in :mod:`conformance.load.users` and the locustfile in
:mod:`conformance.load.locustfile`.
"""

from __future__ import annotations

from conformance.load.envelopes import load_envelope, route
from conformance.load.settings import SHAPES, parse_rate

__all__ = ["SHAPES", "load_envelope", "parse_rate", "route"]
