"""The reference hub's behaviour, one test per decision of docs/hub-decisions.md."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from conformance.findings import Area, Finding, Level
from conformance.hub.entities import (
    AllowedDocument,
    Envelope,
    EnvelopeForwarding,
    TrackingInfo,
    ValidationResult,
)
from conformance.hub.service import HubService, HubServiceFault
from conformance.hub.store import HubStore

_SEVERE = Finding(
    "MAND-001",
    Area.MANDATORY_ELEMENTS,
    Level.SEVERE,
    "element is mandatory",
    field="/rsm:SPSCertificate/rsm:SPSConsignment",
)
_SEVERE_2 = Finding("CODE-002", Area.MAPPING, Level.SEVERE, "not ISO alpha-2", "x/y")
_WARNING = Finding("BIZ-003", Area.MAPPING, Level.WARNING, "unusual", field="a/b")


class _Validator:
    """Stands in for validate_certificate and remembers what it was given."""

    def __init__(self, findings: Sequence[Finding] = ()) -> None:
        self.findings = list(findings)
        self.seen: list[str] = []

    def __call__(self, data: str) -> list[Finding]:
        self.seen.append(data)
        return self.findings


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HubStore]:
    with HubStore.open(tmp_path) as hub_store:
        for code in ("NL", "KE", "CL"):
            hub_store.register_nppo(code, code.lower() * 32)
        yield hub_store


@pytest.fixture
def validator() -> _Validator:
    return _Validator()


@pytest.fixture
def service(store: HubStore, validator: _Validator) -> HubService:
    return HubService(store, validator)


def _envelope(
    sender: str = "NL",
    to: str = "KE",
    *,
    type_: int = 851,
    status: int = 70,
    number: str = "NL-2024-1",
    content: str | None = "<rsm:SPSCertificate>...</rsm:SPSCertificate>",
) -> Envelope:
    return Envelope(
        from_=sender,
        to=to,
        certificate_type=type_,
        certificate_status=status,
        nppo_certificate_number=number,
        content=content,
    )


def _deliver(service: HubService, envelope: Envelope | None = None) -> str:
    header = service.deliver_envelope("NL", envelope or _envelope())
    assert header.hub_tracking_info == TrackingInfo.PENDING_DELIVERY, header
    assert header.hub_delivery_number is not None
    return header.hub_delivery_number


def test_deliver_queues_pending_with_a_d13_number(service: HubService) -> None:
    header = service.deliver_envelope("NL", _envelope())

    assert header.hub_tracking_info == "PendingDelivery"
    assert re.fullmatch(r"EPH[0-9A-F]{17}", header.hub_delivery_number or "")
    assert header.hub_delivery_error_message is None
    assert (header.from_, header.to, header.nppo_certificate_number) == (
        "NL",
        "KE",
        "NL-2024-1",
    )


def test_d1_failed_ack_sets_delivered_not_readable_with_message(
    service: HubService,
) -> None:
    number = _deliver(service)

    service.acknowledge_failed_envelope_receipt("KE", number, "Content is not XML")
    tracking = service.get_envelope_tracking_info("NL", number)

    assert tracking.hub_tracking_info == "DeliveredNotReadable"
    assert tracking.hub_delivery_error_message == "Content is not XML"


def test_d2_acknowledgements_return_the_new_state(service: HubService) -> None:
    warned = _deliver(service)
    failed = _deliver(service)
    plain = _deliver(service)

    assert (
        service.advanced_acknowledge_envelope_receipt("KE", warned, "duplicate")
        == "DeliveredWithWarnings"
    )
    assert (
        service.acknowledge_failed_envelope_receipt("KE", failed, "unreadable")
        == "DeliveredNotReadable"
    )
    assert service.acknowledge_envelope_receipt("KE", plain) is None
    assert service.get_envelope_tracking_info("NL", plain).hub_tracking_info == (
        "Delivered"
    )
    warned_info = service.get_envelope_tracking_info("NL", warned)
    assert warned_info.hub_delivery_error_message == "duplicate"


def test_d3_severe_content_fails_with_each_finding_and_queues_nothing(
    store: HubStore, validator: _Validator
) -> None:
    validator.findings = [_SEVERE, _WARNING, _SEVERE_2]
    service = HubService(store, validator)

    header = service.validate_and_deliver_envelope("NL", _envelope())

    assert header.hub_tracking_info == "FailedDelivery"
    assert header.hub_delivery_number is None
    assert header.hub_delivery_error_message == (
        "[MAND-001] /rsm:SPSCertificate/rsm:SPSConsignment: element is mandatory; "
        "[CODE-002] x/y: not ISO alpha-2"
    )
    assert service.get_import_envelope_headers("KE") == []
    assert service.get_under_delivery_envelope("NL") == []


def test_d3_warnings_only_are_delivered(
    service: HubService, validator: _Validator
) -> None:
    validator.findings = [_WARNING]

    header = service.validate_and_deliver_envelope("NL", _envelope())

    assert header.hub_tracking_info == "PendingDelivery"
    assert validator.seen == [_envelope().content]


@pytest.mark.parametrize(
    ("envelope", "field"),
    [
        (_envelope(to=""), "To"),
        (_envelope(number=""), "NPPOCertificateNumber"),
        (_envelope(content=None), "Content"),
        (_envelope(to="XX"), "To 'XX'"),
        (_envelope(type_=999), "CertificateType 999"),
        (_envelope(status=39), "CertificateStatus 39"),
    ],
)
def test_d4_header_refusal_is_failed_delivery_naming_the_field(
    service: HubService, envelope: Envelope, field: str
) -> None:
    header = service.deliver_envelope("NL", envelope)

    assert header.hub_tracking_info == "FailedDelivery"
    assert header.hub_delivery_number is None
    assert field in (header.hub_delivery_error_message or "")
    assert service.get_import_envelope_headers("KE") == []


def test_d4_inactive_or_non_receiving_to_is_refused(store: HubStore) -> None:
    store.register_nppo("ZZ", "ee" * 32, active=False)
    store.register_nppo("YY", "ff" * 32, receive=False)
    service = HubService(store, _Validator())

    inactive = service.deliver_envelope("NL", _envelope(to="ZZ"))
    closed = service.deliver_envelope("NL", _envelope(to="YY"))

    assert inactive.hub_tracking_info == "FailedDelivery"
    assert "To 'ZZ' is not an active NPPO" in (
        inactive.hub_delivery_error_message or ""
    )
    assert closed.hub_tracking_info == "FailedDelivery"
    assert "'YY' does not receive" in (closed.hub_delivery_error_message or "")


def test_d4_header_refusal_comes_before_content_validation(
    service: HubService, validator: _Validator
) -> None:
    header = service.validate_and_deliver_envelope("NL", _envelope(type_=1))

    assert header.hub_tracking_info == "FailedDelivery"
    assert validator.seen == []


def test_d5_from_must_be_the_caller(service: HubService) -> None:
    header = service.deliver_envelope("KE", _envelope(sender="NL", to="CL"))

    assert header.hub_tracking_info == "FailedDelivery"
    assert "From 'NL'" in (header.hub_delivery_error_message or "")
    assert "'KE'" in (header.hub_delivery_error_message or "")


def test_d6_self_addressed_envelope_is_allowed(service: HubService) -> None:
    header = service.deliver_envelope("NL", _envelope(sender="NL", to="NL"))

    assert header.hub_tracking_info == "PendingDelivery"
    assert [
        h.hub_delivery_number for h in service.get_import_envelope_headers("NL")
    ] == [header.hub_delivery_number]


def test_d7_country_code_filters_on_the_sender(service: HubService) -> None:
    from_nl = _deliver(service, _envelope(sender="NL", to="KE"))
    from_cl = service.deliver_envelope("CL", _envelope(sender="CL", to="KE"))

    only_cl = service.get_import_envelope_headers("KE", "CL")
    everything = service.get_import_envelope_headers("KE", "")
    omitted = service.get_import_envelope_headers("KE")

    assert [h.hub_delivery_number for h in only_cl] == [from_cl.hub_delivery_number]
    expected = [from_nl, from_cl.hub_delivery_number]
    assert [h.hub_delivery_number for h in everything] == expected
    assert [h.hub_delivery_number for h in omitted] == expected


def test_d8_pulled_but_unacked_envelopes_are_offered_again(service: HubService) -> None:
    number = _deliver(service)

    first = service.pull_import_envelope("KE")
    single = service.pull_single_import_envelope("KE", number)
    again = service.pull_import_envelope("KE")
    headers = service.get_import_envelope_headers("KE")

    assert [e.hub_delivery_number for e in first] == [number]
    assert single.hub_tracking_info == "PendingDelivery"
    assert [e.hub_delivery_number for e in again] == [number]
    assert [h.hub_delivery_number for h in headers] == [number]
    service.acknowledge_envelope_receipt("KE", number)
    assert service.pull_import_envelope("KE") == []


def test_d9_second_acknowledgement_is_refused_and_state_kept(
    service: HubService, store: HubStore
) -> None:
    number = _deliver(service)
    service.acknowledge_envelope_receipt("KE", number)

    with pytest.raises(HubServiceFault) as refused:
        service.acknowledge_failed_envelope_receipt("KE", number, "late")

    assert refused.value.message.startswith("EnvelopeAlreadyAcknowledged")
    assert service.get_envelope_tracking_info("KE", number).hub_tracking_info == (
        "Delivered"
    )
    assert len(store.acknowledgements(number)) == 1


@pytest.mark.parametrize("caller", ["NL", "CL"])
def test_d9_acknowledging_someone_elses_envelope_is_not_exists(
    service: HubService, caller: str
) -> None:
    number = _deliver(service)

    with pytest.raises(HubServiceFault, match=r"^EnvelopeNotExists"):
        service.acknowledge_envelope_receipt(caller, number)

    assert service.get_envelope_tracking_info("NL", number).hub_tracking_info == (
        "PendingDelivery"
    )


def test_d10_unknown_number_tracking_answers_envelope_not_exists(
    service: HubService,
) -> None:
    header = service.get_envelope_tracking_info("NL", "EPH0123456789ABCDEF0")

    assert header.hub_tracking_info == "EnvelopeNotExists"
    assert header.hub_delivery_number == "EPH0123456789ABCDEF0"


@pytest.mark.parametrize(
    "command",
    [
        lambda s: s.pull_single_import_envelope("KE", "EPHNOPE"),
        lambda s: s.acknowledge_envelope_receipt("KE", "EPHNOPE"),
        lambda s: s.advanced_acknowledge_envelope_receipt("KE", "EPHNOPE", "w"),
        lambda s: s.acknowledge_failed_envelope_receipt("KE", "EPHNOPE", "m"),
    ],
)
def test_d10_unknown_number_commands_are_envelope_not_exists_faults(
    service: HubService, command: object
) -> None:
    with pytest.raises(HubServiceFault, match=r"^EnvelopeNotExists"):
        command(service)  # type: ignore[operator]


def test_d10_pull_by_a_third_nppo_is_not_exists(service: HubService) -> None:
    number = _deliver(service)

    with pytest.raises(HubServiceFault, match=r"^EnvelopeNotExists"):
        service.pull_single_import_envelope("CL", number)


def test_d11_content_passes_through_unchanged_and_unopened(
    service: HubService, validator: _Validator
) -> None:
    content = "not XML at all \r\n <![CDATA[ & ]]> é\u00a0\t"
    number = _deliver(service, _envelope(content=content))

    pulled = service.pull_single_import_envelope("KE", number)

    assert pulled.content == content
    assert validator.seen == []


def test_d12_duplicate_certificate_number_gets_a_new_delivery_number(
    service: HubService,
) -> None:
    first = _deliver(service, _envelope(number="DUP-1"))
    second = _deliver(service, _envelope(number="DUP-1"))

    assert first != second
    assert len(service.get_import_envelope_headers("KE")) == 2


def test_d14_allowed_type_and_status_codes(service: HubService) -> None:
    accepted = [
        service.deliver_envelope("NL", _envelope(type_=t, status=s)).hub_tracking_info
        for t in (851, 657)
        for s in (70, 40, 44)
    ]

    assert accepted == ["PendingDelivery"] * 6


def test_d14_active_nppos_publish_the_allowed_documents(service: HubService) -> None:
    nppos = service.get_active_nppos("KE")

    assert [nppo.country for nppo in nppos] == ["CL", "KE", "NL"]
    pairs = {
        (d.certificate_type, d.certificate_status) for d in nppos[0].allowed_documents
    }
    assert pairs == {(t, s) for t in (851, 657) for s in (70, 40, 44)}
    assert all(
        isinstance(d, AllowedDocument) and d.active for d in nppos[0].allowed_documents
    )


def test_d15_content_over_16_mib_is_refused(service: HubService) -> None:
    big = "x" * (16 * 1024 * 1024 + 1)

    header = service.deliver_envelope("NL", _envelope(content=big))

    assert header.hub_tracking_info == "FailedDelivery"
    assert "Content" in (header.hub_delivery_error_message or "")


def test_d15_content_of_exactly_16_mib_is_accepted(service: HubService) -> None:
    header = service.deliver_envelope("NL", _envelope(content="x" * 16 * 1024 * 1024))

    assert header.hub_tracking_info == "PendingDelivery"


def test_d16_no_expiry_envelopes_stay_pending(service: HubService) -> None:
    number = _deliver(service)

    for _ in range(3):
        service.pull_import_envelope("KE")

    assert service.get_envelope_tracking_info("NL", number).hub_tracking_info == (
        "PendingDelivery"
    )


def test_d17_unregistered_fingerprint_is_the_production_fault(
    service: HubService,
) -> None:
    with pytest.raises(HubServiceFault) as refused:
        service.identify("00" * 32)

    assert refused.value.message == "NPPO from client certificate not found"
    assert service.identify("ke" * 32) == "KE"


def test_d17_inactive_nppo_is_not_identified(store: HubStore) -> None:
    store.register_nppo("ZZ", "ee" * 32, active=False)

    with pytest.raises(HubServiceFault, match="NPPO from client certificate"):
        HubService(store, _Validator()).identify("ee" * 32)


def test_d18_only_sender_and_addressee_read_tracking(service: HubService) -> None:
    number = _deliver(service)

    sender = service.get_envelope_tracking_info("NL", number)
    addressee = service.get_envelope_tracking_info("KE", number)
    stranger = service.get_envelope_tracking_info("CL", number)

    assert sender.hub_tracking_info == addressee.hub_tracking_info == "PendingDelivery"
    assert stranger.hub_tracking_info == "EnvelopeNotExists"
    assert stranger.nppo_certificate_number == ""


def test_d19_forwardings_are_refused(service: HubService) -> None:
    envelope = _envelope()
    envelope.forwardings = [EnvelopeForwarding(code="CL")]

    header = service.deliver_envelope("NL", envelope)

    assert header.hub_tracking_info == "FailedDelivery"
    assert "Forwardings" in (header.hub_delivery_error_message or "")


def test_d19_no_channels(service: HubService) -> None:
    assert service.get_available_channels("NL") == []


def test_under_delivery_lists_only_the_callers_unfinished_envelopes(
    service: HubService,
) -> None:
    done = _deliver(service)
    waiting = _deliver(service)
    service.deliver_envelope("CL", _envelope(sender="CL"))
    service.acknowledge_envelope_receipt("KE", done)

    headers = service.get_under_delivery_envelope("NL")

    assert [h.hub_delivery_number for h in headers] == [waiting]


def test_validate_phyto_xml_maps_findings_to_rows(
    service: HubService, validator: _Validator
) -> None:
    validator.findings = [_SEVERE, _WARNING]

    rows = service.validate_phyto_xml("NL", "<x/>")

    assert rows == [
        ValidationResult(
            area="MandatoryElements",
            field="/rsm:SPSCertificate/rsm:SPSConsignment",
            level="SEVERE",
            msg="[MAND-001] element is mandatory",
        ),
        ValidationResult(
            area="Mapping", field="a/b", level="WARNING", msg="[BIZ-003] unusual"
        ),
    ]
    assert service.get_import_envelope_headers("KE") == []


def test_profile_is_the_caller(service: HubService) -> None:
    profile = service.get_profile("KE")

    assert profile.country == "KE"
    assert profile.receive and profile.send
    assert len(profile.allowed_documents) == 6


def test_call_dispatches_on_the_wire_name(service: HubService) -> None:
    number = _deliver(service)

    header = service.call(
        "GetEnvelopeTrackingInfo", "NL", {"hub_tracking_number": number}
    )

    assert getattr(header, "hub_tracking_info", None) == "PendingDelivery"
    with pytest.raises(HubServiceFault, match="'DeliverPhytoEnvelope'"):
        service.call("DeliverPhytoEnvelope", "NL", {})
