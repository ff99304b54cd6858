"""The demo's lägesbild of Hisings Backa: the Police's real boundary and class, SCB's RegSO
and their socio-economic types, Brå's counts and the Police's events (all imported before,
by the area and indicator importers), the example incident reports, and an example analysis
with problems linked to the demo promise's commitments. The analysis and problems are made
up and marked as examples (`is_example`)."""

import datetime

from django.db import transaction

from lofte.areas.models import Area
from lofte.indicators.models import Indicator
from lofte.indicators.national import SOCIO_ECONOMIC_AREA_TYPE
from lofte.kommuner.models import Kommun
from lofte.lagesbild.models import Lagesbild, OutcomeMeasure, Problem
from lofte.promises.models import Commitment, Goal

TITLE = "Lägesbild Hisings Backa 2025 (exempel)"
AREA_NAME = "Hisings Backa"
PERIOD = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))

OTHER_INFORMATION = (
    "Exempel: Trygghetsvandringar med boende i Backa Röd under våren och hösten pekade ut "
    "gångtunneln, parkeringen och torget efter mörkrets inbrott. Bostadsbolagen och "
    "bevakningsbolaget rapporterar händelser varje vecka enligt EST-modellen. Skolornas "
    "personal beskriver oro för att unga rekryteras till kriminella nätverk."
)
ANALYSIS = (
    "Exempel på analys, påhittad för demon.\n\n"
    "Polisen klassar Hisings Backa som utsatt område. Området ligger i sin helhet i "
    "Backa Röd och en del av Backa centrala, två RegSO där SCB:s socioekonomiska "
    "områdestyp visar stora utmaningar. De lokala händelserapporterna visar skadegörelse och "
    "klotter kring torget och hållplatsen, med toppar på helgkvällar, och fler bränder kring "
    "nyår och valborg. Brås siffror för stadsområde Hisingen följer Göteborg i stort.\n\n"
    "Vi prioriterar tre problem: rekryteringen av unga till kriminella nätverk, otrygga "
    "offentliga miljöer kring torget och hållplatsen, och skadegörelse och klotter som "
    "gör att området upplevs som övergivet."
)
# (title, description, titles of the demo promise's commitments that address it)
PROBLEMS = [
    (
        "Unga rekryteras till kriminella nätverk",
        "Exempel: skolpersonal och polis ser tidiga tecken hos unga i mellanstadiet.",
        [
            "Polisen finns i skolan för att bygga relationer",
            "Tidiga insatser vid hög skolfrånvaro",
            "Mentorsprogram för unga",
            "Föräldrastöd i grupp",
        ],
    ),
    (
        "Otrygga offentliga miljöer kring torget och hållplatsen",
        "Exempel: många rapporter på kvällstid; boende undviker platserna efter mörkret.",
        [
            "Trygghetsvandringar med boende",
            "Bättre belysning och röjd växtlighet",
            "En trygg handelsplats vid Backa torg",
        ],
    ),
    (
        "Skadegörelse och klotter",
        "Exempel: klotter och skadegörelse är de vanligaste händelserna i rapporterna.",
        ["Snabb sanering av klotter och skadegörelse", "Gemensam lägesbild varje vecka"],
    ),
]
# (goal key in the demo data, indicator slug or None for Brå's total, area kind)
OUTCOMES = [
    ("Få bort Hisings Backa från listan över utsatta områden", SOCIO_ECONOMIC_AREA_TYPE, "regso"),
    ("Minska nyrekryteringen till kriminella nätverk", None, "stadsomrade"),
]


class NoArea(LookupError):
    """The Police's Hisings Backa is not imported: load the demo's boundaries first."""


def _bra_total():
    return (
        Indicator.objects.filter(slug__startswith="bra-", theme=Indicator.Theme.CRIME)
        .filter(name__icontains="totalt")
        .first()
        or Indicator.objects.filter(slug__startswith="bra-").order_by("slug").first()
    )


@transaction.atomic
def load_example_lagesbild(kommun_code="1480"):
    """Create (or make again) the example lägesbild of Hisings Backa; return it."""
    kommun = Kommun.objects.get(code=kommun_code)
    area = Area.objects.filter(
        kind=Area.Kind.VULNERABLE_AREA, name=AREA_NAME, kommun=kommun
    ).first()
    if area is None:
        raise NoArea("Hisings Backa has no boundary from the Police: run lofte load_demo.")
    Lagesbild.objects.filter(kommun=kommun, title=TITLE, is_example=True).delete()
    lagesbild = Lagesbild.objects.create(
        kommun=kommun,
        area=area,
        title=TITLE,
        period_start=PERIOD[0],
        period_end=PERIOD[1],
        status=Lagesbild.Status.PUBLISHED,
        other_information=OTHER_INFORMATION,
        analysis=ANALYSIS,
        is_example=True,
        published_at=datetime.datetime(2026, 2, 1, 9, 0, tzinfo=datetime.UTC),
    )
    commitments = Commitment.objects.filter(focus_area__promise__kommun=kommun)
    for order, (title, description, linked) in enumerate(PROBLEMS, start=1):
        problem = Problem.objects.create(
            lagesbild=lagesbild, order=order, title=title, description=description
        )
        problem.commitments.set(commitments.filter(title__in=linked))
    for goal_title, slug, kind in OUTCOMES:
        goal = Goal.objects.filter(promise__kommun=kommun, title=goal_title).first()
        indicator = Indicator.objects.filter(slug=slug).first() if slug else _bra_total()
        if goal is None or indicator is None:
            continue
        if kind == "regso":
            measured = Area.objects.filter(kind=kind, name="Backa Röd", kommun=kommun).first()
        else:
            measured = Area.objects.filter(kind=kind, name__icontains="Hisingen").first()
        if measured is not None:
            OutcomeMeasure.objects.get_or_create(goal=goal, indicator=indicator, area=measured)
    return lagesbild
