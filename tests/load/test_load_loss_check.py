"""The end-of-run loss check finds lost, duplicated and pending envelopes."""

from __future__ import annotations

from pathlib import Path

from conformance.load.loss_check import Ledger


def _ledger(tmp_path: Path, numbers: list[str]) -> Ledger:
    ledger = Ledger(tmp_path / "check.sqlite3")
    ledger.add_delivered((n, "NL", "KE", 1.0) for n in numbers)
    return ledger


def test_every_number_acknowledged_once_is_clean(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, ["EPH1", "EPH2"])
    ledger.add_acknowledged([("EPH1", "KE", 2.0), ("EPH2", "KE", 3.0)])
    ledger.add_tracking([("EPH1", "Delivered"), ("EPH2", "Delivered")])
    ledger.add_store_acks([("EPH1", 1), ("EPH2", 1)])

    check = ledger.check()

    assert (check.delivered, check.acknowledged, check.lost) == (2, 2, 0)
    assert (check.duplicated, check.pending, check.ok) == (0, 0, True)


def test_a_number_the_hub_does_not_know_is_lost(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, ["EPH1", "EPH2"])
    ledger.add_acknowledged([("EPH1", "KE", 2.0)])
    ledger.add_tracking([("EPH1", "Delivered"), ("EPH2", "EnvelopeNotExists")])

    check = ledger.check()

    assert check.lost == 1
    assert check.lost_examples == ("EPH2",)
    assert not check.ok


def test_a_final_envelope_no_importer_received_is_lost(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, ["EPH1"])
    ledger.add_tracking([("EPH1", "Delivered")])

    assert ledger.check().lost == 1


def test_two_accepted_acknowledgements_are_a_duplicate(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, ["EPH1", "EPH2"])
    ledger.add_acknowledged(
        [("EPH1", "KE", 2.0), ("EPH1", "KE", 2.5), ("EPH2", "KE", 3.0)]
    )

    check = ledger.check()

    assert check.duplicated == 1
    assert check.duplicated_examples == ("EPH1",)
    assert check.acknowledged == 1


def test_two_rows_in_the_store_are_a_duplicate(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, ["EPH1"])
    ledger.add_acknowledged([("EPH1", "KE", 2.0)])
    ledger.add_store_acks([("EPH1", 2)])

    assert ledger.check().duplicated == 1


def test_an_envelope_received_but_never_delivered_is_a_duplicate(
    tmp_path: Path,
) -> None:
    ledger = _ledger(tmp_path, ["EPH1"])
    ledger.add_acknowledged([("EPH1", "KE", 2.0), ("EPH9", "KE", 2.0)])

    assert ledger.check().duplicated_examples == ("EPH9",)


def test_a_number_still_waiting_is_pending_not_lost(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, ["EPH1"])
    ledger.add_tracking([("EPH1", "PendingDelivery")])

    check = ledger.check()

    assert (check.pending, check.lost, check.ok) == (1, 0, False)


def test_delivery_to_acknowledgement_is_bucketed(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path, ["EPH1", "EPH2"])
    ledger.add_acknowledged([("EPH1", "KE", 3.0), ("EPH2", "KE", 12.0)])

    assert ledger.delivery_to_acknowledgement(5.0) == [(0.0, 2.0), (10.0, 11.0)]


def test_the_extra_envelope_of_an_unanswered_delivery_is_no_duplicate(
    tmp_path: Path,
) -> None:
    # The hub queued EPH0 but its answer was lost; the retry queued EPH1.
    ledger = _ledger(tmp_path, ["EPH1"])
    ledger.add_unanswered(["LOAD-t-0"])
    ledger.add_acknowledged(
        [("EPH0", "KE", 2.0, "LOAD-t-0"), ("EPH1", "KE", 2.1, "LOAD-t-0")]
    )
    ledger.add_tracking([("EPH1", "Delivered")])

    check = ledger.check()

    assert (check.duplicated, check.unanswered_copies, check.ok) == (0, 1, True)
    assert check.acknowledged == 1


def test_an_extra_envelope_of_an_answered_delivery_is_a_duplicate(
    tmp_path: Path,
) -> None:
    ledger = _ledger(tmp_path, ["EPH1"])
    ledger.add_unanswered(["LOAD-t-5"])
    ledger.add_acknowledged(
        [("EPH0", "KE", 2.0, "LOAD-t-0"), ("EPH1", "KE", 2.1, "LOAD-t-0")]
    )

    check = ledger.check()

    assert (check.duplicated, check.unanswered_copies) == (1, 0)
    assert check.duplicated_examples == ("EPH0",)


def test_an_unanswered_copy_acknowledged_twice_is_a_duplicate(
    tmp_path: Path,
) -> None:
    ledger = _ledger(tmp_path, ["EPH1"])
    ledger.add_unanswered(["LOAD-t-0"])
    ledger.add_acknowledged(
        [
            ("EPH0", "KE", 2.0, "LOAD-t-0"),
            ("EPH0", "KE", 2.2, "LOAD-t-0"),
            ("EPH1", "KE", 2.1, "LOAD-t-0"),
        ]
    )

    check = ledger.check()

    assert (check.duplicated, check.unanswered_copies) == (1, 0)
