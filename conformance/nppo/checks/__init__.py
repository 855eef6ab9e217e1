"""The NPPO profile's checks: how a national system behaves towards the hub.

Run them with ``ephyto-conformance run --profile nppo``.
"""
