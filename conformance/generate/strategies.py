"""Hypothesis strategies for certificates that are valid by construction.

Valid means: the profile schema accepts the XML, every code is on its code list,
and the business rules hold (657 lines carry the RPC* notes and the original
certificate is referenced as AWR; 851 carries none; treatments and inspections
happen before issue; a line has coded packages or an OPTND note, not both).
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from conformance.certificate import codelists
from conformance.certificate.model import (
    Address,
    Certificate,
    Consignment,
    ConsignmentItem,
    Country,
    ExchangedDocument,
    Location,
    Party,
    PartyIdentifier,
    Text,
    TransportEquipment,
    TransportMovement,
)
from conformance.errors import UsageError
from conformance.generate._document import (
    document_notes,
    referenced_documents,
    signatory,
)
from conformance.generate._draw import Draw, issue_moments, stamp
from conformance.generate._people import party as faker_party
from conformance.generate._trade_lines import LineContext, draw_trade_line
from conformance.generate.values import (
    COMPANY_NAMES,
    PLACE_NAMES,
    STREET_LINES,
    VESSEL_NAMES,
)

__all__ = ["certificates", "check_country"]

_NPPO_SUFFIX = "National Plant Protection Organization"


def check_country(value: str | None, role: str) -> str | None:
    """``value`` if it is ``None`` or an ISO 3166-1 alpha-2 code, else UsageError."""
    if value is not None and value not in codelists.countries():
        raise UsageError(
            f"{role} {value!r} is not an ISO 3166-1 alpha-2 country code of the "
            f"code list (version {codelists.codelist_version('countries')}); pass an "
            "upper-case code such as 'NL'"
        )
    return value


def _check_codes(
    values: Sequence[int], allowed: frozenset[str], role: str
) -> tuple[str, ...]:
    codes = tuple(str(value) for value in values)
    bad = [code for code in codes if code not in allowed]
    if not codes or bad:
        raise UsageError(
            f"{role} must be a non-empty sequence drawn from {sorted(allowed)}, "
            f"got {tuple(values)!r}; drop the unknown values {bad!r}"
        )
    return codes


def certificates(
    *,
    type_codes: Sequence[int] = (851, 657),
    exporter: str | None = None,
    importer: str | None = None,
    status_codes: Sequence[int] = (70,),
) -> st.SearchStrategy[Certificate]:
    """Certificates valid against the profile schema, code lists and business rules.

    ``exporter`` and ``importer`` pin the export and import countries (hub
    connection codes); unpinned, the importer differs from the exporter.

    >>> from hypothesis import given
    >>> @given(certificates(type_codes=(851,), exporter="NL"))
    ... def test_export_country(certificate):
    ...     assert certificate.consignment.export_country == "NL"

    Raises :class:`UsageError` at call time for an unknown type or status code or
    a country code not on the ISO 3166-1 list.
    """
    types = _check_codes(type_codes, codelists.document_types(), "type_codes")
    statuses = _check_codes(status_codes, codelists.status_codes(), "status_codes")
    check_country(exporter, "exporter")
    check_country(importer, "importer")
    return _certificate(types, statuses, exporter, importer)


@st.composite
def _certificate(
    draw: Draw,
    types: tuple[str, ...],
    statuses: tuple[str, ...],
    exporter: str | None,
    importer: str | None,
) -> Certificate:
    all_countries = tuple(sorted(codelists.countries()))
    export = exporter or draw(st.sampled_from(all_countries))
    imported = importer or draw(
        st.sampled_from(tuple(c for c in all_countries if c != export))
    )
    type_code = draw(st.sampled_from(types))
    issued = draw(issue_moments())
    number = f"{export}-{issued.year}-{draw(st.integers(1, 999_999)):06d}"
    original_number = f"OR-{draw(st.integers(1, 999_999)):06d}"

    context = LineContext(
        type_code, export, issued, original_number, tuple(draw(_countries()))
    )
    items: list[ConsignmentItem] = []
    sequence = 1
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        lines = []
        for _ in range(draw(st.integers(min_value=1, max_value=4))):
            lines.append(draw_trade_line(draw, context, sequence))
            sequence += 1
        items.append(ConsignmentItem(lines))

    document = ExchangedDocument(
        id=number,
        type_code=type_code,
        status_code=draw(st.sampled_from(statuses)),
        issue_date_time=stamp(issued),
        issuer_name=f"{codelists.codelist('countries').codes[export]} {_NPPO_SUFFIX}",
        signatory=signatory(draw, type_code, export, issued),
        notes=document_notes(draw, issued),
        referenced_documents=referenced_documents(
            draw, type_code, issued, original_number
        ),
    )
    consignment = Consignment(
        consignor=_party(draw),
        consignee=_party(draw),
        export_country=export,
        import_country=imported,
        items=items,
        transit_countries=[
            Country(code)
            for code in draw(_countries(max_size=2))
            if code not in (export, imported)
        ],
        unloading_baseport=_baseport(draw, imported),
        transport_movements=draw(st.lists(_movements(), max_size=2)),
        equipment=draw(st.lists(_equipment(), max_size=2)),
    )
    return Certificate(document, consignment)


def _countries(max_size: int = 3) -> st.SearchStrategy[list[str]]:
    # Sampled from a short list so 657 origins (which exclude the exporter) exist.
    pool = ("AR", "BR", "CL", "CO", "EC", "ES", "KE", "MA", "NL", "US", "ZA")
    return st.lists(st.sampled_from(pool), min_size=2, max_size=max_size, unique=True)


def _party(draw: Draw) -> Party:
    if draw(st.booleans()):
        party = Party(draw(st.sampled_from(COMPANY_NAMES)))
        if draw(st.booleans()):
            lines = draw(
                st.lists(st.sampled_from(STREET_LINES), min_size=1, max_size=3)
            )
            party.address = Address(lines)
    else:
        party = faker_party(draw)
    if draw(st.booleans()):
        number = f"{draw(st.integers(1_000_000, 99_999_999))}"
        party.identifiers = [PartyIdentifier(number, "NationalRegistrationNumber")]
    return party


def _baseport(draw: Draw, imported: str) -> Location | None:
    if not draw(st.booleans()):
        return None
    locodes = sorted(code for code in codelists.locodes() if code[:2] == imported)
    locode = draw(st.sampled_from(locodes)) if locodes else None
    return Location(draw(st.sampled_from(PLACE_NAMES)), locode)


@st.composite
def _movements(draw: Draw) -> TransportMovement:
    mode = draw(st.sampled_from(("1", "2", "3", "4", "5", "6", "8")))
    voyage = draw(st.none() | st.sampled_from(("V-231S", "LA1352", "045W")))
    vessel = draw(st.none() | st.sampled_from(VESSEL_NAMES))
    return TransportMovement(mode, voyage, None if vessel is None else Text(vessel))


@st.composite
def _equipment(draw: Draw) -> TransportEquipment:
    owner = draw(st.sampled_from(("MSCU", "MAEU", "CMAU", "HLXU")))
    number = f"{owner}{draw(st.integers(1_000_000, 9_999_999))}"
    seals = draw(st.lists(st.integers(1, 999_999), max_size=3, unique=True))
    return TransportEquipment(number, [f"SL{seal:06d}" for seal in seals])
