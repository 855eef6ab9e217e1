"""Pools of pre-escaped XML fragments for bulk generation, built once per process.

Every fragment is valid where it is placed (schema order, code lists, units of
the right kind), so any pick from these pools yields a valid certificate. Names
and addresses come from Faker under fixed seeds: the pools, and so the corpora,
are the same in every process with the same Faker version.
"""

from __future__ import annotations

import base64
import functools
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal
from xml.sax.saxutils import escape

from conformance.certificate import codelists
from conformance.generate._people import LOCALES, faker_for
from conformance.generate.values import (
    ATTACHMENT_KINDS,
    COMMODITIES,
    DECLARATIONS,
    DISTINGUISHING_MARKS,
    MIXED_SCRIPT_DESCRIPTIONS,
    OFFICER_NAMES,
    PLACE_NAMES,
    REPLACEMENT_REASONS,
    TREATMENTS,
    VESSEL_NAMES,
)

__all__ = ["COUNTRIES", "DAY_COUNT", "Pools", "pools"]

COUNTRIES = (
    "NL", "KE", "CL", "AR", "BR", "CO", "EC", "ES", "FR", "MA", "US", "ZA", "EG",
    "SA", "AE", "CN", "IN", "NZ", "AU", "MX", "PE", "DE", "BE", "GB", "NO", "JO",
)  # fmt: skip
"""Export and import countries of bulk certificates (all on the ISO list)."""

DAY_COUNT = 6 * 365
_FIRST_DAY = date(2019, 1, 1)


def t(name: str, value: str, language: str | None = None) -> str:
    """A ram text element, value escaped, with an optional languageID."""
    lang = "" if language is None else f' languageID="{language}"'
    return f"<ram:{name}{lang}>{escape(value)}</ram:{name}>"


def note(element: str, subject: str, content: str, language: str | None = None) -> str:
    """A note element with one Content."""
    return f"<ram:{element}><ram:Subject>{subject}</ram:Subject>{t('Content', content, language)}</ram:{element}>"


@dataclass(frozen=True, slots=True)
class Pools:
    """The fragment pools; each tuple is indexed with hash bits."""

    days: tuple[str, ...]
    minutes: tuple[str, ...]
    offsets: tuple[str, ...]
    parties: tuple[str, ...]
    issuers: dict[str, str]
    signatories: tuple[str, ...]
    declarations: tuple[str, ...]
    line_notes: tuple[str, ...]
    replacement_reasons: tuple[str, ...]
    heads: tuple[tuple[str, ...], ...]
    classifications: tuple[tuple[str, ...], ...]
    weights: tuple[str, ...]
    volumes: tuple[str, ...]
    packages: tuple[str, ...]
    treatments: tuple[tuple[str, str], ...]
    movements: tuple[str, ...]
    attachments: tuple[str, ...]
    baseports: dict[str, str]
    subdivisions: tuple[str, ...]


def _party(locale: str, seed: int, form: Literal["NFC", "NFD"]) -> str:
    fake = faker_for(locale, seed)
    name = " ".join(fake.company().split())
    lines = [" ".join(fake.street_address().split()), " ".join(fake.city().split())]
    parts = [t("Name", unicodedata.normalize(form, name))]
    if seed % 3:
        parts.append(
            f'<ram:TypeCode listName="NationalRegistrationNumber">{10_000_000 + seed * 7919}</ram:TypeCode>'
        )
    if seed % 4:
        tags = ("LineOne", "LineTwo")
        address = "".join(
            t(tag, unicodedata.normalize(form, line)) for tag, line in zip(tags, lines)
        )
        parts.append(f"<ram:SpecifiedSPSAddress>{address}</ram:SpecifiedSPSAddress>")
    return "".join(parts)


def _signatory(place: str, locode: str | None, officer: str, clauses: str) -> str:
    location = (f"<ram:ID>{locode}</ram:ID>" if locode else "") + t("Name", place)
    return (
        f"<ram:IssueSPSLocation>{location}</ram:IssueSPSLocation>"
        f"<ram:ProviderSPSParty><ram:Name/><ram:SpecifiedSPSPerson>{t('Name', officer)}"
        f"</ram:SpecifiedSPSPerson></ram:ProviderSPSParty>{clauses}"
        "</ram:SignatorySPSAuthentication>"
    )


def _clause(number: str) -> str:
    return f"<ram:IncludedSPSClause><ram:ID>{number}</ram:ID><ram:Content/></ram:IncludedSPSClause>"


def _heads() -> tuple[tuple[str, ...], ...]:
    heads: list[tuple[str, ...]] = []
    for commodity in COMMODITIES:
        first = t("Description", *reversed(commodity.descriptions[0]))
        every = "".join(t("Description", v, lang) for lang, v in commodity.descriptions)
        lang, text = MIXED_SCRIPT_DESCRIPTIONS[
            len(heads) % len(MIXED_SCRIPT_DESCRIPTIONS)
        ]
        mixed = t("Description", f"{text} {commodity.scientific_name}", lang)
        names = "".join(t("CommonName", v, lang) for lang, v in commodity.common_names)
        science = t("ScientificName", commodity.scientific_name)
        use = t("IntendedUse", commodity.intended_use, "en")
        heads.append(
            (
                first,
                every,
                first + mixed,
                every + names + science + use,
                first + science,
                unicodedata.normalize("NFD", every) + use,
            )
        )
    return tuple(heads)


def _classifications() -> tuple[tuple[str, ...], ...]:
    rows = []
    for c in COMMODITIES:
        hs = f"<ram:ApplicableSPSClassification><ram:SystemName>HS</ram:SystemName><ram:ClassCode>{c.hs_code}</ram:ClassCode><ram:ClassName/></ram:ApplicableSPSClassification>"
        part = f"<ram:ApplicableSPSClassification><ram:SystemName>IPPCPCVP</ram:SystemName>{t('ClassName', c.plant_part, 'en')}</ram:ApplicableSPSClassification>"
        cond = f"<ram:ApplicableSPSClassification><ram:SystemName>IPPCPCC</ram:SystemName>{t('ClassName', c.condition, 'en')}</ram:ApplicableSPSClassification>"
        rows.append(("", hs, hs + part + cond, part + cond))
    return tuple(rows)


def _treatment(index: int) -> tuple[str, str]:
    """(characteristics, duration measure) of a treatment template."""
    treatment = TREATMENTS[index]
    parts = []
    for code, value in (
        ("TTL1", treatment.type_level_1),
        ("TTL2", treatment.type_level_2),
        ("TTCH", treatment.chemical),
    ):
        if value is not None:
            parts.append(
                f"<ram:ApplicableSPSProcessCharacteristic><ram:Description>{code}</ram:Description>{t('Description', value)}</ram:ApplicableSPSProcessCharacteristic>"
            )
    for code, measure in (
        ("TTTM", treatment.temperature),
        ("TTCO", treatment.concentration),
    ):
        if measure is not None:
            parts.append(
                f'<ram:ApplicableSPSProcessCharacteristic><ram:Description>{code}</ram:Description><ram:ValueMeasure unitCode="{measure[1]}">{measure[0]}</ram:ValueMeasure></ram:ApplicableSPSProcessCharacteristic>'
            )
    parts.append(
        f"<ram:ApplicableSPSProcessCharacteristic><ram:Description>TTFT</ram:Description>{t('Description', treatment.full_text, 'en')}</ram:ApplicableSPSProcessCharacteristic>"
    )
    value, unit = treatment.duration
    duration = f'<ram:DurationMeasure unitCode="{unit}">{value}</ram:DurationMeasure>'
    return "".join(parts), duration


@functools.cache
def pools() -> Pools:
    """The pools, built on first use (about a tenth of a second)."""
    parties = tuple(
        _party(LOCALES[i % len(LOCALES)], 1000 + i, "NFD" if i % 5 == 4 else "NFC")
        for i in range(256)
    )
    names = codelists.codelist("countries").codes
    officers = OFFICER_NAMES + tuple(
        " ".join(faker_for(LOCALES[i % len(LOCALES)], 50 + i).name().split())
        for i in range(25)
    )
    locodes = sorted(codelists.locodes())
    signatories = []
    for i in range(64):
        clauses = _clause("1") + (_clause("2") if i % 2 else "")
        locode = locodes[i % len(locodes)] if i % 3 else None
        signatories.append(
            _signatory(
                PLACE_NAMES[i % len(PLACE_NAMES)],
                locode,
                officers[i % len(officers)],
                clauses,
            )
        )
    weights = tuple(
        f'<ram:NetWeightMeasure unitCode="{unit}">{value}</ram:NetWeightMeasure>'
        + (
            f'<ram:GrossWeightMeasure unitCode="{unit}">{float(value) + 5.5:.4f}</ram:GrossWeightMeasure>'
            if i % 2
            else ""
        )
        for i, (unit, value) in enumerate(
            (u, v)
            for u in ("KGM", "TNE", "GRM")
            for v in ("12", "1250.5", "20000.0000", "3.25")
        )
    )
    volumes = tuple(
        f'<ram:NetVolumeMeasure unitCode="{u}">{v}</ram:NetVolumeMeasure>'
        for u in ("MTQ", "LTR")
        for v in ("1.5", "68", "420.0000")
    )
    kinds = sorted(codelists.package_types())
    packages = tuple(
        f"<ram:PhysicalSPSPackage><ram:LevelCode>1</ram:LevelCode><ram:TypeCode>{kinds[i % len(kinds)]}</ram:TypeCode><ram:ItemQuantity>{(i * 37) % 4000 + 1}.0000</ram:ItemQuantity></ram:PhysicalSPSPackage>"
        + (
            f"<ram:PhysicalSPSPackage><ram:LevelCode>2</ram:LevelCode><ram:TypeCode>{kinds[(i * 7) % len(kinds)]}</ram:TypeCode><ram:ItemQuantity>{(i * 113) % 90000 + 1}</ram:ItemQuantity></ram:PhysicalSPSPackage>"
            if i % 3 == 0
            else ""
        )
        for i in range(64)
    )
    modes = ("1", "1", "1", "4", "4", "3", "2", "6", "8", "5")
    movements = tuple(
        "<ram:MainCarriageSPSTransportMovement>"
        + (f"<ram:ID>V{i:03d}{'NSEW'[i % 4]}</ram:ID>" if i % 2 else "")
        + f"<ram:ModeCode>{modes[i % len(modes)]}</ram:ModeCode>"
        + (
            f"<ram:UsedSPSTransportMeans>{t('Name', VESSEL_NAMES[i % len(VESSEL_NAMES)])}</ram:UsedSPSTransportMeans>"
            if i % 3
            else ""
        )
        + "</ram:MainCarriageSPSTransportMovement>"
        for i in range(30)
    )
    attachments = tuple(
        "<ram:ReferenceSPSReferencedDocument><ram:RelationshipTypeCode>ZZZ</ram:RelationshipTypeCode>"
        f'<ram:ID>ATT-{i + 1}</ram:ID><ram:AttachmentBinaryObject mimeCode="{mime}" filename="attachment-{i + 1}.{ext}">'
        f"{base64.b64encode(bytes(range(i * 3, i * 3 + 24 + i * 11))).decode()}</ram:AttachmentBinaryObject>"
        f"{t('Information', label, 'en')}</ram:ReferenceSPSReferencedDocument>"
        for i, (mime, ext, label) in enumerate(ATTACHMENT_KINDS * 2)
    )
    return Pools(
        days=tuple(
            (_FIRST_DAY + timedelta(days=d)).isoformat() for d in range(DAY_COUNT)
        ),
        minutes=tuple(f"{m // 60:02d}:{m % 60:02d}" for m in range(1440)),
        offsets=(
            "+00:00",
            "-03:00",
            "-05:00",
            "+01:00",
            "+02:00",
            "+03:00",
            "+05:30",
            "+08:00",
        ),
        parties=parties,
        issuers={
            c: escape(f"{names[c]} National Plant Protection Organization")
            for c in COUNTRIES
        },
        signatories=tuple(signatories),
        declarations=tuple(t("Content", v, lang) for lang, v in DECLARATIONS),
        line_notes=tuple(
            [""] * 4
            + [
                note("AdditionalInformationSPSNote", "ADTLIL", v, lang)
                for lang, v in DECLARATIONS
            ]
            + [
                note("AdditionalInformationSPSNote", "DMTLIL", v)
                for v in DISTINGUISHING_MARKS
            ]
            + [
                note("AdditionalInformationSPSNote", "OQV", "120")
                + note("AdditionalInformationSPSNote", "OQU", "stems")
            ]
        ),
        replacement_reasons=tuple(
            t("Content", v, lang) for lang, v in REPLACEMENT_REASONS
        ),
        heads=_heads(),
        classifications=_classifications(),
        weights=weights,
        volumes=volumes,
        packages=packages,
        treatments=tuple(_treatment(i) for i in range(len(TREATMENTS))),
        movements=movements,
        attachments=attachments,
        baseports={
            c: next((code for code in locodes if code[:2] == c), "") for c in COUNTRIES
        },
        subdivisions=tuple(
            f"<ram:SubordinateSPSCountrySubDivision>{t('Name', p)}<ram:HierarchicalLevelCode>1</ram:HierarchicalLevelCode></ram:SubordinateSPSCountrySubDivision>"
            for p in PLACE_NAMES
        ),
    )
