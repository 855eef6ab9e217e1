"""The hub store: schema, envelopes, acknowledgements, and surviving a restart."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from conformance.errors import ConfigError
from conformance.hub.entities import Envelope, TrackingInfo
from conformance.hub.store import (
    SCHEMA_VERSION,
    AcknowledgeOutcome,
    HubStore,
    new_tracking_number,
)


def _envelope(
    sender: str = "NL", recipient: str = "KE", number: str = "NL-1"
) -> Envelope:
    return Envelope(
        from_=sender,
        to=recipient,
        certificate_type=851,
        certificate_status=70,
        nppo_certificate_number=number,
        content="<rsm:SPSCertificate/>",
    )


def test_tracking_numbers_are_eph_and_17_upper_hex() -> None:
    numbers = {new_tracking_number() for _ in range(200)}

    assert len(numbers) == 200
    assert all(re.fullmatch(r"EPH[0-9A-F]{17}", number) for number in numbers)


def test_open_uses_wal_and_sets_the_schema_version(tmp_path: Path) -> None:
    with HubStore.open(tmp_path):
        pass

    connection = sqlite3.connect(tmp_path / "hub.sqlite3")
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        connection.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "hub.sqlite3")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()

    with pytest.raises(ConfigError, match="schema version"):
        HubStore.open(tmp_path)


def test_register_and_find_nppo_by_fingerprint(tmp_path: Path) -> None:
    with HubStore.open(tmp_path) as store:
        store.register_nppo("NL", "aa" * 32)
        store.register_nppo("KE", "bb" * 32, receive=False)

        nl = store.nppo_by_fingerprint("aa" * 32)
        ke = store.nppo("KE")

        assert nl is not None and nl.code == "NL"
        assert ke is not None and not ke.receive and ke.send
        assert store.nppo_by_fingerprint("cc" * 32) is None
        assert [nppo.code for nppo in store.active_nppos()] == ["KE", "NL"]


def test_register_again_replaces_the_fingerprint(tmp_path: Path) -> None:
    with HubStore.open(tmp_path) as store:
        store.register_nppo("NL", "aa" * 32)
        store.register_nppo("NL", "dd" * 32)

        assert store.nppo_by_fingerprint("aa" * 32) is None
        nppo = store.nppo_by_fingerprint("dd" * 32)
        assert nppo is not None and nppo.code == "NL"


def test_added_envelope_is_pending_with_content_unchanged(tmp_path: Path) -> None:
    content = "<a>\r\n  é &amp; <![CDATA[x]]></a>\t"
    envelope = _envelope()
    envelope.content = content

    with HubStore.open(tmp_path) as store:
        stored = store.add_envelope(envelope)
        fetched = store.envelope(stored.hub_delivery_number or "")

    assert stored.hub_tracking_info == TrackingInfo.PENDING_DELIVERY
    assert fetched is not None and fetched.content == content
    assert fetched.from_ == "NL" and fetched.to == "KE"


def test_pending_for_filters_on_recipient_and_sender(tmp_path: Path) -> None:
    with HubStore.open(tmp_path) as store:
        first = store.add_envelope(_envelope("NL", "KE", "1"))
        second = store.add_envelope(_envelope("CL", "KE", "2"))
        store.add_envelope(_envelope("KE", "NL", "3"))

        all_for_ke = store.pending_for("KE")
        from_cl = store.pending_for("KE", sender="CL")

    assert [e.hub_delivery_number for e in all_for_ke] == [
        first.hub_delivery_number,
        second.hub_delivery_number,
    ]
    assert [e.nppo_certificate_number for e in from_cl] == ["2"]


def test_acknowledge_records_once_and_finalises(tmp_path: Path) -> None:
    with HubStore.open(tmp_path) as store:
        number = store.add_envelope(_envelope()).hub_delivery_number or ""

        first = store.acknowledge(
            number,
            by="KE",
            kind="Advanced",
            state=TrackingInfo.DELIVERED_WITH_WARNINGS,
            message="duplicate",
        )
        second = store.acknowledge(
            number, by="KE", kind="Plain", state=TrackingInfo.DELIVERED
        )
        envelope = store.envelope(number)
        records = store.acknowledgements(number)

    assert first is AcknowledgeOutcome.RECORDED
    assert second is AcknowledgeOutcome.ALREADY_ACKNOWLEDGED
    assert envelope is not None
    assert envelope.hub_tracking_info == TrackingInfo.DELIVERED_WITH_WARNINGS
    assert envelope.hub_delivery_error_message == "duplicate"
    assert [(r.kind, r.by, r.message) for r in records] == [
        ("Advanced", "KE", "duplicate")
    ]


def test_acknowledge_by_someone_else_or_unknown_is_not_exists(tmp_path: Path) -> None:
    with HubStore.open(tmp_path) as store:
        number = store.add_envelope(_envelope()).hub_delivery_number or ""

        by_sender = store.acknowledge(
            number, by="NL", kind="Plain", state=TrackingInfo.DELIVERED
        )
        unknown = store.acknowledge(
            "EPH00000000000000000", by="KE", kind="Plain", state=TrackingInfo.DELIVERED
        )
        envelope = store.envelope(number)

    assert by_sender is AcknowledgeOutcome.NOT_EXISTS
    assert unknown is AcknowledgeOutcome.NOT_EXISTS
    assert envelope is not None
    assert envelope.hub_tracking_info == TrackingInfo.PENDING_DELIVERY


def test_under_delivery_drops_final_envelopes(tmp_path: Path) -> None:
    with HubStore.open(tmp_path) as store:
        done = store.add_envelope(_envelope(number="1")).hub_delivery_number or ""
        waiting = store.add_envelope(_envelope(number="2")).hub_delivery_number
        store.acknowledge(done, by="KE", kind="Plain", state=TrackingInfo.DELIVERED)

        numbers = [e.hub_delivery_number for e in store.under_delivery("NL")]

    assert numbers == [waiting]


class _FailingAcknowledgementInsert:
    """Delegates to a real connection but fails the acknowledgement row insert."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def execute(self, sql: str, args: tuple[object, ...] = ()) -> sqlite3.Cursor:
        if sql.startswith("INSERT INTO acknowledgements"):
            raise sqlite3.OperationalError("disk I/O error")
        return self._connection.execute(sql, args)

    def close(self) -> None:
        self._connection.close()


def test_a_crash_between_update_and_record_leaves_no_half_acknowledgement(
    tmp_path: Path,
) -> None:
    store = HubStore.open(tmp_path)
    number = store.add_envelope(_envelope()).hub_delivery_number or ""
    store._db = _FailingAcknowledgementInsert(store._db)  # type: ignore[assignment]

    with pytest.raises(sqlite3.OperationalError):
        store.acknowledge(number, by="KE", kind="P", state=TrackingInfo.DELIVERED)
    store.close()

    with HubStore.open(tmp_path) as reopened:
        envelope = reopened.envelope(number)
        assert envelope is not None
        assert envelope.hub_tracking_info == TrackingInfo.PENDING_DELIVERY
        assert reopened.acknowledgements(number) == []


def test_restart_on_the_same_directory_loses_nothing(tmp_path: Path) -> None:
    store = HubStore.open(tmp_path)
    store.register_nppo("NL", "aa" * 32)
    acked = store.add_envelope(_envelope(number="1")).hub_delivery_number or ""
    pending = store.add_envelope(_envelope(number="2")).hub_delivery_number
    store.acknowledge(
        acked,
        by="KE",
        kind="Failed",
        state=TrackingInfo.DELIVERED_NOT_READABLE,
        message="not XML",
    )
    store.close()

    with HubStore.open(tmp_path) as reopened:
        nppo = reopened.nppo_by_fingerprint("aa" * 32)
        final = reopened.envelope(acked)
        waiting = [e.hub_delivery_number for e in reopened.pending_for("KE")]
        records = reopened.acknowledgements(acked)

    assert nppo is not None and nppo.code == "NL"
    assert final is not None
    assert final.hub_tracking_info == TrackingInfo.DELIVERED_NOT_READABLE
    assert final.hub_delivery_error_message == "not XML"
    assert waiting == [pending]
    assert [r.kind for r in records] == ["Failed"]
