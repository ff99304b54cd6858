"""The national catalogue of what is known to work: kinds of intervention, each with its level
of evidence and the citable source that gives it. A kind without such a source is "unknown",
never a guess. Loaded by a migration, and again by `InterventionKind.objects.load()` where a
database was emptied (tests that flush)."""

# (name, English name, level, source, what the source found)
CATALOGUE = [
    (
        "Mentorskap",
        "Mentoring",
        "effective",
        "Tolan, P., Henry, D., Schoeny, M. & Bass, A. (2008). Mentoring interventions to "
        "affect juvenile delinquency and associated problems. Campbell Systematic Reviews "
        "2008:16.",
        "Mentorskap för unga i riskzonen minskade i genomsnitt brottslighet och aggressivitet "
        "måttligt, i en systematisk översikt av kontrollerade studier.",
    ),
    (
        "Föräldraskapsstöd",
        "Parent-support programmes",
        "effective",
        "Piquero, A. R., Farrington, D. P., Welsh, B. C., Tremblay, R. & Jennings, W. G. "
        "(2009). Effects of early family/parent training programs on antisocial behavior and "
        "delinquency. Journal of Experimental Criminology, 5(2), 83–120.",
        "Tidiga program för familjer och föräldrar minskade barns antisociala beteende och "
        "senare brottslighet, i en metaanalys av randomiserade studier.",
    ),
    (
        "Feriejobb och sommarjobb",
        "Summer jobs",
        "promising",
        "Heller, S. B. (2014). Summer jobs reduce violence among disadvantaged youth. "
        "Science, 346(6214), 1219–1223.",
        "I ett randomiserat försök i Chicago greps unga som fick sommarjobb för färre "
        "våldsbrott under de följande 16 månaderna.",
    ),
    (
        "Vuxennärvaro i skolan",
        "Adult presence in school",
        "unknown",
        "",
        "",
    ),
    (
        "Fritidsaktiviteter efter skolan",
        "After-school activities",
        "no_effect",
        "Taheri, S. A. & Welsh, B. C. (2016). After-school programs for delinquency "
        "prevention: A systematic review and meta-analysis. Youth Violence and Juvenile "
        "Justice, 14(3), 272–290.",
        "Fritidsprogram efter skolan gav i genomsnitt ingen tydlig effekt på brottslighet.",
    ),
    (
        "Förbättrad gatubelysning",
        "Improved street lighting",
        "effective",
        "Welsh, B. C. & Farrington, D. P. (2008). Effects of improved street lighting on "
        "crime. Campbell Systematic Reviews 2008:13.",
        "Brotten minskade i genomsnitt med 21 % i områden med förbättrad belysning jämfört "
        "med kontrollområden.",
    ),
    (
        "Kamerabevakning",
        "CCTV surveillance",
        "effective",
        "Piza, E. L., Welsh, B. C., Farrington, D. P. & Thomas, A. L. (2019). CCTV "
        "surveillance for crime prevention: A 40-year systematic review with meta-analysis. "
        "Criminology & Public Policy, 18(1), 135–159.",
        "En liten men tydlig minskning av brott, störst på parkeringsplatser och i "
        "bostadsområden; ingen tydlig effekt på våldsbrott.",
    ),
    (
        "Polisarbete på brottsintensiva platser (hot spots)",
        "Hot spots policing",
        "effective",
        "Braga, A. A., Turchan, B. S., Papachristos, A. V. & Hureau, D. M. (2019). Hot spots "
        "policing of small geographic areas effects on crime. Campbell Systematic Reviews, "
        "15(3), e1046.",
        "Brotten minskade på de utvalda platserna, och i genomsnitt flyttade de inte till "
        "närliggande områden: där minskade de snarare också.",
    ),
    (
        "Fokuserat avskräckande (till exempel Sluta skjut)",
        "Focused deterrence",
        "effective",
        "Braga, A. A., Weisburd, D. & Turchan, B. (2019). Focused deterrence strategies "
        "effects on crime: A systematic review. Campbell Systematic Reviews, 15(3), e1051.",
        "En måttlig minskning av brott i genomsnitt, störst för strategier riktade mot gäng "
        "och kriminella grupper.",
    ),
    (
        "Grannsamverkan",
        "Neighbourhood watch",
        "promising",
        "Bennett, T., Holloway, K. & Farrington, D. (2008). The effectiveness of neighborhood "
        "watch. Campbell Systematic Reviews 2008:18.",
        "Grannsamverkan var i genomsnitt förknippad med färre brott, men studierna hade svaga "
        "upplägg.",
    ),
    (
        "Avskräckande besök på anstalt (Scared Straight)",
        "Prison visits to deter young people (Scared Straight)",
        "harmful",
        "Petrosino, A., Turpin-Petrosino, C., Hollis-Peel, M. E. & Lavenberg, J. G. (2013). "
        "'Scared Straight' and other juvenile awareness programs for preventing juvenile "
        "delinquency. Campbell Systematic Reviews 2013:5.",
        "Unga som deltog begick fler brott efteråt än unga i kontrollgrupperna.",
    ),
    (
        "Multisystemisk terapi (MST)",
        "Multisystemic therapy (MST)",
        "no_effect",
        "Sundell, K., Hansson, K., Löfholm, C. A., Olsson, T., Gustle, L.-H. & Kadesjö, C. "
        "(2008). The transportability of multisystemic therapy to Sweden: Short-term results "
        "from a randomized trial of conduct-disordered youths. Journal of Family Psychology, "
        "22(4), 550–560.",
        "I en svensk randomiserad studie gav MST inte bättre resultat än socialtjänstens "
        "vanliga insatser.",
    ),
    (
        "Kognitiva beteendeprogram för unga som begått brott",
        "Cognitive-behavioural programmes for offenders",
        "effective",
        "Lipsey, M. W., Landenberger, N. A. & Wilson, S. J. (2007). Effects of "
        "cognitive-behavioral programs for criminal offenders. Campbell Systematic Reviews "
        "2007:6.",
        "Återfallen i brott minskade i genomsnitt med ungefär en fjärdedel.",
    ),
    ("Idrottsaktiviteter", "Sports activities", "unknown", "", ""),
    ("Trygghetsvandringar", "Safety walks", "unknown", "", ""),
    ("Polis i skolan", "Police presence in school", "unknown", "", ""),
    ("Praktik och studiebesök", "Internships and study visits", "unknown", "", ""),
    ("Prova-på-aktiviteter", "Free try-out activities", "unknown", "", ""),
]


def load_catalogue(kind_model, revision_model):
    """Create the national entries, each with its first revision, if there are none."""
    if kind_model.objects.filter(kommun=None).exists():
        return
    for name, name_en, evidence, source, finding in CATALOGUE:
        kind = kind_model.objects.create(
            name=name, name_en=name_en, evidence=evidence, source=source, finding=finding
        )
        revision_model.objects.create(
            kind=kind,
            action="created",
            fields={"name": [None, name], "evidence": [None, evidence], "source": [None, source]},
        )
