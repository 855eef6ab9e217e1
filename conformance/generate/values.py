"""Sampled values for generated certificates: names and texts in several scripts.

Small on purpose (issue 3 widens the catalogue); every entry is plain text with no
control characters, so certificates built from them are valid by construction.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ATTACHMENT_KINDS",
    "COMMODITIES",
    "COMPANY_NAMES",
    "DECLARATIONS",
    "DISTINGUISHING_MARKS",
    "MIXED_SCRIPT_DESCRIPTIONS",
    "OFFICER_NAMES",
    "OTHER_QUANTITY_UNITS",
    "PLACE_NAMES",
    "REPLACEMENT_REASONS",
    "STREET_LINES",
    "TREATMENTS",
    "VESSEL_NAMES",
    "Commodity",
    "Treatment",
]


@dataclass(frozen=True, slots=True)
class Commodity:
    """A commodity line template: texts by language, names, codes and use."""

    descriptions: tuple[tuple[str, str], ...]
    common_names: tuple[tuple[str, str], ...]
    scientific_name: str
    hs_code: str
    plant_part: str
    condition: str
    intended_use: str


@dataclass(frozen=True, slots=True)
class Treatment:
    """A treatment template: level-1 type, chemical, temperature, duration, text."""

    full_text: str
    duration: tuple[str, str]
    temperature: tuple[str, str] | None = None
    type_level_1: str | None = None
    chemical: str | None = None
    concentration: tuple[str, str] | None = None
    type_level_2: str | None = None


COMMODITIES = (
    Commodity(
        (("en", "Fresh table grapes"), ("es", "Uvas de mesa frescas")),
        (("en", "Grape"), ("es", "Uva")),
        "Vitis vinifera",
        "080610",
        "Fruits",
        "Fresh",
        "Consumption",
    ),
    Commodity(
        (("en", "Tulip bulbs"), ("fr", "Bulbes de tulipe")),
        (("en", "Tulip"), ("fr", "Tulipe")),
        "Tulipa gesneriana",
        "060110",
        "Bulbs",
        "Dormant",
        "Planting",
    ),
    Commodity(
        (("en", "Dates"), ("ar", "تمور")),
        (("en", "Date palm"), ("ar", "نخيل التمر")),
        "Phoenix dactylifera",
        "080410",
        "Fruits",
        "Dry",
        "Consumption",
    ),
    Commodity(
        (("en", "Cut roses"), ("es", "Rosas cortadas")),
        (("en", "Rose"), ("es", "Rosa")),
        "Rosa spp.",
        "060311",
        "Cut flowers and branches",
        "Fresh",
        "Decoration",
    ),
    Commodity(
        (("en", "Coffee beans, not roasted"), ("fr", "Café vert en grains")),
        (("en", "Coffee"), ("fr", "Café")),
        "Coffea arabica",
        "090111",
        "Grains",
        "Dry",
        "Processing",
    ),
    Commodity(
        (("en", "Sawn timber"), ("es", "Madera aserrada")),
        (("en", "Radiata pine"), ("es", "Pino insigne")),
        "Pinus radiata",
        "440711",
        "Wood",
        "Kiln dried",
        "Processing",
    ),
    Commodity(
        (("en", "Bananas"), ("es", "Bananos")),
        (("en", "Banana"), ("es", "Banano")),
        "Musa acuminata",
        "080390",
        "Fruits",
        "Fresh",
        "Consumption",
    ),
)

TREATMENTS = (
    Treatment(
        "Methyl bromide fumigation 48 g/m³ for 24 h at 21 °C",
        ("24", "HUR"),
        ("21", "CEL"),
        type_level_1="CHT",
        type_level_2="FUM",
        chemical="238",
        concentration=("48", "A93"),
    ),
    Treatment("Cold treatment at 0.5 °C for 16 days", ("16", "DAY"), ("0.5", "CEL")),
    Treatment("Heat treatment, 56 °C core for 30 min", ("30", "MIN"), ("56", "CEL")),
    Treatment("Hot water immersion at 46.1 °C", ("75", "MIN"), ("115", "FAH")),
)

COMPANY_NAMES = (
    "Frutícola del Valle S.A.",
    "Bloemen Export B.V.",
    "Société Agricole de l'Atlas",
    "Nairobi Flora Ltd",
    "Café Pérez & Hijos Ltda.",
    "شركة التمور الذهبية",
    "Exportadora Andina Ñuble SpA",
    "Åkerlund Trädgård AB",
    "Import Fruits Côte d'Azur SARL",
    "Maple <Leaf> Produce Inc.",
)

OFFICER_NAMES = (
    "María José Núñez",
    "Jan de Vries",
    "Amina Wanjiru",
    "François Lefèvre",
    "محمد العلي",
    "Søren Østergaard",
    "José Ángel Muñoz",
)

PLACE_NAMES = (
    "San Antonio, Valparaíso",
    "Rotterdam",
    "Mombasa",
    "Genève",
    "الدار البيضاء",
    "Guayaquil",
    "Ciudad de México",
)

STREET_LINES = (
    "Camino Real 1200",
    "Avenida Libertador Bernardo O'Higgins 1449",
    "Maasvlakte 10",
    "12 rue de l'Église",
    "شارع الملك فهد 45",
    "Mombasa Road 12",
    "P.O. Box 30148",
)

VESSEL_NAMES = ("MSC Aurora", "Maersk Kensington", "Nordic Star", "LA 1352", "KL 0566")

DECLARATIONS = (
    ("en", "The consignment was inspected and found free of Ceratitis capitata."),
    ("es", "El envío fue inspeccionado y se encontró libre de Lobesia botrana."),
    ("fr", "L'envoi a été inspecté et trouvé exempt de Bemisia tabaci."),
    ("ar", "تم فحص الشحنة ووجدت خالية من الآفات الحجرية."),
    ("en", "Grown in a pest free area for Bactrocera dorsalis."),
)

REPLACEMENT_REASONS = (
    ("en", "Change of consignee"),
    ("es", "Corrección del peso neto"),
    ("fr", "Erreur dans le nom scientifique"),
)

DISTINGUISHING_MARKS = ("Lot 8888", "Lote A-12 / variedad Thompson", "Batch 2024-07")

ATTACHMENT_KINDS = (
    ("application/pdf", "pdf", "Laboratory report"),
    ("image/png", "png", "Photograph of the consignment"),
    ("image/jpeg", "jpg", "Import permit"),
)

MIXED_SCRIPT_DESCRIPTIONS = (
    ("ar", "ثمار طازجة من"),
    ("ar", "بذور للزراعة،"),
    ("zh", "新鲜水果"),
    ("ru", "Свежие плоды"),
    ("fr", "Fruits frais de l'espèce"),
)
"""Native-script descriptions the Latin botanical name is appended to."""

OTHER_QUANTITY_UNITS = ("stems", "bunches", "plants", "trays")
"""Free-text units of the OQU note (other quantity)."""
