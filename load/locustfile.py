"""Entry for ``locust -f load/locustfile.py``; the users live in ``conformance.load``."""

from conformance.load.locustfile import ExporterUser, ImporterUser

__all__ = ["ExporterUser", "ImporterUser"]
