"""Example translations and easy-Swedish summaries of the Hisings Backa promise, for the demo.

Written for the demo, not by a translation agency: each summary says so, in its language. The
rest of the promise stays Swedish, so the demo also shows the note "not yet translated".
Keyed by the Swedish text they translate (lofte.demo.data), which the loader looks up.
"""

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
