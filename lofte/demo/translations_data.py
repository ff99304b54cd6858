"""Example translations and easy-Swedish summaries of the Hisings Backa promise, for the demo.

Written for the demo, not by a translation agency: each summary says so, in its language. The
rest of the promise stays Swedish, so the demo also shows the note "not yet translated".
Keyed by the Swedish text they translate (lofte.demo.data), which the loader looks up.
"""

import re

from lofte.languages import direction

# (model, Swedish source) → {language: translation}
TRANSLATIONS = {
    ("promises.promise", "title"): {
        "Medborgarlöfte för Hisings Backa": {
            "en": "Citizens' promise for Hisings Backa",
            "ar": "وعد المواطنين لحي هيسينغس باكا",
        }
    },
    ("promises.promise", "summary"): {
        None: {  # the promise's summary, whatever its Swedish text
            "en": "Reduce recruitment into criminal networks and take Hisings Backa off the "
            "list of vulnerable areas. 27 actors stand behind the promise: the Police, the "
            "City of Gothenburg's departments, housing companies, sports clubs, non-profit "
            "organisations and businesses. All have promised concrete work in school, leisure, "
            "the neighbourhood and the family. (Example translation for the demo.)",
            "ar": "الحدّ من تجنيد الشباب في الشبكات الإجرامية وإخراج هيسينغس باكا من قائمة "
            "المناطق المستضعفة. يقف وراء هذا الوعد 27 جهة: الشرطة وإدارات مدينة يوتيبوري "
            "وشركات الإسكان والأندية الرياضية والمنظمات غير الربحية وقطاع الأعمال. وقد وعدت "
            "جميعها بأعمال ملموسة في المدرسة وأوقات الفراغ والحي والأسرة. "
            "(ترجمة تجريبية للعرض.)",
        }
    },
    ("promises.goal", "title"): {
        "Minska nyrekryteringen till kriminella nätverk": {
            "en": "Reduce recruitment into criminal networks",
            "ar": "الحدّ من تجنيد الشباب في الشبكات الإجرامية",
        },
        "Få bort Hisings Backa från listan över utsatta områden": {
            "en": "Take Hisings Backa off the list of vulnerable areas",
            "ar": "إخراج هيسينغس باكا من قائمة المناطق المستضعفة",
        },
    },
    ("promises.focusarea", "name"): {
        "Skola": {"en": "School", "ar": "المدرسة"},
        "Fritid": {"en": "Leisure", "ar": "أوقات الفراغ"},
        "Lokalområde": {"en": "The neighbourhood", "ar": "الحي"},
        "Familj": {"en": "Family", "ar": "الأسرة"},
    },
    ("promises.focusarea", "why"): {
        "En lyckad skolgång": {
            "en": "Doing well at school is one of the most important protective factors. "
            "Pupils who manage school, feel safe there and have adults who care have a better "
            "chance of choosing another path than crime. At school we reach almost every "
            "child, and early signs that something is wrong can be noticed there.",
            "ar": "النجاح في الدراسة من أهم عوامل الحماية. التلاميذ الذين ينجحون في المدرسة "
            "ويشعرون فيها بالأمان ولديهم بالغون يهتمون بهم تكون فرصتهم أفضل لاختيار طريق غير "
            "طريق الجريمة. في المدرسة نصل إلى جميع الأطفال تقريباً، ويمكن هناك ملاحظة "
            "العلامات المبكرة على وجود مشكلة.",
        },
        "En trygg uppväxt börjar hemma": {
            "en": "A safe childhood starts at home. Parents are their children's most "
            "important protection, but many need support, information and a network of other "
            "adults. We want to reach parents early, in their language, and make it easy to "
            "ask for help when worried about a child.",
            "ar": "تبدأ النشأة الآمنة في البيت. الوالدان هما أهم حماية لأطفالهما، لكن كثيرين "
            "يحتاجون إلى الدعم والمعلومات وشبكة من البالغين الآخرين. نريد أن نصل إلى الأهل "
            "مبكراً وبلغتهم، وأن نسهّل طلب المساعدة عند القلق على الطفل.",
        },
    },
    ("promises.commitment", "title"): {
        "Polisen finns i skolan för att bygga relationer": {
            "en": "The Police are at school to build relationships",
            "ar": "الشرطة حاضرة في المدرسة لبناء العلاقات",
        },
        "Utbildning i tidiga tecken på kriminalitet": {
            "en": "Training in the early signs of crime",
            "ar": "تدريب على العلامات المبكرة للانجراف إلى الجريمة",
        },
        "Läxhjälp efter skoltid": {
            "en": "Homework help after school",
            "ar": "مساعدة في الواجبات المدرسية بعد الدوام",
        },
        "Föräldramöten om risker och tidiga tecken": {
            "en": "Parents' meetings on risks and early signs",
            "ar": "اجتماعات للأهل حول المخاطر والعلامات المبكرة",
        },
        "Språkkafé och samhällsinformation för föräldrar": {
            "en": "Language café and information about society for parents",
            "ar": "مقهى لغوي ومعلومات عن المجتمع للأهل",
        },
        "Föräldrastöd på flera språk på webben": {
            "en": "Parent support in several languages on the web",
            "ar": "دعم الأهل بعدة لغات على الإنترنت",
        },
    },
}

# Easy-Swedish ("lättläst") summaries: the promise's, and some commitments' by title.
EASY_READ = {
    "Medborgarlöfte för Hisings Backa": "Polisen, kommunen och många andra lovar att "
    "arbeta tillsammans i Hisings Backa. Färre unga ska börja med brott. Området ska bli "
    "tryggare. Vi gör saker i skolan, på fritiden, ute i området och med familjer. "
    "Här kan du se vad vi lovar och hur det går.",
    "Polisen finns i skolan för att bygga relationer": "Poliser kommer till skolan varje "
    "vecka. De äter lunch och pratar med eleverna. De vill att barnen ska lita på polisen.",
    "Läxhjälp efter skoltid": "Efter skolan kan barn få hjälp med läxor. Det är gratis.",
    "Föräldrastöd på flera språk på webben": "På webben finns stöd till föräldrar. Det "
    "finns på flera språk, till exempel arabiska och somaliska.",
}

# The events' texts, by the start of their Swedish text.
TRANSLATIONS.update(
    {
        ("events.event", "title"): {
            "Lansering av medborgarlöftet vid Poseidonvarvet": {
                "en": "Launch of the citizens' promise at Poseidonvarvet",
                "ar": "إطلاق وعد المواطنين في بوسيدونفارفيت",
            },
            "Föräldrakväll om medborgarlöftet": {
                "en": "Parents' evening about the citizens' promise",
                "ar": "أمسية للأهل حول وعد المواطنين",
            },
        },
        ("events.event", "description"): {
            "Första tillfället då medborgarlöftet": {
                "en": "The first time the citizens' promise for Hisings Backa is presented. "
                "Meet the Police, the City of Gothenburg and the actors behind the promise and "
                "hear what they promise. (Example translation for the demo.)",
                "ar": "أول مرة يُعرض فيها وعد المواطنين لحي هيسينغس باكا. قابلوا الشرطة "
                "ومدينة يوتيبوري والجهات التي تقف وراء الوعد واسمعوا ما تعد به. "
                "(ترجمة تجريبية للعرض.)",
            },
            "Exempel i demodata. Socialtjänsten, skolan och polisen": {
                "en": "Example in the demo data. Social services, the school and the Police "
                "talk about the support for parents in the promise. Interpreting into Arabic "
                "and Somali. (Example translation for the demo.)",
                "ar": "مثال في بيانات العرض. تتحدث الخدمات الاجتماعية والمدرسة والشرطة عن "
                "دعم الأهل في الوعد. تتوفر ترجمة فورية إلى العربية والصومالية. "
                "(ترجمة تجريبية للعرض.)",
            },
        },
        ("events.event", "audience"): {
            "Föräldrar": {"en": "Parents", "ar": "الأهل"},
            "Alla: boende, föreningar och media": {
                "en": "Everyone: residents, associations and the media",
                "ar": "الجميع: السكان والجمعيات ووسائل الإعلام",
            },
        },
        ("events.event", "place_name"): {
            "Träffpunkt Backa (exempel)": {
                "en": "Träffpunkt Backa meeting place (example)",
                "ar": "ملتقى باكا (مثال)",
            },
        },
    }
)

# Published updates: their generated Swedish sentences (lofte.demo.followup_data), each with
# its translations; "{period}" is a quarter's name ("kvartal 2 2024"). The figures after the
# sentence keep the measure's Swedish name. Marked as the demo's example translations.
UPDATE_SENTENCES = [
    (
        "Arbetet har fortsatt enligt plan under {period}.",
        {
            "en": "The work continued as planned in {period}.",
            "ar": "استمر العمل وفق الخطة خلال {period}.",
        },
    ),
    (
        "Under {period} har vi nått fler i målgruppen än kvartalet innan, mycket tack vare "
        "att vi har spridit information via skolorna och föreningarna.",
        {
            "en": "In {period} we reached more of the target group than the quarter before, "
            "largely because we spread information through the schools and associations.",
            "ar": "خلال {period} وصلنا إلى عدد أكبر من الفئة المستهدفة مقارنة بالربع السابق، "
            "ويعود ذلك بدرجة كبيرة إلى نشر المعلومات عبر المدارس والجمعيات.",
        },
    ),
    (
        "Vi har hållit igång verksamheten under {period} och stämt av läget med de andra "
        "aktörerna på samverkansmötet.",
        {
            "en": "We kept the activities going in {period} and reviewed the situation with "
            "the other actors at the partnership meeting.",
            "ar": "واصلنا النشاط خلال {period} وراجعنا الوضع مع الجهات الأخرى في اجتماع التعاون.",
        },
    ),
    (
        "Under {period} har vi utvärderat upplägget tillsammans med deltagarna och gjort "
        "några justeringar av tider och lokaler.",
        {
            "en": "In {period} we evaluated the approach together with the participants and "
            "made some changes to times and premises.",
            "ar": "خلال {period} قيّمنا طريقة العمل مع المشاركين وأجرينا بعض التعديلات على "
            "المواعيد والأماكن.",
        },
    ),
    (
        "Arbetet rullar på. Under {period} har vi särskilt satsat på att nå de som inte redan "
        "deltar.",
        {
            "en": "The work goes on. In {period} we focused on reaching those who do not "
            "take part yet.",
            "ar": "العمل مستمر. خلال {period} ركّزنا بشكل خاص على الوصول إلى من لا يشاركون بعد.",
        },
    ),
    (
        "Vi har kommit i gång under {period}: planeringen är klar och de första aktiviteterna "
        "är genomförda.",
        {
            "en": "We got started in {period}: the planning is done and the first activities "
            "have taken place.",
            "ar": "بدأنا خلال {period}: اكتمل التخطيط ونُفّذت الأنشطة الأولى.",
        },
    ),
    (
        "Åtagandet är genomfört under {period}. Vi har sammanfattat erfarenheterna och delat "
        "dem med de andra aktörerna i löftet.",
        {
            "en": "The commitment was carried out in {period}. We have summed up what we "
            "learnt and shared it with the other actors of the promise.",
            "ar": "نُفّذ الالتزام خلال {period}. لخّصنا الخبرات وشاركناها مع الجهات الأخرى في الوعد.",
        },
    ),
]
# The start of every demo update, and its translation: they are examples, and say so.
UPDATE_MARK = (
    "(Exempel) ",
    {"en": "(Example, translated for the demo) ", "ar": "(مثال، ترجمة للعرض) "},
)
QUARTER = {"en": "quarter {n} {year}", "ar": "الربع {n} من عام {year}"}
TARGET = {"en": "target", "ar": "الهدف"}


def translate_update(text, language):
    """Return the demo's translation of a generated update text into language, or None."""
    mark, marks = UPDATE_MARK
    if not text.startswith(mark) or language not in marks:
        return None
    rest = text[len(mark) :]
    for swedish, translations in UPDATE_SENTENCES:
        pattern = re.escape(swedish).replace(re.escape("{period}"), r"kvartal ([1-4]) (\d{4})")
        match = re.match(pattern, rest)
        if match:
            period = QUARTER[language].format(n=match[1], year=match[2])
            figures = rest[match.end() :].replace("(mål ", f"({TARGET[language]} ")
            if figures.strip() and direction(language) == "rtl":
                # The measures' Swedish names run left to right inside the right-to-left
                # text: isolated (LRI … PDI), they read in their own order, not mixed up.
                figures = f" \u2066{figures.strip()}\u2069"
            return marks[language] + translations[language].format(period=period) + figures
    return None
