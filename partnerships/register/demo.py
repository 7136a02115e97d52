"""Demo data: six partnerships in Haderslev Kommune, between the registry's demo companies and
the municipality, in each of the five states.

Each is made through create_partnership() and change_status(), as the caseworker makes them,
and then moved back in time: created, its status changes, activities over the last year and,
for those that are active, results with dates. "Grøn pleje af kommunens arealer" has had no
activity for five months, so the admin home's tile shows 1. Only the active ones whose company
members all consented to be shown (listing_consent in portal/registry/demo.py) are public
examples. A partnership that is already there (by its title) is left as it is: `make run` loads
the demo every time.

load_demo_partnership_history() adds nine more over the two years before (HISTORY), formed,
ended or given up, with dated results, so the dashboard has trends and a year to compare with.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from partnerships.models import (
    Partnership,
    PartnershipActivity,
    PartnershipMember,
    PartnershipResult,
    PartnershipStatusChange,
)
from partnerships.register import services
from portal.accounts.demo_staff import demo_staff_user
from portal.registry.models import Company

Status = Partnership.Status
Activity = PartnershipActivity.Kind
Result = PartnershipResult.Kind

MUNICIPALITY = "Kommunen"
KERNEN = "96100159"
CYKLER = "96100310"
GENBRUG = "96100426"
AEBLEHAVEN = "96100582"
AARO = "96100647"
EMBALLAGE = "96100779"
TOEMRER = "96100892"
BAGERI = "96100930"

# Members as (CVR or MUNICIPALITY, what the member brings); statuses as (status, days ago);
# activities as (days ago, kind, participants, note); results as (days ago, kind, number, note).
DEMO_PARTNERSHIPS = [
    {
        "title": "Frokost fra Café Kernen i Rådhuskantinen",
        "purpose": (
            "Kommunens medarbejdere får frisk frokost, og Café Kernen får en fast kunde, så "
            "flere fra kanten af arbejdsmarkedet kan få et job i køkkenet."
        ),
        "members": [
            (MUNICIPALITY, "Køber frokost til Rådhuskantinen fire dage om ugen."),
            (KERNEN, "Laver og leverer frokosten og oplærer nye medarbejdere i køkkenet."),
        ],
        "statuses": [
            (Status.IDEA, 340),
            (Status.DEVELOPMENT, 300),
            (Status.AGREED, 250),
            (Status.ACTIVE, 210),
        ],
        "activities": [
            (
                340,
                Activity.IDEA_MEETING,
                "Mette Lauridsen (Café Kernen), kantinelederen, erhvervskonsulenten",
                "Idé: Café Kernen leverer frokost til kantinen.",
            ),
            (
                300,
                Activity.VISIT,
                "Kantinelederen og erhvervskonsulenten",
                "Besøg i caféens køkken. Kapaciteten rækker til 60 kuverter om dagen.",
            ),
            (
                250,
                Activity.MEETING,
                "Mette Lauridsen, indkøbskonsulenten",
                "Aftale om levering fire dage om ugen, med prøveperiode på tre måneder.",
            ),
            (
                120,
                Activity.MEETING,
                "Mette Lauridsen, kantinelederen",
                "Evaluering: gode tilbagemeldinger, ønske om flere vegetarretter.",
            ),
            (
                20,
                Activity.PHONE,
                "Mette Lauridsen og erhvervskonsulenten",
                "Aftalen forlænges et år.",
            ),
        ],
        "results": [
            (200, Result.EMPLOYED_FROM_EDGE, 2, "To nye køkkenmedhjælpere i fleksjob."),
            (90, Result.TRAINING_PLACES, 3, "Tre praktikpladser i køkkenet."),
            (30, Result.JOBS, 1, "En fastansat kok til at lede produktionen."),
        ],
        "public": True,
        "public_summary": (
            "Café Kernen laver frokost til medarbejderne på Haderslev Rådhus. Den faste "
            "aftale med kommunen har givet job og praktik til folk, der har været længe uden "
            "arbejde."
        ),
    },
    {
        "title": "Praktikpladser i pakkeriet hos Sønderjysk Emballage",
        "purpose": (
            "Medarbejdere og frivillige fra Østergades Genbrug prøver kræfter med et "
            "produktionsjob, og Sønderjysk Emballage får hænder til pakkeopgaverne."
        ),
        "members": [
            (EMBALLAGE, "Stiller fire praktikpladser i pakkeriet til rådighed og en mentor."),
            (GENBRUG, "Finder kandidaterne og følger dem i praktikken."),
        ],
        "statuses": [(Status.IDEA, 150), (Status.DEVELOPMENT, 110), (Status.AGREED, 25)],
        "activities": [
            (
                150,
                Activity.IDEA_MEETING,
                "Henrik Schmidt (Sønderjysk Emballage), Birgit Holm "
                "(Østergades Genbrug), jobcentrets virksomhedskonsulent",
                "Sønderjysk Emballage vil gerne tage praktikanter fra genbrugsbutikken.",
            ),
            (
                110,
                Activity.VISIT,
                "Birgit Holm og to medarbejdere fra butikken",
                "Rundvisning i pakkeriet. Arbejdet passer til flere af butikkens medarbejdere.",
            ),
            (
                60,
                Activity.EMAIL,
                "Henrik Schmidt og virksomhedskonsulenten",
                "Udkast til praktikaftale sendt.",
            ),
            (
                25,
                Activity.MEETING,
                "Henrik Schmidt, Birgit Holm, virksomhedskonsulenten",
                "Aftalen er underskrevet. De første to starter i januar.",
            ),
        ],
        "results": [],
        "public": False,
    },
    {
        "title": "Overskudsbrød fra Kirkepladsens Bageri til Café Kernen",
        "purpose": (
            "Dagens brød, der ikke bliver solgt, bruges i Café Kernens køkken i stedet for at "
            "blive smidt ud."
        ),
        "members": [
            (BAGERI, "Giver brød og kager fra dagen før."),
            (KERNEN, "Henter brødet og bruger det i frokostretter og til madpakker."),
        ],
        "statuses": [(Status.IDEA, 40)],
        "activities": [
            (
                40,
                Activity.PHONE,
                "Karen Wind (Kirkepladsens Bageri) og erhvervskonsulenten",
                "Bageriet smider brød ud hver dag og vil hellere give det væk.",
            ),
            (
                12,
                Activity.IDEA_MEETING,
                "Karen Wind, Mette Lauridsen (Café Kernen), erhvervskonsulenten",
                "Afhentning to gange om ugen undersøges.",
            ),
        ],
        "results": [],
        "public": False,
    },
    {
        "title": "Unge fra Åens Cykelværksted i lære som tømrer",
        "purpose": (
            "Unge uden uddannelse, der har fået fodfæste på cykelværkstedet, får en vej ind i "
            "en håndværksuddannelse."
        ),
        "members": [
            (TOEMRER, "Tager unge i praktik og tilbyder en læreplads, når praktikken går godt."),
            (CYKLER, "Forbereder de unge og holder kontakten, mens de er i praktik."),
        ],
        "statuses": [(Status.IDEA, 365), (Status.DEVELOPMENT, 330), (Status.ACTIVE, 280)],
        "activities": [
            (
                365,
                Activity.IDEA_MEETING,
                "Lars Nissen (Gram Tømrer og Snedker), Jonas Brodersen (Åens Cykelværksted)",
                "Idé fra netværksmødet om rekruttering.",
            ),
            (
                330,
                Activity.MEETING,
                "Lars Nissen, Jonas Brodersen, UU-vejlederen",
                "Forløb på fire uger i praktik, derefter mulighed for læreplads.",
            ),
            (180, Activity.VISIT, "Erhvervskonsulenten", "Besøg på byggepladsen i Gram."),
            (
                45,
                Activity.MEETING,
                "Lars Nissen og Jonas Brodersen",
                "Status: to unge i lære, en ny i praktik fra februar.",
            ),
        ],
        "results": [
            (260, Result.TRAINING_PLACES, 2, "To praktikforløb på fire uger."),
            (150, Result.EMPLOYED_FROM_EDGE, 1, "En ung ansat som tømrerlærling."),
            (50, Result.EMPLOYED_FROM_EDGE, 1, "Endnu en lærling."),
        ],
        "public": True,
        "public_summary": (
            "Unge, der har lært at skrue på cykler hos Åens Cykelværksted, kommer i praktik "
            "hos Gram Tømrer og Snedker. To af dem er nu i lære som tømrer."
        ),
    },
    {
        "title": "Grøn pleje af kommunens arealer",
        "purpose": (
            "Æblehaven Grønne Hænder passer en del af kommunens grønne arealer i Gram, så "
            "sygemeldte kan komme tilbage til arbejdet i det fri."
        ),
        "members": [
            (
                MUNICIPALITY,
                "Park og Vej kan udbyde plejen af to arealer som en reserveret kontrakt.",
            ),
            (AEBLEHAVEN, "Passer arealerne med hold, hvor sygemeldte arbejder med."),
        ],
        "statuses": [(Status.IDEA, 230), (Status.DEVELOPMENT, 190)],
        "activities": [
            (
                230,
                Activity.IDEA_MEETING,
                "Peter Juhl (Æblehaven Grønne Hænder), Park og Vej",
                "Idé om pleje af arealerne ved Gram Slot og skolen.",
            ),
            (
                190,
                Activity.MEETING,
                "Peter Juhl, indkøbskonsulenten",
                "Reserverede kontrakter og sociale klausuler gennemgået.",
            ),
            (150, Activity.EMAIL, "Indkøbskonsulenten", "Venter på Park og Vejs budget."),
        ],
        "results": [],
        "public": False,
    },
    {
        "title": "Fælles stand på Haderslev Marked",
        "purpose": (
            "Tre socialøkonomiske virksomheder viste sammen, hvad de laver og sælger, på "
            "sommerens marked."
        ),
        "members": [
            (KERNEN, "Kaffe og kage på standen."),
            (CYKLER, "Cykelservice og salg af brugte cykler."),
            (AARO, "Bemandede standen og lavede lodtrækningen."),
        ],
        "statuses": [
            (Status.IDEA, 200),
            (Status.AGREED, 170),
            (Status.ACTIVE, 140),
            (Status.ENDED, 125),
        ],
        "activities": [
            (
                200,
                Activity.IDEA_MEETING,
                "Mette Lauridsen, Jonas Brodersen, Amina Hassan (Aarø Rengøringskooperativ)",
                "Fælles stand i stedet for tre små.",
            ),
            (
                140,
                Activity.OTHER,
                "Medarbejdere fra de tre virksomheder",
                "Markedsdagene: omkring 400 besøgende ved standen.",
            ),
            (
                126,
                Activity.MEETING,
                "Mette Lauridsen, Jonas Brodersen, Amina Hassan",
                "Evaluering: gentages næste år, måske med flere virksomheder.",
            ),
        ],
        "results": [
            (140, Result.JOBS, 1, "En sæsonansættelse i Aarø Rengøringskooperativ."),
        ],
        "public": False,
    },
]

GAARDBUTIK = "96101058"
VASKERI = "96101066"
SYVAERKSTED = "96101074"
FLYTTESERVICE = "96101082"

# The two years before: partnerships formed, ended or given up, so the dashboard's trends and
# its comparison with last year have something to show. Not public examples. Each one still
# running has an activity in the last 90 days, so "Grøn pleje af kommunens arealer" stays the
# only quiet one.
HISTORY = [
    {
        "title": "Vask af tøj og linned fra plejecentrene hos Vojens Vaskeri",
        "purpose": (
            "Plejecentrenes linned vaskes lokalt, og Vojens Vaskeri får en fast opgave, der "
            "giver job til folk, der har været længe uden arbejde."
        ),
        "members": [
            (MUNICIPALITY, "Plejecentrene i Vojens sender linned og arbejdstøj til vask."),
            (VASKERI, "Henter, vasker og leverer to gange om ugen."),
        ],
        "statuses": [
            (Status.IDEA, 700),
            (Status.DEVELOPMENT, 660),
            (Status.AGREED, 600),
            (Status.ACTIVE, 570),
        ],
        "activities": [
            (700, Activity.IDEA_MEETING, "Vaskeriets leder, plejecentrenes leder", "Idé."),
            (600, Activity.MEETING, "Vaskeriets leder, indkøbskonsulenten", "Aftale indgået."),
            (300, Activity.MEETING, "Vaskeriets leder, plejecentrenes leder", "Evaluering."),
            (40, Activity.PHONE, "Vaskeriets leder og erhvervskonsulenten", "Aftalen forlænges."),
        ],
        "results": [
            (560, Result.JOBS, 2, "To vaskeriassistenter."),
            (400, Result.EMPLOYED_FROM_EDGE, 3, "Tre ansat i fleksjob."),
            (200, Result.TRAINING_PLACES, 2, "To praktikpladser."),
            (60, Result.EMPLOYED_FROM_EDGE, 1, "En ansat med løntilskud."),
        ],
    },
    {
        "title": "Reparation af arbejdstøj hos Christiansfeld Syværksted",
        "purpose": "Arbejdstøjet repareres i stedet for at blive kasseret.",
        "members": [
            (EMBALLAGE, "Sender arbejdstøj til reparation hver måned."),
            (SYVAERKSTED, "Reparerer og syr logo på."),
        ],
        "statuses": [
            (Status.IDEA, 640),
            (Status.AGREED, 600),
            (Status.ACTIVE, 580),
            (Status.ENDED, 220),
        ],
        "activities": [
            (640, Activity.IDEA_MEETING, "Henrik Schmidt og syværkstedets leder", "Idé."),
            (590, Activity.VISIT, "Erhvervskonsulenten", "Besøg på syværkstedet."),
            (230, Activity.MEETING, "Henrik Schmidt og syværkstedets leder", "Afsluttet."),
        ],
        "results": [
            (550, Result.JOBS, 1, "En syerske på deltid."),
            (500, Result.TRAINING_PLACES, 1, "En praktikplads."),
        ],
    },
    {
        "title": "Flytning af kontorer, da forvaltningen flyttede sammen",
        "purpose": "Haderslev Flytteservice flyttede forvaltningens kontorer på Rådhuset.",
        "members": [
            (MUNICIPALITY, "Købte flytningen som en reserveret kontrakt."),
            (FLYTTESERVICE, "Pakkede, flyttede og stillede op."),
        ],
        "statuses": [
            (Status.IDEA, 520),
            (Status.AGREED, 480),
            (Status.ACTIVE, 470),
            (Status.ENDED, 380),
        ],
        "activities": [
            (520, Activity.MEETING, "Indkøbskonsulenten og flytteservicens leder", "Tilbud."),
            (385, Activity.MEETING, "Indkøbskonsulenten", "Flytningen er afsluttet."),
        ],
        "results": [
            (470, Result.EMPLOYED_FROM_EDGE, 2, "To ansat til flytningen, siden fastansat."),
            (450, Result.JOBS, 1, "En holdleder."),
        ],
    },
    {
        "title": "Grøntsager fra Gram Gårdbutik til Café Kernens køkken",
        "purpose": "Café Kernen køber årstidens grøntsager hos Gram Gårdbutik.",
        "members": [
            (GAARDBUTIK, "Leverer grøntsager hver uge."),
            (KERNEN, "Køber grøntsagerne til frokostordningen."),
        ],
        "statuses": [(Status.IDEA, 480), (Status.DEVELOPMENT, 450), (Status.ACTIVE, 420)],
        "activities": [
            (480, Activity.IDEA_MEETING, "Mette Lauridsen og gårdbutikkens leder", "Idé."),
            (420, Activity.MEETING, "Mette Lauridsen og gårdbutikkens leder", "Aftale."),
            (200, Activity.PHONE, "Mette Lauridsen", "Flere leverancer om sommeren."),
            (55, Activity.VISIT, "Erhvervskonsulenten", "Besøg i gårdbutikken."),
        ],
        "results": [
            (400, Result.JOBS, 1, "En medarbejder til pakning og levering."),
            (180, Result.TRAINING_PLACES, 1, "En praktikplads i gårdbutikken."),
        ],
    },
    {
        "title": "Rengøring af Kirkepladsens Bageri",
        "purpose": "Aarø Rengøringskooperativ gør rent i bageriet hver aften.",
        "members": [
            (BAGERI, "Køber rengøringen."),
            (AARO, "Gør rent efter lukketid."),
        ],
        "statuses": [(Status.IDEA, 430), (Status.AGREED, 400), (Status.ACTIVE, 390)],
        "activities": [
            (430, Activity.IDEA_MEETING, "Karen Wind og Amina Hassan", "Idé."),
            (390, Activity.MEETING, "Karen Wind og Amina Hassan", "Aftale."),
            (70, Activity.PHONE, "Karen Wind og erhvervskonsulenten", "Godt samarbejde."),
        ],
        "results": [
            (380, Result.JOBS, 2, "To rengøringsassistenter."),
            (300, Result.EMPLOYED_FROM_EDGE, 1, "En ansat fra kanten af arbejdsmarkedet."),
        ],
    },
    {
        "title": "Servicetjek af kommunens tjenestecykler",
        "purpose": "Åens Cykelværksted holder kommunens tjenestecykler kørende.",
        "members": [
            (MUNICIPALITY, "Betaler for et servicetjek to gange om året."),
            (CYKLER, "Henter, reparerer og leverer cyklerne."),
        ],
        # Agreed, then back to development when the budget changed, then agreed again.
        "statuses": [
            (Status.IDEA, 380),
            (Status.DEVELOPMENT, 340),
            (Status.AGREED, 300),
            (Status.DEVELOPMENT, 260),
            (Status.AGREED, 230),
            (Status.ACTIVE, 210),
        ],
        "activities": [
            (380, Activity.IDEA_MEETING, "Jonas Brodersen og Park og Vej", "Idé."),
            (300, Activity.MEETING, "Jonas Brodersen og indkøbskonsulenten", "Aftale."),
            (260, Activity.EMAIL, "Indkøbskonsulenten", "Budgettet er ændret: ny aftale."),
            (230, Activity.MEETING, "Jonas Brodersen og indkøbskonsulenten", "Ny aftale."),
            (30, Activity.PHONE, "Jonas Brodersen", "Forårets servicetjek planlagt."),
        ],
        "results": [
            (200, Result.TRAINING_PLACES, 2, "To unge i praktik på værkstedet."),
            (100, Result.JOBS, 1, "En cykelmekaniker på deltid."),
        ],
    },
    {
        "title": "Genbrugstræ fra Gram Tømrer og Snedker til Østergades Genbrug",
        "purpose": "Træ fra byggepladserne skulle blive til møbler i genbrugsbutikken.",
        "members": [
            (TOEMRER, "Ville give træ fra byggepladserne."),
            (GENBRUG, "Ville lave møbler af træet."),
        ],
        # Never agreed: the idea was given up.
        "statuses": [(Status.IDEA, 300), (Status.DEVELOPMENT, 270), (Status.ENDED, 240)],
        "activities": [
            (300, Activity.IDEA_MEETING, "Lars Nissen og Birgit Holm", "Idé."),
            (245, Activity.PHONE, "Birgit Holm", "Butikken har ikke plads til et værksted."),
        ],
        "results": [],
    },
    {
        "title": "Fælles jobdag for socialøkonomiske virksomheder",
        "purpose": "Tre socialøkonomiske virksomheder holdt en fælles jobdag på biblioteket.",
        "members": [
            (KERNEN, "Stod for forplejningen."),
            (AEBLEHAVEN, "Fortalte om jobbene i det grønne."),
            (GENBRUG, "Fortalte om jobbene i butikken."),
        ],
        "statuses": [
            (Status.IDEA, 260),
            (Status.AGREED, 230),
            (Status.ACTIVE, 160),
            (Status.ENDED, 140),
        ],
        "activities": [
            (260, Activity.IDEA_MEETING, "Mette Lauridsen, Peter Juhl, Birgit Holm", "Idé."),
            (160, Activity.OTHER, "Medarbejdere fra de tre virksomheder", "Jobdagen."),
            (142, Activity.MEETING, "Mette Lauridsen, Peter Juhl, Birgit Holm", "Evaluering."),
        ],
        "results": [
            (150, Result.JOBS, 2, "To ansat efter jobdagen."),
            (150, Result.EMPLOYED_FROM_EDGE, 2, "To fra kanten af arbejdsmarkedet."),
        ],
    },
    {
        "title": "Mentorer fra Aarø Rengøringskooperativ hos Sønderjysk Emballage",
        "purpose": "Erfarne kolleger fra kooperativet er mentorer for nye medarbejdere.",
        "members": [
            (EMBALLAGE, "Betaler mentortimerne."),
            (AARO, "Stiller to erfarne mentorer."),
        ],
        "statuses": [(Status.IDEA, 180), (Status.DEVELOPMENT, 150), (Status.AGREED, 100)],
        "activities": [
            (180, Activity.IDEA_MEETING, "Henrik Schmidt og Amina Hassan", "Idé."),
            (100, Activity.MEETING, "Henrik Schmidt og Amina Hassan", "Aftale."),
            (35, Activity.PHONE, "Amina Hassan", "De første mentorforløb er i gang."),
        ],
        "results": [],
    },
]


@transaction.atomic
def load_demo_partnerships() -> list[Partnership]:
    """Create the demo partnerships that are not there yet; safe to run again."""
    return _load(DEMO_PARTNERSHIPS)


@transaction.atomic
def load_demo_partnership_history() -> list[Partnership]:
    """The two years before the demo partnerships, for the dashboard; safe to run again."""
    return _load(HISTORY)


def _load(rows: list[dict]) -> list[Partnership]:
    by = demo_staff_user()
    companies = {company.cvr: company for company in Company.objects.exclude(cvr="")}
    partnerships = []
    for data in rows:
        existing = Partnership.objects.filter(title=data["title"]).first()
        if existing is None:
            cvrs = [cvr for cvr, _text in data["members"] if cvr != MUNICIPALITY]
            if any(cvr not in companies for cvr in cvrs):
                continue  # the registry's demo companies were changed by hand
            existing = _create(data, companies=[companies[cvr] for cvr in cvrs], by=by)
        partnerships.append(existing)
    return partnerships


def _ago(days: int) -> datetime.datetime:
    moment = timezone.localtime() - datetime.timedelta(days=days)
    return moment.replace(hour=10, minute=0, second=0, microsecond=0)


def _create(data: dict, *, companies: list[Company], by) -> Partnership:
    (first_status, first_days), *later = data["statuses"]
    partnership = services.create_partnership(
        title=data["title"],
        purpose=data["purpose"],
        companies=companies,
        with_municipality=any(cvr == MUNICIPALITY for cvr, _text in data["members"]),
        status=first_status,
        by=by,
    )
    for status, _days in later:
        services.change_status(partnership=partnership, status=status, by=by)
    # Back in time: the partnership and each change on its own date.
    changes = list(partnership.status_changes.order_by("changed_at", "pk"))
    for change, (_status, days) in zip(changes, data["statuses"], strict=True):
        PartnershipStatusChange.objects.filter(pk=change.pk).update(changed_at=_ago(days))
    Partnership.objects.filter(pk=partnership.pk).update(
        created_at=_ago(first_days),
        status_changed_at=_ago(data["statuses"][-1][1]),
        public=data.get("public", False),
        public_summary=data.get("public_summary", ""),
    )
    contributions = dict(data["members"])
    for member in partnership.members.select_related("company"):
        key = MUNICIPALITY if member.is_municipality else member.company.cvr
        PartnershipMember.objects.filter(pk=member.pk).update(contribution=contributions[key])
    today = timezone.localdate()
    PartnershipActivity.objects.bulk_create(
        PartnershipActivity(
            partnership=partnership,
            date=today - datetime.timedelta(days=days),
            kind=kind,
            participants=participants,
            note=note,
            created_by=by,
        )
        for days, kind, participants, note in data["activities"]
    )
    PartnershipResult.objects.bulk_create(
        PartnershipResult(
            partnership=partnership,
            date=today - datetime.timedelta(days=days),
            kind=kind,
            number=number,
            note=note,
        )
        for days, kind, number, note in data["results"]
    )
    partnership.refresh_from_db()
    return partnership
