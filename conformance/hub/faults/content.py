"""Content faults: what the addressee pulls is not what the exporter sent (D11)."""

from __future__ import annotations

import base64
from dataclasses import replace

from conformance.hub.entities import Envelope
from conformance.hub.service import HubService

__all__ = [
    "CONTENT_COLUMN_CHARS",
    "ContentFault",
    "ContentReencodedService",
    "ContentTruncatedService",
    "ContentWhitespaceService",
]

# A Content column of this many characters cuts every real certificate short.
CONTENT_COLUMN_CHARS = 2000


class ContentFault(HubService):
    """Hands out each pulled envelope's Content through ``alter``."""

    def alter(self, content: str) -> str:
        """The Content as the faulty hub hands it out; unchanged here."""
        return content

    def _altered(self, envelope: Envelope) -> Envelope:
        if envelope.content is None:
            return envelope
        return replace(envelope, content=self.alter(str(envelope.content)))

    def pull_single_import_envelope(
        self, caller: str, hub_tracking_number: str
    ) -> Envelope:
        """The envelope with altered Content."""
        return self._altered(
            super().pull_single_import_envelope(caller, hub_tracking_number)
        )

    def pull_import_envelope(self, caller: str) -> list[Envelope]:
        """The envelopes with altered Content."""
        return [self._altered(e) for e in super().pull_import_envelope(caller)]


class ContentReencodedService(ContentFault):
    """Hands out the XML text as base64 of its UTF-8 bytes."""

    def alter(self, content: str) -> str:
        """Base64 of the UTF-8 bytes."""
        return base64.b64encode(content.encode("utf-8")).decode("ascii")


class ContentTruncatedService(ContentFault):
    """Keeps Content in a column too short for it: longer certificates are cut."""

    def alter(self, content: str) -> str:
        """The first ``CONTENT_COLUMN_CHARS`` characters."""
        return content[:CONTENT_COLUMN_CHARS]


class ContentWhitespaceService(ContentFault):
    """Writes Content through a text-mode file on Windows: line ends become CRLF."""

    def alter(self, content: str) -> str:
        """LF line ends as CRLF."""
        return content.replace("\r\n", "\n").replace("\n", "\r\n")
