"""Model helpers: date-time formatting and attachments."""

from __future__ import annotations

import base64
from datetime import datetime, timedelta, timezone

import pytest

from conformance.certificate import Attachment, format_date_time
from conformance.errors import UsageError


def test_format_date_time_writes_the_offset() -> None:
    moment = datetime(
        2024, 5, 2, 9, 30, 5, 123456, tzinfo=timezone(timedelta(hours=-3))
    )

    assert format_date_time(moment) == "2024-05-02T09:30:05-03:00"


def test_format_date_time_refuses_a_naive_datetime() -> None:
    with pytest.raises(UsageError, match="naive"):
        format_date_time(datetime(2024, 5, 2, 9, 30))


def test_attachment_from_bytes_is_base64() -> None:
    attachment = Attachment.from_bytes(b"\x00\xffPDF", filename="a.pdf")

    assert base64.b64decode(attachment.content, validate=True) == b"\x00\xffPDF"
    assert attachment.filename == "a.pdf"
