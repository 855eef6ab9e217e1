"""The ePhyto hub locustfile: ``locust -f`` this file, or ``ephyto-conformance load``.

Example (one machine, by hand)::

    locust -f load/locustfile.py --headless --master --expect-workers 1 \\
        --hub-url https://127.0.0.1:8443/hub/DeliveryService --pki-dir hub-state/pki \\
        --nppos NL,KE,CL --certificates 10000
"""

from __future__ import annotations

from locust import events

from conformance.load.coordination import install
from conformance.load.users import ExporterUser, ImporterUser

__all__ = ["ExporterUser", "ImporterUser"]

install(events, importers=ImporterUser)
