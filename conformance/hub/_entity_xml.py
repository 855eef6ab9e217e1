"""Hub entities to and from their XML elements (``HUB.Entities`` and ``eph`` types)."""

from __future__ import annotations

from lxml import etree

from conformance.hub._xml import (
    CodecError,
    child,
    children,
    element_children,
    hub,
    text_of,
)
from conformance.hub.entities import (
    AllowedDocument,
    CdataText,
    Envelope,
    EnvelopeForwarding,
    EnvelopeHeader,
    Nppo,
    ValidationResult,
)

__all__ = [
    "read_envelope",
    "read_header",
    "read_nppo",
    "read_validation_result",
    "write_header",
    "write_nppo",
    "write_validation_result",
]

_SubElement = etree.SubElement


def _put(
    parent: etree._Element, tag: str, text: str | etree.CDATA, *, field: str
) -> None:
    try:
        _SubElement(parent, tag).text = text
    except ValueError as err:
        shown = text[:40] if isinstance(text, str) else "CDATA section"
        raise CodecError(
            f"{field} {shown!r} contains characters XML 1.0 cannot carry "
            f"({err}); remove control characters before sending"
        ) from err


def write_header(parent: etree._Element, header: EnvelopeHeader) -> None:
    """Append the header fields (and ``Content`` of an envelope) in schema order."""
    _put(parent, hub("From"), header.from_, field="From")
    _put(parent, hub("To"), header.to, field="To")
    _put(parent, hub("CertificateType"), str(header.certificate_type), field="type")
    _put(
        parent, hub("CertificateStatus"), str(header.certificate_status), field="status"
    )
    _put(
        parent,
        hub("NPPOCertificateNumber"),
        header.nppo_certificate_number,
        field="NPPOCertificateNumber",
    )
    for local, value in (
        ("hubDeliveryNumber", header.hub_delivery_number),
        ("HUBTrackingInfo", header.hub_tracking_info),
        ("hubDeliveryErrorMessage", header.hub_delivery_error_message),
    ):
        if value is not None:
            _put(parent, hub(local), str(value), field=local)
    if header.forwardings:
        forwardings = _SubElement(parent, hub("Forwardings"))
        for forwarding in header.forwardings:
            item = _SubElement(forwardings, hub("EnvelopeForwarding"))
            _put(item, hub("Code"), forwarding.code, field="Forwarding Code")
            if forwarding.hub_delivery_number is not None:
                _put(
                    item,
                    hub("HubDeliveryNumber"),
                    forwarding.hub_delivery_number,
                    field="Forwarding HubDeliveryNumber",
                )
    if isinstance(header, Envelope) and header.content is not None:
        content = header.content
        if isinstance(content, CdataText) and "]]>" not in content:
            _put(parent, hub("Content"), etree.CDATA(content), field="Content")
        else:
            # A CDATA section cannot hold "]]>"; such text goes out escaped.
            _put(parent, hub("Content"), content, field="Content")


def _integer(element: etree._Element, local: str) -> int:
    text = text_of(child(element, hub(local)))
    if text is None or not text.strip():
        # No document type or status has code 0, so the hub refuses it by name.
        return 0
    try:
        return int(text.strip())
    except ValueError as err:
        raise CodecError(
            f"{local} must be an integer code (e.g. 851, 70), got {text!r}"
        ) from err


def _header_fields(element: etree._Element) -> dict[str, object]:
    forwardings = child(element, hub("Forwardings"))
    return {
        "from_": text_of(child(element, hub("From"))) or "",
        "to": text_of(child(element, hub("To"))) or "",
        "certificate_type": _integer(element, "CertificateType"),
        "certificate_status": _integer(element, "CertificateStatus"),
        "nppo_certificate_number": text_of(child(element, hub("NPPOCertificateNumber")))
        or "",
        "hub_delivery_number": text_of(child(element, hub("hubDeliveryNumber"))),
        "hub_tracking_info": text_of(child(element, hub("HUBTrackingInfo"))),
        "hub_delivery_error_message": text_of(
            child(element, hub("hubDeliveryErrorMessage"))
        ),
        "forwardings": []
        if forwardings is None
        else [
            EnvelopeForwarding(
                code=text_of(child(item, hub("Code"))) or "",
                hub_delivery_number=text_of(child(item, hub("HubDeliveryNumber"))),
            )
            for item in children(forwardings, hub("EnvelopeForwarding"))
        ],
    }


def read_header(element: etree._Element) -> EnvelopeHeader:
    """An :class:`EnvelopeHeader` from an element of type ``hub:EnvelopeHeader``."""
    return EnvelopeHeader(**_header_fields(element))  # type: ignore[arg-type]


def read_envelope(element: etree._Element) -> Envelope:
    """An :class:`Envelope` from an element of type ``hub:Envelope``."""
    content_element = child(element, hub("Content"))
    if content_element is not None and element_children(content_element):
        raise CodecError(
            "Content holds XML elements; send the certificate as text "
            "(XML-escaped or in a CDATA section)"
        )
    return Envelope(
        **_header_fields(element),  # type: ignore[arg-type]
        content=text_of(content_element),
    )


def _flag(value: bool) -> str:
    return "true" if value else "false"


def write_nppo(parent: etree._Element, nppo: Nppo) -> None:
    """Append the children of a ``hub:Nppo`` for ``nppo``."""
    _put(parent, hub("Country"), nppo.country, field="Country")
    _SubElement(parent, hub("Receive")).text = _flag(nppo.receive)
    _SubElement(parent, hub("Send")).text = _flag(nppo.send)
    for document in nppo.allowed_documents:
        item = _SubElement(parent, hub("AllowedDocument"))
        item.set("active", _flag(document.active))
        # Children of the eph types are unqualified in the contract.
        kind = _SubElement(item, "certificateType")
        kind.set("number", str(document.certificate_type))
        kind.set("value", document.type_label)
        status = _SubElement(item, "certificateStatus")
        status.set("number", str(document.certificate_status))
        status.set("value", document.status_label)
    if nppo.signature_dn is not None or nppo.signature_certificate is not None:
        signature = _SubElement(parent, hub("Signature"))
        if nppo.signature_dn is not None:
            _put(signature, "dn", nppo.signature_dn, field="Signature dn")
        if nppo.signature_certificate is not None:
            _SubElement(signature, "certificate").text = nppo.signature_certificate


def _is_true(text: str | None) -> bool:
    return text is not None and text.strip().lower() in ("true", "1")


def _number(element: etree._Element, local: str) -> tuple[int, str]:
    item = child(element, local)
    number = None if item is None else item.get("number")
    try:
        return int(number or ""), ("" if item is None else item.get("value", ""))
    except ValueError as err:
        raise CodecError(
            f"AllowedDocument/{local}/@number must be an integer, got {number!r}"
        ) from err


def read_nppo(element: etree._Element) -> Nppo:
    """An :class:`Nppo` from an element of type ``hub:Nppo``."""
    documents = []
    for item in children(element, hub("AllowedDocument")):
        certificate_type, type_label = _number(item, "certificateType")
        certificate_status, status_label = _number(item, "certificateStatus")
        documents.append(
            AllowedDocument(
                certificate_type=certificate_type,
                certificate_status=certificate_status,
                active=_is_true(item.get("active")),
                type_label=type_label,
                status_label=status_label,
            )
        )
    signature = child(element, hub("Signature"))
    return Nppo(
        country=text_of(child(element, hub("Country"))) or "",
        receive=_is_true(text_of(child(element, hub("Receive")))),
        send=_is_true(text_of(child(element, hub("Send")))),
        allowed_documents=documents,
        signature_dn=None if signature is None else text_of(child(signature, "dn")),
        signature_certificate=None
        if signature is None
        else text_of(child(signature, "certificate")),
    )


_RESULT_FIELDS = ("area", "field", "level", "msg")


def write_validation_result(parent: etree._Element, result: ValidationResult) -> None:
    """Append the unqualified ``area``, ``field``, ``level``, ``msg`` children."""
    for local in _RESULT_FIELDS:
        _put(parent, local, getattr(result, local), field=f"ValidationResult {local}")


def read_validation_result(element: etree._Element) -> ValidationResult:
    """A :class:`ValidationResult` from an ``eph:ValidationResult`` element."""
    values = {local: text_of(child(element, local)) or "" for local in _RESULT_FIELDS}
    return ValidationResult(**values)
