"""Bulk generation: certificate ``n`` of a corpus is a pure function of (seed, n).

No hypothesis here: a fast integer mixer turns (seed, n) into hash bits that index
pools of pre-escaped fragments (:mod:`._bulk_pools`), and the certificate is one
string join. Every pick keeps the certificate valid (schema, code lists, business
rules), and the mix of types, statuses, countries, lines, treatments and scripts
resembles hub traffic: mostly 851 issued, some 657 re-exports, replacements and
withdrawals.
"""

from __future__ import annotations

from conformance.errors import UsageError
from conformance.generate._bulk_pools import COUNTRIES, DAY_COUNT, note, pools
from conformance.hub.entities import Envelope
from conformance.namespaces import RAM, RSM, UDT

__all__ = ["bulk_certificate", "bulk_envelope", "mix"]

_MASK = (1 << 64) - 1
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<rsm:SPSCertificate xmlns:rsm="{RSM}" xmlns:ram="{RAM}" xmlns:udt="{UDT}">'
    "<rsm:SPSExchangedDocument><ram:Name/><ram:ID>"
)
_LINE_NOTE = "AdditionalInformationSPSNote"
_RPC_BOOLEANS = ("RPCOR", "RPCTC", "RPCPK", "RPCRP", "RPCOC", "RPCNC", "RPCAI")
# Constant notes rendered once: escaping them per certificate costs a third of the time.
_RPC_FLAGS = tuple(
    (note(_LINE_NOTE, subject, "False"), note(_LINE_NOTE, subject, "True"))
    for subject in _RPC_BOOLEANS
)
_RPCST = note(_LINE_NOTE, "RPCST", "3")
_RPCCO = {country: note(_LINE_NOTE, "RPCCO", country) for country in COUNTRIES}
_OPTND = note(_LINE_NOTE, "OPTND", "Loose in bulk bins", "en")
_SPSFL = note("IncludedSPSNote", "SPSFL", "5")
_ADRP = note("IncludedSPSNote", "ADRP", "4")
_COUNTRY_COUNT = len(COUNTRIES)


def mix(value: int) -> int:
    """SplitMix64 finaliser: 64 well-mixed bits from any integer."""
    value = (value + 0x9E3779B97F4A7C15) & _MASK
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _MASK
    return value ^ (value >> 31)


def bulk_certificate(
    seed: int,
    n: int,
    *,
    type_code: int | None = None,
    exporter: str | None = None,
    importer: str | None = None,
) -> bytes:
    """Certificate ``n`` of corpus ``seed``: valid UTF-8 XML, the same bytes every time.

    >>> bulk_certificate(7, 0) == bulk_certificate(7, 0)
    True

    ``type_code`` (851 or 657), ``exporter`` and ``importer`` pin what they name.
    Raises :class:`UsageError` for a negative ``n``, another type code, or a
    country outside :data:`COUNTRIES` when both countries are pinned equal.
    """
    return _compose(seed, n, type_code, exporter, importer)[0].encode("utf-8")


def bulk_envelope(
    seed: int, n: int, *, exporter: str | None = None, importer: str | None = None
) -> Envelope:
    """Certificate ``n`` of corpus ``seed`` in a hub envelope whose header agrees.

    Content is the XML text. ``exporter``/``importer`` pin From and To (any ISO
    3166-1 codes, e.g. the NPPO codes of a load test).

    >>> bulk_envelope(7, 0, exporter="NL", importer="KE").to
    'KE'

    Raises :class:`UsageError` as :func:`bulk_certificate` does.
    """
    xml, export, imported, type_code, status, number = _compose(
        seed, n, None, exporter, importer
    )
    return Envelope(
        from_=export,
        to=imported,
        certificate_type=type_code,
        certificate_status=status,
        nppo_certificate_number=number,
        content=xml,
    )


def _check(
    n: int, type_code: int | None, exporter: str | None, importer: str | None
) -> None:
    if n < 0:
        raise UsageError(f"certificate index n must be >= 0, got {n!r}")
    if type_code not in (None, 851, 657):
        raise UsageError(f"type_code must be 851, 657 or None, got {type_code!r}")
    if exporter is not None and exporter == importer:
        raise UsageError(
            f"exporter and importer are both {exporter!r}; pin two different countries"
        )


def _compose(
    seed: int,
    n: int,
    type_code: int | None,
    exporter: str | None,
    importer: str | None,
) -> tuple[str, str, str, int, int, str]:
    _check(n, type_code, exporter, importer)
    p = pools()
    h = mix(mix(seed) ^ n)
    g = mix(h)
    # Bits of h: 0-7 type/status, 8-15 countries, 16-31 day, 32-47 time, 48-63 misc.
    kind = h & 0xFF
    if type_code is None:
        type_code = 657 if kind < 38 else 851
    status = 40 if 38 <= kind < 48 else 70
    replacement = 48 <= kind < 72
    export = exporter or COUNTRIES[(h >> 8) % _COUNTRY_COUNT]
    imported = importer or COUNTRIES[(h >> 12) % _COUNTRY_COUNT]
    if imported == export:
        imported = COUNTRIES[(COUNTRIES.index(export) + 1) % _COUNTRY_COUNT] if export in COUNTRIES else "NL"  # fmt: skip
        if imported == exporter:
            imported = "KE"
    day = 90 + (h >> 16) % (DAY_COUNT - 90)
    offset = p.offsets[(h >> 32) & 7]
    time = p.minutes[(h >> 35) % 1440]
    second = (h >> 46) % 60
    issued = f"{p.days[day]}T{time}:{second:02d}{offset}"
    number = f"{export}{p.days[day][:4]}-{seed % 10_000:04d}-{n:08d}"
    original = f"OR-{(g >> 20) % 1_000_000:06d}"

    out = [_HEAD, number, "</ram:ID><ram:TypeCode>", str(type_code),
           "</ram:TypeCode><ram:StatusCode>", str(status),
           "</ram:StatusCode><ram:IssueDateTime><udt:DateTimeString>", issued,
           "</udt:DateTimeString></ram:IssueDateTime><ram:IssuerSPSParty><ram:Name>",
           p.issuers.get(export, "National Plant Protection Organization"),
           "</ram:Name></ram:IssuerSPSParty>"]  # fmt: skip
    _document_notes(out, g, day, time, offset, replacement)
    # Signed at issue: an empty signing moment is an EPH-BR-014 finding.
    out.append(
        "<ram:SignatorySPSAuthentication><ram:ActualDateTime><udt:DateTimeString>"
    )
    out.append(issued)
    out.append("</udt:DateTimeString></ram:ActualDateTime>")
    out.append(p.signatories[(g >> 1) & 63])
    if type_code == 657:
        out.append(
            "<ram:ReferenceSPSReferencedDocument><ram:IssueDateTime><udt:DateTimeString>"
            f"{p.days[day - 30 - (g >> 8) % 40]}T{time}:00{offset}"
            "</udt:DateTimeString></ram:IssueDateTime><ram:RelationshipTypeCode>AWR"
            f"</ram:RelationshipTypeCode><ram:ID>{original}</ram:ID>"
            "</ram:ReferenceSPSReferencedDocument>"
        )
    if (g >> 7) & 7 == 0:
        out.append(p.attachments[(g >> 10) % len(p.attachments)])
    out.append("</rsm:SPSExchangedDocument><rsm:SPSConsignment><ram:ConsignorSPSParty>")
    out.append(p.parties[(g >> 13) & 255])
    out.append("</ram:ConsignorSPSParty><ram:ConsigneeSPSParty>")
    out.append(p.parties[(g >> 21) & 255])
    out.append(
        f"</ram:ConsigneeSPSParty><ram:ExportSPSCountry><ram:ID>{export}</ram:ID>"
        f"<ram:Name/></ram:ExportSPSCountry><ram:ImportSPSCountry><ram:ID>{imported}"
        "</ram:ID><ram:Name/></ram:ImportSPSCountry>"
    )
    transit = COUNTRIES[(g >> 29) % _COUNTRY_COUNT]
    if (g >> 34) & 3 == 0 and transit not in (export, imported):
        out.append(f"<ram:TransitSPSCountry><ram:ID>{transit}</ram:ID><ram:Name/></ram:TransitSPSCountry>")  # fmt: skip
    baseport = p.baseports.get(imported, "")
    if baseport and (g >> 36) & 1:
        out.append(f"<ram:UnloadingBaseportSPSLocation><ram:ID>{baseport}</ram:ID><ram:Name>{baseport}</ram:Name></ram:UnloadingBaseportSPSLocation>")  # fmt: skip
    out.append("<ram:ExaminationSPSEvent><ram:OccurrenceSPSLocation><ram:Name/></ram:OccurrenceSPSLocation></ram:ExaminationSPSEvent>")  # fmt: skip
    if (g >> 37) & 3:
        out.append(p.movements[(g >> 39) % len(p.movements)])
    if (g >> 44) & 1:
        out.append(f"<ram:UtilizedSPSTransportEquipment><ram:ID>MSCU{(g >> 20) % 9_000_000 + 1_000_000}</ram:ID><ram:AffixedSPSSeal><ram:ID>SL{(g >> 45) % 1_000_000:06d}</ram:ID></ram:AffixedSPSSeal></ram:UtilizedSPSTransportEquipment>")  # fmt: skip
    lines = 1 + ((h >> 48) & 3) + (2 if (h >> 50) & 7 == 0 else 0)
    out.append("<ram:IncludedSPSConsignmentItem>")
    bits = mix(g)
    for sequence in range(1, lines + 1):
        _trade_line(out, bits, sequence, type_code, export, day, time, offset, original)  # fmt: skip
        bits = mix(bits)
    out.append("</ram:IncludedSPSConsignmentItem></rsm:SPSConsignment></rsm:SPSCertificate>")  # fmt: skip
    return "".join(out), export, imported, type_code, status, number


def _document_notes(
    out: list[str], g: int, day: int, time: str, offset: str, replacement: bool
) -> None:
    p = pools()
    if (g >> 50) & 1:
        out.append(_SPSFL)
    if (g >> 51) & 1:
        declaration = p.declarations[(g >> 52) % len(p.declarations)]
        out.append(f"<ram:IncludedSPSNote><ram:Subject>ADEDL</ram:Subject>{declaration}</ram:IncludedSPSNote>")  # fmt: skip
    if (g >> 55) & 3 == 0:
        out.append(f"<ram:IncludedSPSNote><ram:Subject>ADDIEDL</ram:Subject><ram:Content>{p.days[day - 2]}</ram:Content></ram:IncludedSPSNote>")  # fmt: skip
    if replacement:
        reason = p.replacement_reasons[(g >> 57) % len(p.replacement_reasons)]
        out.append(_ADRP)
        out.append(f"<ram:IncludedSPSNote><ram:Subject>ADRPN</ram:Subject><ram:Content>RP-{(g >> 30) % 1_000_000:06d}</ram:Content></ram:IncludedSPSNote>")  # fmt: skip
        out.append(f"<ram:IncludedSPSNote><ram:Subject>ADRPR</ram:Subject>{reason}</ram:IncludedSPSNote>")  # fmt: skip
        out.append(f"<ram:IncludedSPSNote><ram:Subject>ADRD</ram:Subject><ram:Content>{p.days[day - 5]}T{time}:00{offset}</ram:Content></ram:IncludedSPSNote>")  # fmt: skip


def _trade_line(
    out: list[str],
    bits: int,
    sequence: int,
    type_code: int,
    export: str,
    day: int,
    time: str,
    offset: str,
    original: str,
) -> None:
    p = pools()
    commodity = bits % len(p.heads)
    out.append(f"<ram:IncludedSPSTradeLineItem><ram:SequenceNumeric>{sequence}</ram:SequenceNumeric>")  # fmt: skip
    out.append(p.heads[commodity][(bits >> 4) % 6])
    if (bits >> 7) & 3:
        out.append(p.weights[(bits >> 9) % len(p.weights)])
    if (bits >> 13) & 3 == 0:
        out.append(p.volumes[(bits >> 15) % len(p.volumes)])
    origin = export
    if type_code == 657 or (bits >> 18) & 3 == 0:
        origin = COUNTRIES[(bits >> 20) % _COUNTRY_COUNT]
        if origin == export:
            origin = COUNTRIES[(COUNTRIES.index(origin) + 1) % _COUNTRY_COUNT]
    if type_code == 657:
        out.append(_RPCST)
        out.append(_RPCCO[origin])
        out.append(f"<ram:{_LINE_NOTE}><ram:Subject>RPCRF</ram:Subject><ram:Content>{original}</ram:Content></ram:{_LINE_NOTE}>")  # fmt: skip
        flags = bits >> 25
        for index, pair in enumerate(_RPC_FLAGS):
            out.append(pair[flags >> index & 1])
    out.append(p.line_notes[(bits >> 32) % len(p.line_notes)])
    optnd = (bits >> 37) & 7 == 0
    if optnd:
        out.append(_OPTND)
    out.append(p.classifications[commodity][(bits >> 40) & 3])
    if not optnd:
        out.append(p.packages[(bits >> 42) & 63])
    out.append(f"<ram:OriginSPSCountry><ram:ID>{origin}</ram:ID><ram:Name/>")
    if (bits >> 48) & 3 == 0:
        out.append(p.subdivisions[(bits >> 50) % len(p.subdivisions)])
    out.append("</ram:OriginSPSCountry>")
    if (bits >> 53) & 1:
        characteristics, duration = p.treatments[(bits >> 54) % len(p.treatments)]
        end = day - 1 - (bits >> 57) % 20
        out.append(
            "<ram:AppliedSPSProcess><ram:TypeCode>ZZZ</ram:TypeCode><ram:CompletionSPSPeriod>"
            f"<ram:StartDateTime><udt:DateTimeString>{p.days[end - 3]}T{time}:00{offset}"
            "</udt:DateTimeString></ram:StartDateTime><ram:EndDateTime><udt:DateTimeString>"
            f"{p.days[end]}T{time}:00{offset}</udt:DateTimeString></ram:EndDateTime>"
            f"{duration}</ram:CompletionSPSPeriod>{characteristics}</ram:AppliedSPSProcess>"
        )
    out.append("</ram:IncludedSPSTradeLineItem>")
