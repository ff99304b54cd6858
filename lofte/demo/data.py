"""The Hisings Backa demo data set, as plain data; lofte/demo/load.py turns it into rows.

What is real and what is made up:
- Real, from the Police's press release "Medborgarlöftet: 27 aktörer för ett tryggt Hisings
  Backa" and the Police's page: the goals, the four focus areas, the period, the kinds of
  promise (police in school, training in early signs, role models, internships and summer
  jobs, free try-outs, mentoring, parent support), the launch at Poseidonvarvet on
  20 April 2024, and the names and roles of Daniel Norlander and Håkan Bredinge.
- Made up: every actor that is not the Police or a Göteborgs Stad administration (their
  is_example is True, so pages mark them as fictional), each commitment's details, every
  figure, every phone number and e-mail address (placeholders under example.se), and the
  events other than the launch.
The Backa Röd promise of 2019 keeps the actors and aims named in docs/domain.md; its
commitments are short summaries of those aims, without invented figures.

Two kommuner, so that their separation shows: Hisings Backa and Backa Röd are Göteborg's
(1480), with its kommun coordinator, analyst and local reporter; Malmö (1280) has a small
made-up example promise (it says so in its title and text, and its actors are fictional) and
its own kommun coordinator, who sees nothing of Göteborg's unpublished follow-up.

Kinds and statuses are the models' choice values as plain strings, so that this module
imports without Django being set up; load.py checks each one against the model's choices.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from lofte.demo import followup_data

STOCKHOLM = ZoneInfo("Europe/Stockholm")

MAIN_PROMISE = "hisings-backa"

GOTEBORG = "1480"
MALMO = "1280"

# Shared by both promises' periods: a commitment runs for the whole Hisings Backa period
# unless it says otherwise.
START = date(2024, 2, 27)
END = date(2025, 12, 31)

FICTIONAL = "Fiktiv exempelorganisation i demodata, inte en verklig aktör."

# An actor works in Göteborg unless it says otherwise: None for a national or regional actor
# (the Police, Kriminalvården, Västtrafik), MALMO for the example promise's actors.
ACTORS = [
    # Real: the release names the Police and "Göteborgs Stads förvaltningar".
    {
        "slug": "polisen-lokalpolisomrade-hisingen",
        "name": "Polisen, lokalpolisområde Hisingen",
        "kind": "police",
        "website": "https://polisen.se/",
        "description": "Lokalpolisområde Hisingen i polisområde Storgöteborg. Står bakom "
        "medborgarlöftet tillsammans med Göteborgs Stad.",
        "kommun": None,
    },
    {
        "slug": "grundskoleforvaltningen",
        "name": "Grundskoleförvaltningen",
        "kind": "municipal",
        "website": "https://goteborg.se/",
        "description": "Göteborgs Stads förvaltning för de kommunala grundskolorna.",
    },
    {
        "slug": "socialforvaltningen-hisingen",
        "name": "Socialförvaltningen Hisingen",
        "kind": "municipal",
        "website": "https://goteborg.se/",
        "description": "Göteborgs Stads socialförvaltning för Hisingen: socialtjänst, "
        "föräldrastöd och det lokala brottsförebyggande arbetet.",
    },
    {
        "slug": "kulturforvaltningen",
        "name": "Kulturförvaltningen",
        "kind": "municipal",
        "website": "https://goteborg.se/",
        "description": "Göteborgs Stads förvaltning för bibliotek och kultur.",
    },
    {
        "slug": "idrotts-och-foreningsforvaltningen",
        "name": "Idrotts- och föreningsförvaltningen",
        "kind": "municipal",
        "website": "https://goteborg.se/",
        "description": "Göteborgs Stads förvaltning för idrottsanläggningar, "
        "föreningsstöd och fritidsverksamhet.",
    },
    {
        "slug": "stadsmiljoforvaltningen",
        "name": "Stadsmiljöförvaltningen",
        "kind": "municipal",
        "website": "https://goteborg.se/",
        "description": "Göteborgs Stads förvaltning för gator, parker och belysning.",
    },
    {
        "slug": "arbetsmarknads-och-vuxenutbildningsforvaltningen",
        "name": "Arbetsmarknads- och vuxenutbildningsförvaltningen",
        "kind": "municipal",
        "website": "https://goteborg.se/",
        "description": "Göteborgs Stads förvaltning för arbetsmarknadsinsatser, "
        "sommarjobb för unga och vuxenutbildning.",
    },
    # Fictional: the release names only kinds of actors (housing companies, sports clubs,
    # non-profits, businesses), so no real organisation is given a promise it never made.
    {
        "slug": "backa-bostader-exempel",
        "is_example": True,
        "name": "Backa Bostäder",
        "kind": "housing",
        "description": f"{FICTIONAL} Ett bostadsbolag med hyresrätter i Backa Röd.",
    },
    {
        "slug": "varvsgardens-fastigheter-exempel",
        "is_example": True,
        "name": "Varvsgårdens Fastigheter",
        "kind": "housing",
        "description": f"{FICTIONAL} En fastighetsägare med bostäder och lokaler i Backa centrala.",
    },
    {
        "slug": "hisingsgardar-bostad-exempel",
        "is_example": True,
        "name": "Hisingsgårdar Bostad",
        "kind": "housing",
        "description": f"{FICTIONAL} Ett bostadsbolag med radhus och flerbostadshus i norra Backa.",
    },
    {
        "slug": "if-backa-stjarna-exempel",
        "is_example": True,
        "name": "IF Backa Stjärna",
        "kind": "sports",
        "description": f"{FICTIONAL} En fotbollsförening med ungdomslag för flickor och pojkar.",
    },
    {
        "slug": "backa-basket-ungdom-exempel",
        "is_example": True,
        "name": "Backa Basket Ungdom",
        "kind": "sports",
        "description": f"{FICTIONAL} En basketförening för barn och unga.",
    },
    {
        "slug": "hisingsbrottarna-exempel",
        "is_example": True,
        "name": "Hisingsbrottarna",
        "kind": "sports",
        "description": f"{FICTIONAL} En brottnings- och kampsportsklubb.",
    },
    {
        "slug": "dansforeningen-takt-exempel",
        "is_example": True,
        "name": "Dansföreningen Takt",
        "kind": "sports",
        "description": f"{FICTIONAL} En dansförening med grupper från sju års ålder.",
    },
    {
        "slug": "foraldranatverket-i-backa-exempel",
        "is_example": True,
        "name": "Föräldranätverket i Backa",
        "kind": "nonprofit",
        "description": f"{FICTIONAL} Föräldrar som ordnar föräldravandringar och träffar.",
    },
    {
        "slug": "mentorskap-vast-exempel",
        "is_example": True,
        "name": "Mentorskap Väst",
        "kind": "nonprofit",
        "description": f"{FICTIONAL} En ideell organisation som matchar unga med vuxna mentorer.",
    },
    {
        "slug": "laxhjalpen-backa-exempel",
        "is_example": True,
        "name": "Läxhjälpen Backa",
        "kind": "nonprofit",
        "description": f"{FICTIONAL} Volontärer som ger läxhjälp efter skoltid.",
    },
    {
        "slug": "kvinnoforeningen-gemenskap-exempel",
        "is_example": True,
        "name": "Kvinnoföreningen Gemenskap",
        "kind": "nonprofit",
        "description": f"{FICTIONAL} En förening för kvinnor och mammor i Hisings Backa.",
    },
    {
        "slug": "ungdomsradet-backa-exempel",
        "is_example": True,
        "name": "Ungdomsrådet Backa",
        "kind": "nonprofit",
        "description": f"{FICTIONAL} Unga som för fram ungas röster i området.",
    },
    {
        "slug": "backa-byggservice-exempel",
        "is_example": True,
        "name": "Backa Byggservice AB",
        "kind": "business",
        "description": f"{FICTIONAL} Ett byggföretag med ett trettiotal anställda.",
    },
    {
        "slug": "hisings-verkstadsteknik-exempel",
        "is_example": True,
        "name": "Hisings Verkstadsteknik AB",
        "kind": "business",
        "description": f"{FICTIONAL} Ett verkstadsföretag i industriområdet.",
    },
    {
        "slug": "nordhamn-logistik-exempel",
        "is_example": True,
        "name": "Nordhamn Logistik AB",
        "kind": "business",
        "description": f"{FICTIONAL} Ett lager- och logistikföretag.",
    },
    {
        "slug": "koepmannaforeningen-backa-torg-exempel",
        "is_example": True,
        "name": "Köpmannaföreningen Backa torg",
        "kind": "business",
        "description": f"{FICTIONAL} Butikerna och caféerna runt torget.",
    },
    {
        "slug": "trygg-vast-bevakning-exempel",
        "is_example": True,
        "name": "Trygg Väst Bevakning AB",
        "kind": "business",
        "description": f"{FICTIONAL} Ett bevakningsföretag med ordningsvakter och väktare.",
    },
    {
        "slug": "backa-friskola-exempel",
        "is_example": True,
        "name": "Backa Friskola",
        "kind": "school",
        "description": f"{FICTIONAL} En fristående grundskola för årskurs F–9.",
    },
    {
        "slug": "hisings-teknikgymnasium-exempel",
        "is_example": True,
        "name": "Hisings Teknikgymnasium",
        "kind": "school",
        "description": f"{FICTIONAL} En gymnasieskola med tekniska och industriella program.",
    },
    {
        "slug": "trossamfundens-rad-i-backa-exempel",
        "is_example": True,
        "name": "Trossamfundens råd i Backa",
        "kind": "faith",
        "description": f"{FICTIONAL} Ett samarbete mellan församlingar och föreningar "
        "för olika trosinriktningar.",
    },
    # Real, only in the Backa Röd promise of 2019 (named in docs/domain.md).
    {
        "slug": "sdf-norra-hisingen",
        "name": "Stadsdelsförvaltningen Norra Hisingen",
        "kind": "municipal",
        "description": "Göteborgs Stads stadsdelsförvaltning för Norra Hisingen, fram till "
        "2021 då stadsdelsförvaltningarna ersattes av stadsövergripande förvaltningar.",
    },
    {
        "slug": "goteborgslokaler",
        "name": "Göteborgslokaler",
        "kind": "municipal",
        "description": "Göteborgs Stads bolag för lokaler, bland annat på torgen.",
    },
    {
        "slug": "kriminalvarden",
        "name": "Kriminalvården",
        "kind": "other",
        "website": "https://www.kriminalvarden.se/",
        "description": "Statlig myndighet för anstalter, häkten och frivård.",
        "kommun": None,
    },
    {
        "slug": "trafikkontoret",
        "name": "Trafikkontoret",
        "kind": "municipal",
        "description": "Göteborgs Stads förvaltning för gator och trafik, i dag en del av "
        "Stadsmiljöförvaltningen.",
    },
    {
        "slug": "park-och-naturforvaltningen",
        "name": "Park- och naturförvaltningen",
        "kind": "municipal",
        "description": "Göteborgs Stads förvaltning för parker och natur, i dag en del av "
        "Stadsmiljöförvaltningen.",
    },
    {
        "slug": "fastighetskontoret",
        "name": "Fastighetskontoret",
        "kind": "municipal",
        "website": "https://goteborg.se/",
        "description": "Göteborgs Stads förvaltning för stadens mark och fastigheter.",
    },
    {
        "slug": "framtidskoncernen",
        "name": "Framtidskoncernen",
        "kind": "housing",
        "website": "https://www.framtiden.se/",
        "description": "Göteborgs Stads bostadskoncern, Förvaltnings AB Framtiden.",
    },
    {
        "slug": "vasttrafik",
        "name": "Västtrafik",
        "kind": "other",
        "website": "https://www.vasttrafik.se/",
        "description": "Kollektivtrafiken i Västra Götaland.",
        "kommun": None,
    },
    # Malmö's example promise: every actor made up.
    {
        "slug": "tryggare-grannar-malmo-exempel",
        "is_example": True,
        "name": "Föreningen Tryggare grannar (exempel)",
        "kind": "nonprofit",
        "description": FICTIONAL,
        "kommun": MALMO,
    },
    {
        "slug": "sodra-hem-exempel",
        "is_example": True,
        "name": "Södra Hem (exempel)",
        "kind": "housing",
        "description": FICTIONAL,
        "kommun": MALMO,
    },
]

AREAS = [
    {
        "key": "backa",
        "name": "Hisings Backa",
        "kind": "mellanomrade",
        "code": "71",
        "kommun": "1480",
        "description": "Medborgarlöftet gäller Göteborgs Stads mellanområde 71 Backa på "
        "Hisingen (cirka 18,5 km²), med bland annat Backa Röd, Backa centrala och Backa "
        "östra. Polisens egen avgränsning av det utsatta området Hisings Backa är betydligt "
        "mindre (cirka 1,8 km²): den omfattar Backa Röd och en del av Backa centrala, men "
        "inte Backa östra.",
    },
    {
        "key": "backa-rod",
        "name": "Backa Röd",
        "kind": "regso",
        "code": "1480R006",
        "kommun": "1480",
        "description": "Bostadsområdet Backa Röd på Hisingen, som medborgarlöftet 2019 "
        "gällde. Koden är SCB:s regionala statistikområde (RegSO) Backa Röd, som ligger "
        "helt inom Polisens avgränsning av det utsatta området Hisings Backa.",
    },
    {
        "key": "malmo",
        "name": "Malmö",
        "kind": "kommun",
        "code": MALMO,
        "kommun": MALMO,
        "description": "Hela Malmö kommun. Området för demodatans påhittade exempellöfte.",
    },
]

# Boundaries from real files in lofte/demo/data/ (see its README), imported in this order
# after the areas above, so Hisings Backa (mellanområde 71) and Backa Röd (RegSO 1480R006)
# get theirs, and the Police's areas find their municipality by overlap.
BOUNDARIES = [
    {
        "file": "mellanomrade_71_backa_extract.geojson",
        "kind": "mellanomrade",
        "name_field": "namn",
        "code_field": "nr",
        "kommun": "1480",
        "valid_from": date(2025, 1, 1),
    },
    {
        "file": "stadsomrade_2021.geojson",
        "kind": "stadsomrade",
        "name_field": "wfs_namn",
        "code_field": "wfs_nr",
        "kommun": "1480",
        "valid_from": date(2021, 1, 1),
    },
    {
        "file": "regso2025_goteborg_1480.geojson",
        "kind": "regso",
        "name_field": "name",
        "code_field": "code",
        "kommun": "1480",
        "valid_from": date(2025, 1, 1),
    },
]
VULNERABLE_AREAS = {"file": "uso_2025.geojson", "year": 2025}

BACKA_ROD_2019 = {
    "slug": "backa-rod-2019",
    "title": "Medborgarlöfte för Backa Röd 2019",
    "kommun": GOTEBORG,
    "area": "backa-rod",
    "status": "archived",
    "period_start": date(2019, 6, 1),
    "period_end": date(2020, 12, 31),
    "previous": None,
    "summary": "Stadsdelsförvaltningen Norra Hisingen, lokalpolisområde Hisingen och flera "
    "andra aktörer lovade i juni 2019 att arbeta tillsammans för ett tryggare Backa Röd: "
    "tidiga insatser i skolan, samverkan med föreningar, fler dialoger med boende och "
    "trygga miljöer för unga.",
    "background": "Löftet hade samma inriktning som dagens: att förebygga brott och "
    "skapa trygghet för barn och unga. Det följdes 2024 av medborgarlöftet för Hisings Backa, som "
    "gäller ett större område och fler aktörer.\n\n"
    "Om demodata: aktörerna och inriktningen kommer från 2019 års löfte; åtagandena och "
    "hur aktörerna fördelas på dem är förenklade exempel.",
    "goals": [
        {
            "key": "trygghet",
            "title": "Ett tryggare Backa Röd där färre unga dras in i kriminalitet",
            "description": "",
        },
    ],
    "focus_areas": [
        {"slug": "skola", "name": "Skola", "why": "Tidiga insatser i skolan når alla barn."},
        {
            "slug": "foreningar",
            "name": "Föreningar",
            "why": "Föreningslivet ger unga gemenskap och vuxna förebilder.",
        },
        {
            "slug": "dialog",
            "name": "Dialog",
            "why": "Boendes bild av området ska styra vad vi gör.",
        },
        {
            "slug": "trygga-miljoer",
            "name": "Trygga miljöer",
            "why": "Unga ska kunna röra sig tryggt i området, även på kvällen.",
        },
    ],
    "commitments": [
        {
            "focus": "skola",
            "title": "Tidiga insatser i skolan",
            "description": "Skola, socialtjänst och polis samarbetar kring elever som "
            "behöver stöd, så tidigt som möjligt.",
            "actors": [
                "sdf-norra-hisingen",
                "grundskoleforvaltningen",
                "polisen-lokalpolisomrade-hisingen",
            ],
            "target_group": "elever i Backa Röd",
            "factor_kind": "protective",
            "factor": "en lyckad skolgång",
            "status": "done",
            "goals": ["trygghet"],
            "measures": [],
        },
        {
            "focus": "foreningar",
            "title": "Samverkan med föreningar",
            "description": "Föreningar får tillgång till lokaler och stöd för att ordna "
            "aktiviteter för barn och unga i Backa Röd.",
            "actors": ["sdf-norra-hisingen", "goteborgslokaler", "fastighetskontoret"],
            "target_group": "barn och unga i Backa Röd",
            "factor_kind": "protective",
            "factor": "en meningsfull fritid",
            "status": "done",
            "goals": ["trygghet"],
            "measures": [],
        },
        {
            "focus": "dialog",
            "title": "Fler dialoger med boende",
            "description": "Polis, stadsdelsförvaltning och bostadsbolag möter boende "
            "regelbundet för att höra vad som gör området otryggt.",
            "actors": [
                "polisen-lokalpolisomrade-hisingen",
                "sdf-norra-hisingen",
                "framtidskoncernen",
                "kriminalvarden",
            ],
            "target_group": "boende i Backa Röd",
            "factor_kind": "",
            "factor": "",
            "status": "done",
            "goals": ["trygghet"],
            "measures": [],
        },
        {
            "focus": "trygga-miljoer",
            "title": "Trygga miljöer för unga",
            "description": "Belysning, gångvägar, parker och hållplatser ses över där unga "
            "rör sig.",
            "actors": ["trafikkontoret", "park-och-naturforvaltningen", "vasttrafik"],
            "target_group": "unga i Backa Röd",
            "factor_kind": "risk",
            "factor": "otrygga och dåligt upplysta platser",
            "status": "done",
            "goals": ["trygghet"],
            "measures": [],
        },
    ],
}


def _measure(name, unit, baseline, target, higher_is_better=True):
    return {
        "name": name,
        "unit": unit,
        "baseline": baseline,
        "target": target,
        "higher_is_better": higher_is_better,
    }


HISINGS_BACKA = {
    "slug": MAIN_PROMISE,
    "title": "Medborgarlöfte för Hisings Backa",
    "kommun": GOTEBORG,
    "area": "backa",
    "status": "published",
    "period_start": START,
    "period_end": END,
    "previous": "backa-rod-2019",
    "summary": "Minska nyrekryteringen till kriminella nätverk och få bort Hisings Backa "
    "från listan över utsatta områden. Bakom medborgarlöftet står 27 aktörer: polisen, "
    "Göteborgs Stads förvaltningar, bostadsbolag, idrottsföreningar, ideella organisationer "
    "och näringsliv. Alla har lovat konkreta insatser inom skola, fritid, lokalområde och "
    "familj.",
    "background": "Hisings Backa klassas av polisen som ett utsatt område. Bedömningen "
    "grundar sig i den lokala problembilden, där bland annat socioekonomiska faktorer och "
    "den lokala brottslighetens påverkan på området vägs in.\n\n"
    "Många barn växer i dag upp i otrygghet och utanförskap. Polisen kan göra mycket men "
    "inte allt, och därför behöver fler aktörer gå samman med gemensamma, förebyggande "
    "insatser. Arbetet måste börja tidigt: genom att minska riskfaktorer och stärka "
    "skyddsfaktorer skapar vi bättre förutsättningar för barn och unga och visar att det "
    "finns andra alternativ än den kriminella banan.\n\n"
    "Löftet gäller Göteborgs Stads mellanområde 71 Backa. Polisens avgränsning av det "
    "utsatta området är mindre och omfattar Backa Röd och en del av Backa centrala. "
    "Löftet bygger vidare på medborgarlöftet för Backa Röd från 2019.\n\n"
    "Om demodata: löftets mål, fokusområden och inriktning kommer från polisens "
    "pressmeddelande. Aktörer som inte är polisen eller Göteborgs Stad är påhittade "
    "exempel, liksom åtagandenas detaljer och alla siffror.",
    "goals": [
        {
            "key": "rekrytering",
            "title": "Minska nyrekryteringen till kriminella nätverk",
            "description": "Färre barn och unga i Hisings Backa ska dras in i kriminalitet. "
            "Vi minskar riskfaktorer och stärker skyddsfaktorer som en trygg uppväxt, en "
            "meningsfull fritid och en lyckad skolgång.",
        },
        {
            "key": "utsatt-omrade",
            "title": "Få bort Hisings Backa från listan över utsatta områden",
            "description": "Polisens bedömning väger in bland annat socioekonomiska "
            "faktorer och den lokala brottslighetens påverkan på området. Målet är "
            "långsiktigt och nås bara med gemensam kraft.",
        },
    ],
    # In this order on every page: the order the release names them.
    "focus_areas": [
        {
            "slug": "skola",
            "name": "Skola",
            "why": "En lyckad skolgång är en av de viktigaste skyddsfaktorerna. Elever som "
            "klarar skolan, känner sig trygga där och har vuxna som bryr sig får bättre "
            "förutsättningar att välja en annan väg än den kriminella banan. I skolan når vi "
            "nästan alla barn, och där kan tidiga tecken på att något är fel upptäckas.",
        },
        {
            "slug": "fritid",
            "name": "Fritid",
            "why": "En meningsfull fritid ger barn och unga gemenskap, vuxna förebilder och "
            "något att se fram emot. Den som har en plats i en förening eller en "
            "fritidsverksamhet är svårare att locka in i kriminella sammanhang. Därför ska "
            "det vara enkelt och gratis att prova på, och kostnaden får inte stå i vägen.",
        },
        {
            "slug": "lokalomrade",
            "name": "Lokalområde",
            "why": "Ett område där boende känner varandra, där platser är upplysta och "
            "välskötta och där vuxna finns ute ger kriminella mindre utrymme att påverka "
            "vardagen. När boende, fastighetsägare, kommun och polis delar bilden av vad "
            "som händer på olika platser kan vi agera snabbt.",
        },
        {
            "slug": "familj",
            "name": "Familj",
            "why": "En trygg uppväxt börjar hemma. Föräldrar är barnens viktigaste skydd, "
            "men många behöver stöd, information och ett nätverk av andra vuxna. Vi vill nå "
            "föräldrar tidigt, på deras språk, och göra det lätt att be om hjälp när man "
            "oroar sig för sitt barn.",
        },
    ],
    "commitments": [
        # Skola
        {
            "focus": "skola",
            "title": "Polisen finns i skolan för att bygga relationer",
            "description": "Kommunpolisen och områdespoliser besöker skolorna i Hisings "
            "Backa varje vecka: äter lunch med eleverna, är ute på raster och kommer till "
            "föräldramöten. Syftet är att bygga förtroende, inte att utreda brott.",
            "actors": ["polisen-lokalpolisomrade-hisingen", "grundskoleforvaltningen"],
            "target_group": "elever i årskurs 4–9",
            "factor_kind": "protective",
            "factor": "tillit till vuxna och samhället",
            "starts_on": date(2024, 3, 1),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["rekrytering"],
            "measures": [_measure("Polisens besök i skolorna", "besök per termin", 4, 20)],
        },
        {
            "focus": "skola",
            "title": "Utbildning i tidiga tecken på kriminalitet",
            "description": "Polisen och socialtjänsten utbildar dem som möter unga varje "
            "dag i att se tidiga tecken på att ett barn dras mot kriminella miljöer, och i "
            "vart de vänder sig med sin oro.",
            "actors": ["polisen-lokalpolisomrade-hisingen", "socialforvaltningen-hisingen"],
            "target_group": "skolpersonal, fritidsledare, tränare och föreningsledare",
            "factor_kind": "risk",
            "factor": "att unga dras in i kriminella miljöer utan att vuxna ser det",
            "starts_on": date(2024, 4, 1),
            "ends_on": date(2025, 6, 30),
            "status": "done",
            "goals": ["rekrytering"],
            "measures": [
                _measure("Personer som gått utbildningen", "personer", 0, 250),
                _measure("Utbildningstillfällen", "tillfällen", 0, 10),
            ],
        },
        {
            "focus": "skola",
            "title": "Fler vuxna förebilder i skolan",
            "description": "Fler vuxna tar aktiv del i elevernas lärande: tränare och "
            "ledare från föreningar är med på raster och i klassrummet, och vuxna från "
            "trossamfunden finns på skolgården vid skolstart och skolavslutning.",
            "actors": [
                "grundskoleforvaltningen",
                "if-backa-stjarna-exempel",
                "trossamfundens-rad-i-backa-exempel",
            ],
            "target_group": "elever i årskurs 1–9",
            "factor_kind": "protective",
            "factor": "trygga vuxna förebilder",
            "starts_on": date(2024, 3, 1),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["rekrytering"],
            "measures": [
                _measure("Vuxna förebilder med i skolans vardag varje vecka", "personer", 3, 15)
            ],
        },
        {
            "focus": "skola",
            "title": "Studiebesök och praktik där eleverna möter olika yrken",
            "description": "Företag och bostadsbolag tar emot elever på studiebesök och "
            "praktik, så att eleverna möter människor från olika branscher och ser vägar "
            "till ett arbete.",
            "actors": [
                "grundskoleforvaltningen",
                "backa-byggservice-exempel",
                "hisings-verkstadsteknik-exempel",
                "nordhamn-logistik-exempel",
                "backa-bostader-exempel",
            ],
            "target_group": "elever i årskurs 8–9",
            "factor_kind": "protective",
            "factor": "framtidstro och kontakt med arbetslivet",
            "starts_on": date(2024, 9, 1),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["rekrytering"],
            "measures": [
                _measure("Elever som gjort praktik hos en aktör i löftet", "elever", 40, 120),
                _measure("Studiebesök hos företag", "besök per läsår", 5, 20),
            ],
        },
        {
            "focus": "skola",
            "title": "Sommarjobb för skolungdomar",
            "description": "Kommunen och aktörerna i löftet erbjuder sommarjobb till unga "
            "som bor i Hisings Backa, med en handledare på varje arbetsplats.",
            "actors": [
                "arbetsmarknads-och-vuxenutbildningsforvaltningen",
                "backa-bostader-exempel",
                "hisingsgardar-bostad-exempel",
                "koepmannaforeningen-backa-torg-exempel",
                "nordhamn-logistik-exempel",
            ],
            "target_group": "ungdomar 16–18 år som bor i Hisings Backa",
            "factor_kind": "protective",
            "factor": "framtidstro och kontakt med arbetslivet",
            "starts_on": date(2024, 6, 1),
            "ends_on": date(2025, 8, 31),
            "status": "done",
            "goals": ["rekrytering"],
            "measures": [
                _measure("Sommarjobb för unga i Hisings Backa", "platser per sommar", 60, 150)
            ],
        },
        {
            "focus": "skola",
            "title": "Läxhjälp efter skoltid",
            "description": "Läxhjälp fyra eftermiddagar i veckan på biblioteket och i "
            "skolan, med volontärer och bibliotekets personal.",
            "actors": ["laxhjalpen-backa-exempel", "kulturforvaltningen", "backa-friskola-exempel"],
            "target_group": "elever i årskurs 4–9",
            "factor_kind": "protective",
            "factor": "en lyckad skolgång",
            "starts_on": date(2024, 3, 1),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["rekrytering"],
            "measures": [
                _measure("Elever som kommer till läxhjälpen varje vecka", "elever", 25, 80)
            ],
        },
        {
            "focus": "skola",
            "title": "Tidiga insatser vid hög skolfrånvaro",
            "description": "Skolan och socialtjänsten kontaktar familjen tillsammans redan "
            "när frånvaron börjar öka, i stället för att vänta tills eleven slutat komma.",
            "actors": ["grundskoleforvaltningen", "socialforvaltningen-hisingen"],
            "target_group": "elever med ökande frånvaro och deras familjer",
            "factor_kind": "risk",
            "factor": "hög skolfrånvaro",
            "starts_on": date(2024, 8, 15),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["rekrytering"],
            "measures": [
                _measure(
                    "Andel elever med mer än 15 % frånvaro", "%", 14, 9, higher_is_better=False
                )
            ],
        },
        {
            "focus": "skola",
            "title": "Socialsekreterare på plats i skolan",
            "description": "En socialsekreterare har fasta tider på skolorna, så att elever, "
            "föräldrar och lärare kan få råd utan att först göra en anmälan.",
            "actors": ["socialforvaltningen-hisingen", "grundskoleforvaltningen"],
            "target_group": "elever, föräldrar och skolpersonal",
            "factor_kind": "protective",
            "factor": "tidigt stöd till barn och familjer",
            "starts_on": date(2024, 8, 15),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["rekrytering"],
            "measures": [
                _measure("Skolor med socialsekreterare på plats varje vecka", "skolor", 1, 5)
            ],
        },
        {
            "focus": "skola",
            "title": "Gymnasieelever som förebilder för yngre elever",
            "description": "Gymnasieelever som själva vuxit upp i Hisings Backa blir "
            "elevambassadörer och besöker högstadiet för att berätta om sina val.",
            "actors": ["hisings-teknikgymnasium-exempel", "backa-friskola-exempel"],
            "target_group": "elever i årskurs 7–9",
            "factor_kind": "protective",
            "factor": "trygga förebilder",
            "starts_on": date(2024, 9, 1),
            "ends_on": date(2025, 12, 19),
            # Delayed: the first group of ambassadors started only in the autumn of 2025.
            "status": "delayed",
            "goals": ["rekrytering"],
            "measures": [_measure("Elevambassadörer", "elever", 0, 20)],
        },
        # Fritid
        {
            "focus": "fritid",
            "title": "Gratis prova på-aktiviteter",
            "description": "Föreningarna bjuder in till gratis prova på-tillfällen i fotboll, "
            "basket, brottning och dans, med ledare som hjälper den som vill fortsätta att "
            "bli medlem.",
            "actors": [
                "if-backa-stjarna-exempel",
                "backa-basket-ungdom-exempel",
                "hisingsbrottarna-exempel",
                "dansforeningen-takt-exempel",
                "idrotts-och-foreningsforvaltningen",
            ],
            "target_group": "barn och unga 7–18 år",
            "factor_kind": "protective",
            "factor": "en meningsfull fritid",
            "starts_on": date(2024, 4, 20),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["rekrytering"],
            "measures": [
                _measure("Prova på-tillfällen", "tillfällen per år", 10, 60),
                _measure("Nya medlemmar efter prova på", "personer", 0, 150),
            ],
        },
        {
            "focus": "fritid",
            "title": "Mentorsprogram för unga",
            "description": "Unga får en egen vuxen mentor under ett år. Mentorerna kommer "
            "från företagen i löftet och utbildas och följs upp av mentorsorganisationen.",
            "actors": [
                "mentorskap-vast-exempel",
                "hisings-verkstadsteknik-exempel",
                "backa-byggservice-exempel",
            ],
            "target_group": "unga 13–17 år",
            "factor_kind": "protective",
            "factor": "trygga vuxna förebilder",
            "starts_on": date(2024, 5, 1),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["rekrytering"],
            "measures": [
                _measure("Unga med en egen mentor", "unga", 0, 40),
                _measure("Mentorspar som fullföljt ett år", "par", 0, 30),
            ],
        },
        {
            "focus": "fritid",
            "title": "Lovaktiviteter på sommar-, höst- och sportlov",
            "description": "Gratis aktiviteter varje lov: idrott, skapande, utflykter och "
            "sommarläsning, på gårdar, i parker och på biblioteket.",
            "actors": [
                "idrotts-och-foreningsforvaltningen",
                "kulturforvaltningen",
                "backa-bostader-exempel",
            ],
            "target_group": "barn och unga 6–15 år",
            "factor_kind": "protective",
            "factor": "en meningsfull fritid",
            "starts_on": date(2024, 6, 10),
            "ends_on": date(2025, 11, 2),
            "status": "done",
            "goals": ["rekrytering"],
            "measures": [
                _measure("Deltagartillfällen på lovaktiviteter", "deltagartillfällen", 1500, 3000)
            ],
        },
        {
            "focus": "fritid",
            "title": "Öppen idrottshall på fredagskvällar",
            "description": "Idrottshallen är öppen fredagskvällar med basket, fotboll och "
            "musik. Vuxna ledare och ordningsvakter finns på plats.",
            "actors": [
                "idrotts-och-foreningsforvaltningen",
                "backa-basket-ungdom-exempel",
                "trygg-vast-bevakning-exempel",
            ],
            "target_group": "unga 13–20 år",
            "factor_kind": "risk",
            "factor": "unga som saknar en trygg plats att vara på kvällstid",
            "starts_on": date(2024, 9, 6),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["rekrytering"],
            "measures": [_measure("Kvällar med öppen hall", "kvällar per termin", 0, 15)],
        },
        {
            "focus": "fritid",
            "title": "Fler unga ledare i föreningslivet",
            "description": "Unga utbildas till ledare och får betalt för att leda träningar "
            "för yngre barn.",
            "actors": [
                "hisingsbrottarna-exempel",
                "if-backa-stjarna-exempel",
                "idrotts-och-foreningsforvaltningen",
            ],
            "target_group": "unga 15–19 år",
            "factor_kind": "protective",
            "factor": "ansvar och sammanhang",
            "starts_on": date(2024, 3, 1),
            "ends_on": date(2025, 6, 30),
            "status": "done",
            "goals": ["rekrytering"],
            "measures": [_measure("Unga som utbildats till ledare", "personer", 0, 40)],
        },
        {
            "focus": "fritid",
            "title": "Kvällsöppet bibliotek med musikstudio",
            "description": "Biblioteket håller öppet längre på kvällarna, med en musikstudio "
            "och aktiviteter som ungdomsrådet väljer.",
            "actors": ["kulturforvaltningen", "ungdomsradet-backa-exempel"],
            "target_group": "unga 13–20 år",
            "factor_kind": "protective",
            "factor": "en meningsfull fritid",
            "starts_on": date(2024, 4, 1),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["rekrytering"],
            "measures": [
                _measure("Kvällar med öppet bibliotek och studio", "kvällar per vecka", 1, 3)
            ],
        },
        {
            "focus": "fritid",
            "title": "Tjejgrupper i dans och idrott",
            "description": "Återkommande grupper för flickor, med kvinnliga ledare och "
            "möjlighet att ta med en kompis eller mamma de första gångerna.",
            "actors": ["dansforeningen-takt-exempel", "kvinnoforeningen-gemenskap-exempel"],
            "target_group": "flickor 10–16 år",
            "factor_kind": "protective",
            "factor": "en meningsfull fritid",
            "starts_on": date(2024, 8, 19),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["rekrytering"],
            "measures": [_measure("Flickor i grupperna", "deltagare", 10, 60)],
        },
        {
            "focus": "fritid",
            "title": "Fritidsbank med gratis utlåning av utrustning",
            "description": "En fritidsbank där barn och unga lånar sport- och "
            "friluftsutrustning gratis. Inställd: den tänkta lokalen gick inte att få. "
            "Utlåningen sker i stället på biblioteket inom lovaktiviteterna.",
            "actors": ["hisingsgardar-bostad-exempel", "idrotts-och-foreningsforvaltningen"],
            "target_group": "barn och unga 6–18 år",
            "factor_kind": "protective",
            "factor": "en meningsfull fritid",
            "starts_on": date(2024, 9, 1),
            "ends_on": date(2025, 6, 30),
            "status": "cancelled",
            "goals": ["rekrytering"],
            "measures": [_measure("Utlån från fritidsbanken", "utlån per år", 0, 500)],
        },
        # Lokalområde
        {
            "focus": "lokalomrade",
            "title": "Trygghetsvandringar med boende",
            "description": "Boende går tillsammans med polis, kommun och fastighetsägare "
            "genom området och pekar ut platser som känns otrygga. Varje påpekande får ett "
            "svar.",
            "actors": [
                "polisen-lokalpolisomrade-hisingen",
                "stadsmiljoforvaltningen",
                "backa-bostader-exempel",
                "hisingsgardar-bostad-exempel",
                "varvsgardens-fastigheter-exempel",
                "foraldranatverket-i-backa-exempel",
            ],
            "target_group": "boende i Hisings Backa",
            "factor_kind": "risk",
            "factor": "otrygga och dåligt upplysta platser",
            "starts_on": date(2024, 4, 1),
            "ends_on": date(2025, 10, 31),
            "status": "done",
            "goals": ["utsatt-omrade"],
            "measures": [_measure("Trygghetsvandringar", "vandringar per år", 2, 6)],
        },
        {
            "focus": "lokalomrade",
            "title": "Bättre belysning och röjd växtlighet",
            "description": "Platser som pekats ut på trygghetsvandringarna får bättre "
            "belysning och röjd växtlighet, på både kommunens och fastighetsägarnas mark.",
            "actors": [
                "stadsmiljoforvaltningen",
                "varvsgardens-fastigheter-exempel",
                "backa-bostader-exempel",
            ],
            "target_group": "alla som rör sig i området",
            "factor_kind": "risk",
            "factor": "otrygga och dåligt upplysta platser",
            "starts_on": date(2024, 5, 1),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["utsatt-omrade"],
            "measures": [_measure("Åtgärdade platser", "platser", 0, 25)],
        },
        {
            "focus": "lokalomrade",
            "title": "Gemensam lägesbild varje vecka",
            "description": "Polis, kommun, fastighetsägare och bevakningsföretag rapporterar "
            "varje vecka händelser på platser i området (enligt arbetssättet EST) och "
            "bestämmer tillsammans var insatser behövs. Rapporterna handlar om platser, "
            "aldrig om enskilda personer.",
            "actors": [
                "polisen-lokalpolisomrade-hisingen",
                "socialforvaltningen-hisingen",
                "backa-bostader-exempel",
                "hisingsgardar-bostad-exempel",
                "varvsgardens-fastigheter-exempel",
                "trygg-vast-bevakning-exempel",
            ],
            "target_group": "platser i Hisings Backa",
            "factor_kind": "risk",
            "factor": "skadegörelse, nedskräpning och öppen narkotikahandel",
            "starts_on": date(2024, 3, 4),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["utsatt-omrade"],
            "measures": [
                _measure("Veckor med gemensam rapportering", "veckor per år", 0, 48),
                _measure("Andel händelser åtgärdade inom en vecka", "%", 60, 85),
            ],
        },
        {
            "focus": "lokalomrade",
            "title": "Snabb sanering av klotter och skadegörelse",
            "description": "Klotter och skadegörelse tas bort inom ett dygn, så att området "
            "visar att någon bryr sig.",
            "actors": [
                "backa-bostader-exempel",
                "hisingsgardar-bostad-exempel",
                "varvsgardens-fastigheter-exempel",
                "stadsmiljoforvaltningen",
            ],
            "target_group": "alla som rör sig i området",
            "factor_kind": "risk",
            "factor": "skadegörelse som gör platser otrygga",
            "starts_on": date(2024, 3, 1),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["utsatt-omrade"],
            "measures": [_measure("Andel klotter sanerat inom 24 timmar", "%", 70, 95)],
        },
        {
            "focus": "lokalomrade",
            "title": "Medborgardialoger på torget",
            "description": "Polisen och kommunen finns på Backa torg en gång i månaden för "
            "att lyssna på boende och berätta hur arbetet med löftet går.",
            "actors": [
                "polisen-lokalpolisomrade-hisingen",
                "socialforvaltningen-hisingen",
                "koepmannaforeningen-backa-torg-exempel",
                "ungdomsradet-backa-exempel",
            ],
            "target_group": "boende och de som arbetar i området",
            "factor_kind": "",
            "factor": "",
            "starts_on": date(2024, 5, 1),
            "ends_on": date(2025, 12, 9),
            "status": "done",
            "goals": ["utsatt-omrade"],
            "measures": [_measure("Dialogtillfällen", "tillfällen per år", 4, 12)],
        },
        {
            "focus": "lokalomrade",
            "title": "En trygg handelsplats vid Backa torg",
            "description": "Butikerna samverkar med polisen om trygghet, och ordningsvakter "
            "finns på torget de kvällar då det behövs mest.",
            "actors": [
                "koepmannaforeningen-backa-torg-exempel",
                "trygg-vast-bevakning-exempel",
                "polisen-lokalpolisomrade-hisingen",
            ],
            "target_group": "besökare och de som arbetar vid torget",
            "factor_kind": "risk",
            "factor": "stök och otrygghet kvällstid",
            "starts_on": date(2024, 6, 1),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["utsatt-omrade"],
            "measures": [_measure("Butiker i samverkan", "butiker", 5, 20)],
        },
        {
            "focus": "lokalomrade",
            "title": "Unga anställs som områdesvärdar",
            "description": "Bostadsbolagen anställer unga från området som områdesvärdar "
            "som hjälper boende och håller ordning på gårdarna.",
            "actors": [
                "backa-bostader-exempel",
                "hisingsgardar-bostad-exempel",
                "varvsgardens-fastigheter-exempel",
                "arbetsmarknads-och-vuxenutbildningsforvaltningen",
            ],
            "target_group": "unga 18–24 år som bor i Hisings Backa",
            "factor_kind": "protective",
            "factor": "arbete och ett sammanhang",
            "starts_on": date(2024, 8, 1),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["rekrytering", "utsatt-omrade"],
            "measures": [_measure("Unga områdesvärdar", "personer", 0, 12)],
        },
        {
            "focus": "lokalomrade",
            "title": "En ny aktivitetsyta i Backa Röd",
            "description": "En upplyst aktivitetsyta med spontanidrott där unga kan vara på "
            "kvällen. Försenad: upphandlingen tog längre tid än planerat.",
            "actors": [
                "stadsmiljoforvaltningen",
                "idrotts-och-foreningsforvaltningen",
                "backa-bostader-exempel",
            ],
            "target_group": "barn och unga i Backa Röd",
            "factor_kind": "protective",
            "factor": "en meningsfull fritid",
            "starts_on": date(2024, 9, 1),
            "ends_on": END,
            "status": "delayed",
            "goals": ["utsatt-omrade"],
            "measures": [_measure("Färdiga aktivitetsytor", "ytor", 0, 1)],
        },
        {
            "focus": "lokalomrade",
            "title": "Städdagar med boende och föreningar",
            "description": "Boende, föreningar och ungdomsrådet städar området tillsammans "
            "två gånger per år; föreningarna får ersättning till sin ungdomsverksamhet.",
            "actors": [
                "backa-bostader-exempel",
                "if-backa-stjarna-exempel",
                "ungdomsradet-backa-exempel",
            ],
            "target_group": "boende och föreningar",
            "factor_kind": "protective",
            "factor": "gemenskap och ansvar för närmiljön",
            "starts_on": date(2024, 4, 1),
            "ends_on": date(2025, 10, 31),
            "status": "done",
            "goals": ["utsatt-omrade"],
            "measures": [_measure("Städdagar", "dagar", 2, 8)],
        },
        # Familj
        {
            "focus": "familj",
            "title": "Föräldrastöd i grupp",
            "description": "Föräldrar träffas i små grupper och får stöd i föräldraskapet, "
            "på flera språk, i socialtjänstens lokaler, i skolan och hos trossamfunden.",
            "actors": [
                "socialforvaltningen-hisingen",
                "trossamfundens-rad-i-backa-exempel",
                "kvinnoforeningen-gemenskap-exempel",
                "backa-friskola-exempel",
            ],
            "target_group": "föräldrar till barn 3–17 år",
            "factor_kind": "protective",
            "factor": "en trygg uppväxt",
            "starts_on": date(2024, 3, 1),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["rekrytering"],
            "measures": [
                _measure("Föräldrar som gått en föräldrastödsgrupp", "föräldrar", 30, 150)
            ],
        },
        {
            "focus": "familj",
            "title": "Föräldravandringar på helgkvällar",
            "description": "Vuxna finns ute i området fredags- och lördagskvällar, pratar med "
            "unga och hjälper till om något händer.",
            "actors": [
                "foraldranatverket-i-backa-exempel",
                "trossamfundens-rad-i-backa-exempel",
                "backa-bostader-exempel",
            ],
            "target_group": "unga som är ute på kvällarna",
            "factor_kind": "protective",
            "factor": "vuxna som finns nära",
            "starts_on": date(2024, 3, 1),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["rekrytering", "utsatt-omrade"],
            "measures": [_measure("Kvällar med vuxna ute", "kvällar per år", 20, 80)],
        },
        {
            "focus": "familj",
            "title": "Föräldramöten om risker och tidiga tecken",
            "description": "Polis och socialtjänst kommer till föräldramöten och berättar hur "
            "kriminella rekryterar unga, vilka tecken föräldrar kan se och var de får hjälp.",
            "actors": [
                "polisen-lokalpolisomrade-hisingen",
                "grundskoleforvaltningen",
                "socialforvaltningen-hisingen",
            ],
            "target_group": "föräldrar till barn i årskurs 4–9",
            "factor_kind": "risk",
            "factor": "rekrytering av unga till kriminella nätverk",
            "starts_on": date(2024, 8, 15),
            "ends_on": date(2025, 6, 13),
            "status": "done",
            "goals": ["rekrytering"],
            "measures": [_measure("Föräldramöten med polis och socialtjänst", "möten", 0, 20)],
        },
        {
            "focus": "familj",
            "title": "Snabb hjälp till föräldrar som oroar sig",
            "description": "Föräldrar som oroar sig för att deras barn dras mot kriminalitet "
            "får ett första samtal med socialtjänsten inom en vecka.",
            "actors": ["socialforvaltningen-hisingen"],
            "target_group": "föräldrar som oroar sig för sitt barn",
            "factor_kind": "protective",
            "factor": "tidigt stöd till barn och familjer",
            "starts_on": date(2024, 3, 1),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["rekrytering"],
            "measures": [
                _measure(
                    "Dagar från kontakt till första samtal", "dagar", 14, 5, higher_is_better=False
                )
            ],
        },
        {
            "focus": "familj",
            "title": "Orossamtal med familjen tillsammans med polisen",
            "description": "När ett barn har synts i miljöer där kriminella rekryterar bjuder "
            "polis och socialtjänst in familjen till ett samtal om vilket stöd som finns.",
            "actors": ["polisen-lokalpolisomrade-hisingen", "socialforvaltningen-hisingen"],
            "target_group": "barn under 18 år och deras vårdnadshavare",
            "factor_kind": "risk",
            "factor": "tidig kontakt med kriminella miljöer",
            "starts_on": date(2024, 4, 1),
            "ends_on": END,
            "status": "ongoing",
            "goals": ["rekrytering"],
            "measures": [_measure("Andel orossamtal som hålls inom en vecka", "%", 50, 90)],
        },
        {
            "focus": "familj",
            "title": "Språkkafé och samhällsinformation för föräldrar",
            "description": "Föräldrar övar svenska och får veta hur skolan, socialtjänsten "
            "och föreningslivet fungerar.",
            "actors": [
                "kvinnoforeningen-gemenskap-exempel",
                "kulturforvaltningen",
                "arbetsmarknads-och-vuxenutbildningsforvaltningen",
            ],
            "target_group": "föräldrar som är nya i Sverige",
            "factor_kind": "protective",
            "factor": "föräldrar som kan stötta sina barn i skolan",
            "starts_on": date(2024, 9, 1),
            "ends_on": date(2025, 12, 12),
            "status": "done",
            "goals": ["rekrytering"],
            "measures": [_measure("Träffar", "träffar per termin", 0, 12)],
        },
        {
            "focus": "familj",
            "title": "Familjeaktiviteter på söndagar",
            "description": "Hallen är öppen för hela familjen söndagar under vinterhalvåret, "
            "med basket, dans och fika.",
            "actors": [
                "backa-basket-ungdom-exempel",
                "dansforeningen-takt-exempel",
                "hisingsgardar-bostad-exempel",
            ],
            "target_group": "familjer med barn",
            "factor_kind": "protective",
            "factor": "en trygg uppväxt",
            "starts_on": date(2024, 10, 6),
            "ends_on": date(2025, 3, 30),
            "status": "done",
            "goals": ["rekrytering"],
            "measures": [_measure("Familjer som deltagit", "familjer", 0, 100)],
        },
        {
            "focus": "familj",
            "title": "Föräldrastöd på flera språk på webben",
            "description": "Korta filmer och texter om föräldraskap och om var man får hjälp, "
            "på arabiska, somaliska, persiska, engelska och svenska. Planerat: arbetet "
            "påbörjas i slutet av perioden och förs över till nästa löfte.",
            "actors": ["socialforvaltningen-hisingen", "trossamfundens-rad-i-backa-exempel"],
            "target_group": "föräldrar som läser bättre på ett annat språk än svenska",
            "factor_kind": "protective",
            "factor": "en trygg uppväxt",
            "starts_on": date(2025, 11, 1),
            "ends_on": END,
            "status": "planned",
            "goals": ["rekrytering"],
            "measures": [_measure("Språk som materialet finns på", "språk", 1, 5)],
        },
    ],
}

# Made up from start to end, so that a second kommun's promise can be seen beside Göteborg's.
MALMO_EXAMPLE = {
    "slug": "malmo-exempel",
    "title": "Exempel: medborgarlöfte i Malmö (påhittat)",
    "kommun": MALMO,
    "area": "malmo",
    "status": "published",
    "period_start": date(2025, 1, 1),
    "period_end": date(2026, 12, 31),
    "previous": None,
    "summary": "Ett påhittat exempel i demodata, inte ett verkligt löfte: det visar att "
    "varje kommun har sina egna löften och sina egna personer i Löfte.",
    "background": "Om demodata: allt i det här löftet är påhittat, också aktörerna. Malmös "
    "samordnare (inloggningen malmo) ser och ändrar bara det här löftet, inget av Göteborgs.",
    "goals": [
        {"key": "trygghet", "title": "Fler boende känner sig trygga (exempel)", "description": ""},
    ],
    "focus_areas": [
        {
            "slug": "lokalomrade",
            "name": "Lokalområde",
            "why": "Exempel: trygga gårdar och gator gör att fler rör sig ute.",
        },
    ],
    "commitments": [
        {
            "focus": "lokalomrade",
            "title": "Trygghetsvandringar med boende (exempel)",
            "description": "Exempel: boende, bostadsbolaget och föreningen går runt i "
            "området varje kvartal och åtgärdar det de hittar.",
            "actors": ["tryggare-grannar-malmo-exempel", "sodra-hem-exempel"],
            "target_group": "boende",
            "factor_kind": "risk",
            "factor": "otrygga platser",
            "status": "ongoing",
            "goals": ["trygghet"],
            "measures": [_measure("Trygghetsvandringar", "st", 0, 8)],
        },
        {
            "focus": "lokalomrade",
            "title": "Bättre belysning på gårdarna (exempel)",
            "description": "Exempel: bostadsbolaget byter belysning där boende känner sig otrygga.",
            "actors": ["sodra-hem-exempel"],
            "target_group": "boende",
            "factor_kind": "risk",
            "factor": "mörka gårdar",
            "status": "planned",
            "goals": ["trygghet"],
            "measures": [],
        },
    ],
}

# Earlier promises first, so that `previous` can point back to one already made.
PROMISES = [BACKA_ROD_2019, HISINGS_BACKA, MALMO_EXAMPLE]

# Placeholders only: the press release's real phone number and e-mail are never shipped.
CONTACTS = [
    {
        "name": "Håkan Bredinge",
        "role": "Kommunpolis, lokalpolisområde Hisingen",
        "organisation": "polisen-lokalpolisomrade-hisingen",
        "phone": "010-000 00 00",
        "email": "hakan.bredinge@example.se",
        "is_press_contact": True,
        "is_public": True,
        "promises": [MAIN_PROMISE],
    },
    {
        "name": "Daniel Norlander",
        "role": "Lokalpolisområdeschef Hisingen",
        "organisation": "polisen-lokalpolisomrade-hisingen",
        "phone": "",
        "email": "daniel.norlander@example.se",
        "is_press_contact": False,
        "is_public": True,
        "promises": [MAIN_PROMISE],
    },
    {
        "name": "Sara Exempelsson",
        "role": "Trygghetssamordnare, Socialförvaltningen Hisingen (fiktiv exempelperson)",
        "organisation": "socialforvaltningen-hisingen",
        "phone": "010-000 00 01",
        "email": "sara.exempelsson@example.se",
        "is_press_contact": False,
        "is_public": True,
        "promises": [MAIN_PROMISE],
    },
]

# Poseidonvarvet: approximate point in Backa Röd, good enough for a map pin.
EVENTS = [
    {
        "promise": MAIN_PROMISE,
        "title": "Lansering av medborgarlöftet vid Poseidonvarvet",
        "description": "Första tillfället då medborgarlöftet för Hisings Backa presenteras. "
        "Träffa polisen, Göteborgs Stad och aktörerna bakom löftet och hör vad de lovar. "
        "Media är välkomna. Kontakta kommunpolis Håkan Bredinge vid förfrågningar.\n\n"
        "Klockslagen är ett exempel i demodata; platsen och datumet kommer från polisens "
        "pressmeddelande. Kartpunkten är ungefärlig.",
        "place_name": "Poseidonvarvet, Backa Röd",
        "address": "Backa Röd, Göteborg",
        "latitude": "57.744600",
        "longitude": "11.988700",
        "starts_at": datetime(2024, 4, 20, 11, 0, tzinfo=STOCKHOLM),
        "ends_at": datetime(2024, 4, 20, 14, 0, tzinfo=STOCKHOLM),
        "audience": "Alla: boende, föreningar och media",
    },
    {
        "promise": MAIN_PROMISE,
        "title": "Medborgarlöftet på Backa torg",
        "description": "Exempel i demodata. Polisen och kommunen berättar om löftet vid "
        "torget och frågar boende vad som gör området tryggt eller otryggt.",
        "place_name": "Backa torg (exempel)",
        "address": "",
        "starts_at": datetime(2024, 5, 4, 12, 0, tzinfo=STOCKHOLM),
        "ends_at": datetime(2024, 5, 4, 15, 0, tzinfo=STOCKHOLM),
        "audience": "Alla",
    },
    {
        "promise": MAIN_PROMISE,
        "title": "Prova på-dag med föreningarna",
        "description": "Exempel i demodata. Föreningarna i löftet visar sina aktiviteter; "
        "allt är gratis att prova.",
        "place_name": "Idrottshallen i Backa (exempel)",
        "address": "",
        "starts_at": datetime(2024, 5, 18, 10, 0, tzinfo=STOCKHOLM),
        "ends_at": datetime(2024, 5, 18, 15, 0, tzinfo=STOCKHOLM),
        "audience": "Barn, unga och deras familjer",
    },
    {
        "promise": MAIN_PROMISE,
        "title": "Föräldrakväll om medborgarlöftet",
        "description": "Exempel i demodata. Socialtjänsten, skolan och polisen berättar om "
        "föräldrastödet i löftet. Tolkning till arabiska och somaliska.",
        "place_name": "Träffpunkt Backa (exempel)",
        "address": "",
        "starts_at": datetime(2024, 5, 28, 18, 0, tzinfo=STOCKHOLM),
        "ends_at": datetime(2024, 5, 28, 20, 0, tzinfo=STOCKHOLM),
        "audience": "Föräldrar",
    },
    {
        "promise": MAIN_PROMISE,
        "title": "Så gick det: uppföljning av medborgarlöftet",
        "description": "Exempel i demodata. Aktörerna redovisar vad de gjort under löftets "
        "period och vad som återstår, och boende får säga vad nästa löfte bör handla om.",
        "place_name": "Träffpunkt Backa (exempel)",
        "address": "",
        "starts_at": datetime(2025, 12, 9, 18, 0, tzinfo=STOCKHOLM),
        "ends_at": datetime(2025, 12, 9, 20, 0, tzinfo=STOCKHOLM),
        "audience": "Alla",
    },
]

# What happened at a past demo event, as its coordinators wrote it afterwards (by title).
EVENT_RECORDS = {
    "Föräldrakväll om medborgarlöftet": {
        "attendance": 45,
        "raised": "Exempel i demodata. Föräldrar frågade efter fler vuxna ute på kvällarna och "
        "efter information om fritidsaktiviteter på arabiska och somaliska.\n"
        "Flera ville veta vart man vänder sig när man är orolig för sitt barn.",
    },
}

# The logins are fictional people: the example follow-up they approve is made up, so it must
# not carry the name of a real officer (the real ones appear only as published contacts).
# kommun_roles: (kommun code, role, the organisation a local reporter reports for).
USERS = [
    {
        "username": "polis",
        "password": "demo-polis",
        "first_name": "Kim",
        "last_name": "Exempelpolis",
        "email": "kim.exempelpolis@example.se",
        "is_staff": True,
        "is_superuser": False,
        "coordinator_of": [MAIN_PROMISE],
        "kommun_roles": [],
        "description": "police coordinator of Hisings Backa (fictional)",
    },
    {
        "username": "kommun",
        "password": "demo-kommun",
        "first_name": "Sara",
        "last_name": "Exempelsson",
        "email": "sara.exempelsson@example.se",
        "is_staff": True,
        "is_superuser": False,
        "coordinator_of": [MAIN_PROMISE],
        "kommun_roles": [(GOTEBORG, "coordinator", None)],
        "description": "Göteborg's kommun coordinator (trygghetssamordnare, fictional): "
        "every Göteborg promise, the kommun's people at /kommun/goteborg/personer/",
    },
    {
        "username": "analytiker",
        "password": "demo-analytiker",
        "first_name": "Alva",
        "last_name": "Exempelanalys",
        "email": "alva.exempelanalys@example.se",
        "is_staff": True,
        "is_superuser": False,
        "coordinator_of": [],
        "kommun_roles": [(GOTEBORG, "analyst", None)],
        "description": "Göteborg's analyst (fictional): reads every Göteborg promise and its "
        "follow-up, changes none; looks after the kommun's areas",
    },
    {
        "username": "rapportor",
        "password": "demo-rapportor",
        "first_name": "Omar",
        "last_name": "Exempelberg",
        "email": "omar.exempelberg@example.se",
        "is_staff": False,
        "is_superuser": False,
        "coordinator_of": [],
        "kommun_roles": [(GOTEBORG, "reporter", "backa-bostader-exempel")],
        "description": "Göteborg's local reporter for Backa Bostäder (fictional housing "
        "company): reports incidents in places, sees no promise's follow-up",
    },
    {
        "username": "malmo",
        "password": "demo-malmo",
        "first_name": "Elsa",
        "last_name": "Exempeldahl",
        "email": "elsa.exempeldahl@example.se",
        "is_staff": True,
        "is_superuser": False,
        "coordinator_of": [],
        "kommun_roles": [(MALMO, "coordinator", None)],
        "description": "Malmö's kommun coordinator (fictional): Malmö's example promise, "
        "nothing of Göteborg's",
    },
    {
        "username": "admin",
        "password": "demo-admin",
        "first_name": "",
        "last_name": "",
        "email": "admin@example.se",
        "is_staff": True,
        "is_superuser": True,
        "coordinator_of": [],
        "kommun_roles": [],
        "description": "superuser: sees and changes everything",
    },
]

# The actors' editors live with the follow-up data; their logins are listed here too.
DEMO_LOGINS = [
    (u["username"], u["password"], u["description"]) for u in USERS + followup_data.EDITORS
]
