"""National indicator definitions Löfte starts with, loaded by a migration.

Importers make the definitions of Brå's crime categories and the Police's event types
themselves; these are the ones a file does not describe (a PxWeb export names no measure)."""

SOCIO_ECONOMIC_AREA_TYPE = "scb-socioekonomisk-omradestyp"
POPULATION = "scb-folkmangd"

NATIONAL = [
    {
        "slug": SOCIO_ECONOMIC_AREA_TYPE,
        "name": "Socioekonomisk områdestyp",
        "unit": "typ 1–5",
        "theme": "socio_economic",
        "direction": "higher",
        "source": "SCB och Delegationen mot segregation (Delmos)",
        "source_url": "https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__HE__HE0110__HE0110I/",
        "licence": "CC0",
        "description": (
            "SCB:s klassificering av varje regionalt statistikområde (RegSO) efter ett "
            "socioekonomiskt index: 1 = stora socioekonomiska utmaningar, 2 = "
            "socioekonomiska utmaningar, 3 = socioekonomiskt blandade områden, 4 = goda och "
            "5 = mycket goda socioekonomiska förutsättningar."
        ),
        "method": (
            "Indexet bygger på andelen invånare med låg ekonomisk standard, med "
            "förgymnasial utbildning och som inte arbetar eller studerar. Områdestypen ges "
            "av hur många standardavvikelser från indexets medelvärde området ligger."
        ),
    },
    {
        "slug": POPULATION,
        "name": "Folkmängd",
        "unit": "invånare",
        "theme": "population",
        "direction": "neutral",
        "source": "SCB, befolkningsstatistik",
        "source_url": "https://www.statistikdatabasen.scb.se/pxweb/sv/ssd/START__BE__BE0101__BE0101A/",
        "licence": "CC0",
        "description": "Antal folkbokförda invånare den 31 december.",
        "method": "",
    },
]


def national(slug):
    """Return the national definition with this slug, as the migration loads it."""
    return next(spec for spec in NATIONAL if spec["slug"] == slug)
