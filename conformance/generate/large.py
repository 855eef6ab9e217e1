"""Large certificates: many trade lines and attachments, with their own settings.

The drawn data stays small (one ordinary certificate, a few sizes and a seed) and
the size comes from repeating its lines and seeded attachment bytes, so hypothesis
health checks pass under :data:`LARGE_SETTINGS` without switching any off.
"""

from __future__ import annotations

import base64
import copy
import random
from collections.abc import Sequence

from hypothesis import settings
from hypothesis import strategies as st

from conformance.certificate.model import (
    Attachment,
    Certificate,
    ReferencedDocument,
    Text,
)
from conformance.errors import UsageError
from conformance.generate._draw import Draw
from conformance.generate.strategies import certificates

__all__ = ["LARGE_SETTINGS", "large_certificates"]

LARGE_SETTINGS = settings(max_examples=10, deadline=None)
"""Settings for tests over :func:`large_certificates`: few examples, no deadline."""


def large_certificates(
    *,
    lines: tuple[int, int] = (50, 300),
    attachments: tuple[int, int] = (3, 12),
    attachment_bytes: int = 32 * 1024,
    type_codes: Sequence[int] = (851, 657),
    exporter: str | None = None,
    importer: str | None = None,
) -> st.SearchStrategy[Certificate]:
    """Valid certificates with ``lines`` trade lines and ``attachments`` attachments.

    >>> from hypothesis import given
    >>> @LARGE_SETTINGS
    ... @given(large_certificates(lines=(100, 100)))
    ... def test_many_lines(certificate): ...

    Raises :class:`UsageError` at call time for an empty or negative range or the
    arguments :func:`certificates` refuses.
    """
    for name, (low, high) in (("lines", lines), ("attachments", attachments)):
        if not 0 <= low <= high or (name == "lines" and low < 1):
            raise UsageError(
                f"{name} must be a (low, high) range with 0 <= low <= high (lines "
                f"at least 1), got {(low, high)!r}"
            )
    if attachment_bytes < 1:
        raise UsageError(f"attachment_bytes must be positive, got {attachment_bytes!r}")
    base = certificates(type_codes=type_codes, exporter=exporter, importer=importer)
    return _large(base, lines, attachments, attachment_bytes)


@st.composite
def _large(
    draw: Draw,
    base: st.SearchStrategy[Certificate],
    lines: tuple[int, int],
    attachments: tuple[int, int],
    attachment_bytes: int,
) -> Certificate:
    certificate = draw(base)
    line_count = draw(st.integers(*lines))
    attachment_count = draw(st.integers(*attachments))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    item = certificate.consignment.items[0]
    templates = [
        line for each in certificate.consignment.items for line in each.trade_lines
    ]
    item.trade_lines = []
    for sequence in range(1, line_count + 1):
        line = copy.deepcopy(templates[(sequence - 1) % len(templates)])
        line.sequence = sequence
        item.trade_lines.append(line)
    certificate.consignment.items = [item]
    for index in range(attachment_count):
        payload = rng.randbytes(attachment_bytes)
        certificate.document.referenced_documents.append(
            ReferencedDocument(
                relationship_type_code="ZZZ",
                id=f"LARGE-ATT-{index + 1}",
                attachment=Attachment(
                    base64.b64encode(payload).decode("ascii"),
                    filename=f"scan-{index + 1}.pdf",
                    mime_code="application/pdf",
                ),
                information=Text("Scanned supporting document", "en"),
            )
        )
    return certificate
