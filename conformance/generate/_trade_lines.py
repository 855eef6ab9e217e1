"""Drawing trade lines: commodity texts, measures, notes, packages, treatments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hypothesis import strategies as st

from conformance.certificate import codelists
from conformance.certificate.model import (
    AppliedProcess,
    Classification,
    Country,
    CountrySubdivision,
    Measure,
    Note,
    Package,
    ProcessCharacteristic,
    ProcessPeriod,
    Text,
    TradeLine,
)
from conformance.generate._draw import Draw, before, decimals, stamp, text
from conformance.generate._people import normalised
from conformance.generate.values import (
    COMMODITIES,
    DECLARATIONS,
    DISTINGUISHING_MARKS,
    MIXED_SCRIPT_DESCRIPTIONS,
    OTHER_QUANTITY_UNITS,
    PLACE_NAMES,
    TREATMENTS,
    Commodity,
)

__all__ = ["LineContext", "draw_trade_line"]

_RE_EXPORT_BOOLEANS = ("RPCOR", "RPCTC", "RPCPK", "RPCRP", "RPCOC", "RPCNC", "RPCAI")


@dataclass(frozen=True, slots=True)
class LineContext:
    """What a trade line must agree with: the certificate's type, countries, dates."""

    type_code: str
    export_country: str
    issued: datetime
    original_number: str
    countries: tuple[str, ...]


def draw_trade_line(draw: Draw, context: LineContext, sequence: int) -> TradeLine:
    """A valid trade line numbered ``sequence`` for a certificate like ``context``."""
    commodity = draw(st.sampled_from(COMMODITIES))
    line = TradeLine(
        sequence=sequence,
        descriptions=_by_language(draw, commodity.descriptions),
        origin_countries=_origins(draw, context),
    )
    if draw(st.booleans()):
        line.descriptions.append(_mixed_script(draw, commodity))
    if draw(st.booleans()):
        line.common_names = _by_language(draw, commodity.common_names)
    if draw(st.booleans()):
        line.scientific_names = [Text(commodity.scientific_name)]
    if draw(st.booleans()):
        line.intended_uses = [Text(commodity.intended_use, "en")]
    _measures(draw, line)
    line.notes = _notes(draw, context, line)
    if draw(st.booleans()):
        line.classifications = _classifications(draw, commodity)
    if not any(note.subject == "OPTND" for note in line.notes):
        line.packages = _packages(draw)
    line.processes = [
        _process(draw, context.issued)
        for _ in range(draw(st.integers(min_value=0, max_value=2)))
    ]
    return line


def _by_language(draw: Draw, choices: tuple[tuple[str, str], ...]) -> list[Text]:
    # The English text always comes first; a second language is optional.
    first, *others = choices
    picked = [first] + [other for other in others if draw(st.booleans())]
    return [Text(value, language) for language, value in picked]


def _origins(draw: Draw, context: LineContext) -> list[Country]:
    if context.type_code == "657":
        # Re-exported goods come from somewhere else than the re-exporting country.
        pool = tuple(c for c in context.countries if c != context.export_country)
    else:
        pool = (context.export_country,) * 3 + context.countries
    codes = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True))
    origins = [Country(code) for code in codes]
    if draw(st.booleans()):
        place = draw(st.sampled_from(PLACE_NAMES))
        origins[0].subdivision = CountrySubdivision(Text(place), "1")
    return origins


def _measures(draw: Draw, line: TradeLine) -> None:
    if draw(st.booleans()):
        unit = draw(st.sampled_from(sorted(codelists.units("weight") & _COMMON_WEIGHT)))
        net = decimals(draw)
        line.net_weight = Measure(net, unit)
        if draw(st.booleans()):
            extra = draw(st.integers(min_value=0, max_value=500))
            line.gross_weight = Measure(f"{float(net) + extra:.4f}", unit)
    if draw(st.booleans()):
        unit = draw(st.sampled_from(sorted(codelists.units("volume") & _COMMON_VOLUME)))
        line.net_volume = Measure(decimals(draw, high=5_000), unit)
        if draw(st.booleans()):
            line.gross_volume = Measure(decimals(draw, high=6_000), unit)


_COMMON_WEIGHT = frozenset({"KGM", "TNE", "GRM"})
_COMMON_VOLUME = frozenset({"MTQ", "LTR", "CMQ"})


def _notes(draw: Draw, context: LineContext, line: TradeLine) -> list[Note]:
    notes: list[Note] = []
    if context.type_code == "657":
        notes.append(Note("RPCST", [Text("3")]))
        notes += [Note("RPCCO", [Text(c.id)]) for c in line.origin_countries]
        notes.append(Note("RPCRF", [Text(context.original_number)]))
        booleans = _RE_EXPORT_BOOLEANS + (("RPCPC",) if draw(st.booleans()) else ())
        for subject in booleans:
            notes.append(
                Note(subject, [Text(draw(st.sampled_from(("True", "False"))))])
            )
    if draw(st.booleans()):
        notes.append(Note("ADTLIL", [text(draw, DECLARATIONS)]))
    if draw(st.booleans()):
        notes.append(
            Note("DMTLIL", [Text(draw(st.sampled_from(DISTINGUISHING_MARKS)))])
        )
    if draw(st.booleans()):
        inspected = before(draw, context.issued, max_days=5)
        notes.append(Note("ADDITLIL", [Text(inspected.date().isoformat())]))
    if draw(st.booleans()):
        notes.append(Note("ADIPTLIL", [Text(f"IP-{draw(st.integers(1, 99_999))}")]))
    if draw(st.booleans()):
        notes.append(Note("ADAOTLIL", [text(draw, DECLARATIONS)]))
    if draw(st.booleans()):
        notes.append(Note("OQV", [Text(decimals(draw, high=900))]))
        notes.append(Note("OQU", [Text(draw(st.sampled_from(OTHER_QUANTITY_UNITS)))]))
    if draw(st.integers(min_value=0, max_value=3)) == 0:
        notes.append(Note("OPTND", [Text("Loose in bulk bins", "en")]))
    return notes


def _mixed_script(draw: Draw, commodity: Commodity) -> Text:
    # A native-script text beside the Latin botanical name, as printed in the field.
    language, value = draw(st.sampled_from(MIXED_SCRIPT_DESCRIPTIONS))
    return Text(normalised(draw, f"{value} {commodity.scientific_name}"), language)


def _classifications(draw: Draw, commodity: Commodity) -> list[Classification]:
    chosen = [
        Classification("HS", commodity.hs_code, [Text("")]),
        Classification("IPPCPCVP", None, [Text(commodity.plant_part, "en")]),
        Classification("IPPCPCC", None, [Text(commodity.condition, "en")]),
    ]
    keep = draw(st.lists(st.booleans(), min_size=3, max_size=3))
    return [c for c, k in zip(chosen, keep) if k] or chosen[:1]


def _packages(draw: Draw) -> list[Package]:
    kinds = sorted(codelists.package_types())
    outer = Package("1", draw(st.sampled_from(kinds)), decimals(draw, high=5_000))
    if draw(st.booleans()):
        inner = Package("2", draw(st.sampled_from(kinds)), decimals(draw, high=50_000))
        return [outer, inner]
    return [outer]


def _process(draw: Draw, issued: datetime) -> AppliedProcess:
    treatment = draw(st.sampled_from(TREATMENTS))
    end = before(draw, issued, max_days=20)
    start = before(draw, end, max_days=20)
    period = ProcessPeriod(stamp(start), stamp(end), Measure(*treatment.duration))
    characteristics: list[ProcessCharacteristic] = []
    if treatment.type_level_1 is not None:
        characteristics.append(_coded("TTL1", treatment.type_level_1))
    if treatment.type_level_2 is not None:
        characteristics.append(_coded("TTL2", treatment.type_level_2))
    if treatment.chemical is not None:
        characteristics.append(_coded("TTCH", treatment.chemical))
    if treatment.temperature is not None:
        characteristics.append(
            ProcessCharacteristic([Text("TTTM")], Measure(*treatment.temperature))
        )
    if treatment.concentration is not None:
        characteristics.append(
            ProcessCharacteristic([Text("TTCO")], Measure(*treatment.concentration))
        )
    if draw(st.booleans()):
        characteristics.append(
            _coded("TTAI", "Treated under official supervision", "en")
        )
    characteristics.append(_coded("TTFT", treatment.full_text, "en"))
    return AppliedProcess(
        period=period if draw(st.booleans()) else None,
        characteristics=characteristics,
    )


def _coded(code: str, value: str, language: str | None = None) -> ProcessCharacteristic:
    return ProcessCharacteristic([Text(code), Text(value, language)])
