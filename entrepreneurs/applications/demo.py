"""Demo data: Iværksætterpuljen, open this year and next, and four submitted applications.

The applications are typed into drafts and submitted through the same service as the public
form, each draft with a fixed token (its submission key), so a rerun adds nothing. Part C's
demo adds decisions to some of them by their enterprise names: keep the names stable.
"""

import datetime

from django.utils import timezone

from entrepreneurs.applications import services
from entrepreneurs.models import ApplicationDraft, GrantApplication, SchemePeriod, SupportScheme
from portal.cases.models import Case, CaseEvent
from portal.cases.workdays import add_working_days

SCHEME_SLUG = "ivaerksaetterpuljen"

DEMO_SCHEME = {
    "name": "Iværksætterpuljen for socialøkonomiske virksomheder",
    "summary": (
        "Tilskud på op til 50.000 kr. til at etablere en socialøkonomisk virksomhed i Haderslev "
        "Kommune."
    ),
    "legal_basis": (
        "Lov om erhvervsfremme (lovbekendtgørelse nr. 1210 af 27. november 2023) § 14, stk. 1, "
        "hvorefter kommunalbestyrelsen kan iværksætte lokale erhvervsfremmeaktiviteter, og "
        "de almindelige kommunalfuldmagtsregler. Tilskuddet ydes som de minimis-støtte efter "
        "Kommissionens forordning (EU) 2023/2831 af 13. december 2023 om anvendelse af "
        "artikel 107 og 108 i traktaten om Den Europæiske Unions funktionsmåde på de "
        "minimis-støtte: en virksomhed kan højst modtage 300.000 euro i de minimis-støtte "
        "over tre år."
    ),
    "eligibility": (
        "Støtten gives til at etablere en virksomhed, der lever op til de fem kendetegn for "
        "en socialøkonomisk virksomhed, og som har eller får adresse i Haderslev Kommune. "
        "Tilskuddet dækker højst halvdelen af etableringsbudgettet. Der gives ikke tilskud "
        "til drift, løn eller udgifter, der er afholdt, før ansøgningen er modtaget."
    ),
    "max_amount": 50_000,
    "max_share_percent": 50,
    "yearly_pool": 300_000,
    "requires_de_minimis": True,
    "text_who_can_apply": (
        "Du kan søge, hvis du vil starte, eller lige har startet, en socialøkonomisk "
        "virksomhed i Haderslev Kommune. Virksomheden kan være en forening, et selskab eller "
        "en enkeltmandsvirksomhed, og den behøver ikke have et CVR-nummer endnu."
    ),
    "text_what_is_funded": (
        "Udgifter til at etablere virksomheden: udstyr og inventar, indretning af lokaler, "
        "rådgivning (fx revisor eller advokat), hjemmeside og markedsføring ved åbningen."
    ),
    "text_assessment": (
        "Vi vurderer, om virksomheden lever op til de fem kendetegn, om budgettet er "
        "realistisk, og hvor mange mennesker fra kanten af arbejdsmarkedet virksomheden "
        "forventer at ansætte. Vi kan bede dig om flere oplysninger."
    ),
    "text_processing_time": (
        "Du får en skriftlig afgørelse senest 30 arbejdsdage efter, at vi har modtaget din "
        "ansøgning. Får du tilskud, udbetales det, når du har sendt dokumentation for "
        "udgifterne."
    ),
    "decision_working_days": 30,
    "complaint_guidance": (
        "Afgørelsen er truffet efter kommunalfuldmagtsreglerne og lov om erhvervsfremme og "
        "kan ikke påklages til en anden administrativ myndighed. Er du uenig, kan du skrive "
        "til Haderslev Kommune, Erhverv og Beskæftigelse, Gåskærgade 26, 6100 Haderslev, og "
        "bede os se på sagen igen. Du kan også klage til Ankestyrelsen, der fører tilsyn med "
        "kommunerne, eller til Folketingets Ombudsmand."
    ),
    "complaint_weeks": 4,
    "published": True,
}


def _answers(*, applicant, enterprise, purpose, business, lines, amount, de_minimis=(0, "")):
    names = ("name", "email", "phone", "address", "postcode", "city")
    budget = {"rows": str(len(lines))}
    for number, (item, line_amount) in enumerate(lines):
        budget[f"line-{number}-item"] = item
        budget[f"line-{number}-amount"] = line_amount
    budget |= {
        "amount_requested": amount,
        "de_minimis_received": str(de_minimis[0]),
        "de_minimis_details": de_minimis[1],
    }
    return {
        "ansoeger": dict(zip(names, applicant, strict=True)),
        "virksomhed": dict(
            zip(("enterprise_name", "cvr", "legal_form", "start_date"), enterprise, strict=True)
        ),
        "formaal": dict(
            zip(
                (
                    "social_purpose",
                    "criterion_purpose",
                    "criterion_sales",
                    "criterion_surplus",
                    "criterion_independence",
                    "criterion_cvr",
                ),
                purpose,
                strict=True,
            )
        ),
        "forretning": dict(
            zip(("business_model", "target_group", "expected_employees"), business, strict=True)
        ),
        "budget": budget,
    }


DEMO_APPLICATIONS = {
    "demo-application-cafe-kanten": _answers(
        applicant=(
            "Mette Hansen",
            "mette.hansen@example.dk",
            "21 43 65 87",
            "Nørregade 41",
            "6100",
            "Haderslev",
        ),
        enterprise=("Café Kanten", "", "association", "1.3.2027"),
        purpose=(
            "En café i Haderslev, hvor unge, der står uden for arbejdsmarkedet, får deres "
            "første job og en uddannelse i køkken og servering.",
            "Unge mellem 18 og 30 år uden uddannelse får træning, et ordinært job og hjælp "
            "videre til uddannelse.",
            "Vi sælger kaffe, frokost og catering til private og til virksomheder i byen.",
            "Et overskud går efter vedtægterne til flere praktikpladser og til caféens drift.",
            "Foreningen har sin egen bestyrelse; ingen medlemmer er udpeget af kommunen.",
            "Foreningen stiftes i januar, og så søger vi CVR-nummer.",
        ),
        business=(
            "Caféen sælger til gæster i gågaden og har frokostordninger med tre virksomheder.",
            "Unge 18–30 år, der hverken er i job eller uddannelse.",
            "4",
        ),
        lines=[
            ("Kaffemaskine og køkkenudstyr", "48.000"),
            ("Borde, stole og indretning", "32.000"),
            ("Revisor og stiftelse af foreningen", "8.000"),
            ("Hjemmeside og åbning", "12.000"),
        ],
        amount="45.000",
    ),
    "demo-application-aaens-cykel": _answers(
        applicant=(
            "Jonas Schmidt",
            "jonas@example.dk",
            "30 11 22 33",
            "Simmerstedvej 8",
            "6100",
            "Haderslev",
        ),
        enterprise=("Åens Cykelværksted", "", "aps", "15.1.2027"),
        purpose=(
            "Et cykelværksted, hvor mennesker med psykisk sårbarhed får et fast arbejde og "
            "et fællesskab.",
            "Vi giver mennesker med psykisk sårbarhed et arbejde i et roligt tempo.",
            "Vi reparerer og sælger brugte cykler og har service-aftaler med to skoler.",
            "Vedtægterne sikrer, at højst en lille del af overskuddet udbetales; resten går "
            "til værkstedet.",
            "Selskabet ejes af de to stiftere; kommunen har ingen indflydelse på driften.",
            "Vi registrerer selskabet, når vi har fået lokalerne.",
        ),
        business=(
            "Reparation og salg af brugte cykler til private og service på skolernes cykler.",
            "Voksne med psykisk sårbarhed, der har svært ved at klare et ordinært job.",
            "3",
        ),
        lines=[("Værktøj og reservedele", "26.000"), ("Indretning af værksted", "34.000")],
        amount="30.000",
    ),
    "demo-application-aaroe-rengoering": _answers(
        applicant=(
            "Fatima Al-Sayed",
            "fatima@example.dk",
            "42 42 17 17",
            "Gravene 3",
            "6100",
            "Haderslev",
        ),
        enterprise=("Aarø Rengøringskooperativ", "", "cooperative", "1.2.2027"),
        purpose=(
            "Et rengøringskooperativ ejet af medarbejderne, hvor kvinder med flygtningebaggrund "
            "får et fast job og en fod inden for på arbejdsmarkedet.",
            "Kvinder, der har været længe uden job, får en fast ansættelse og dansk på "
            "arbejdspladsen.",
            "Vi sælger rengøring til virksomheder og private i Haderslev og Vojens.",
            "Overskuddet bliver i kooperativet og bruges til uddannelse af medlemmerne.",
            "Kooperativet ejes og ledes af medlemmerne.",
            "Andelsselskabet får CVR-nummer ved stiftelsen i januar.",
        ),
        business=(
            "Rengøring af kontorer og trappeopgange på faste aftaler og hos private.",
            "Kvinder med flygtningebaggrund, der har været uden job i mere end et år.",
            "6",
        ),
        lines=[
            ("Rengøringsmaskiner og udstyr", "38.000"),
            ("Varebil, udbetaling", "40.000"),
            ("Advokat og stiftelse", "12.000"),
        ],
        amount="45.000",
        de_minimis=(15_000, "Opstartstilskud fra Fonden for Socialt Entreprenørskab, 2025."),
    ),
    "demo-application-graesrod": _answers(
        applicant=(
            "Karen Holm",
            "karen.holm@example.dk",
            "",
            "Jernbanegade 20",
            "6500",
            "Vojens",
        ),
        enterprise=("Græsrod Gartneri", "", "association", "1.4.2027"),
        purpose=(
            "Et økologisk gartneri i Vojens, hvor mennesker i ressourceforløb får arbejde i "
            "naturen.",
            "Arbejde i naturen for mennesker, der er langt fra arbejdsmarkedet.",
            "Vi sælger grøntsager i en gårdbutik og kasser til abonnenter.",
            "Overskuddet går til gartneriet og flere pladser.",
            "Foreningen har sin egen bestyrelse.",
            "Foreningen stiftes i februar.",
        ),
        business=(
            "Grøntsagskasser til abonnenter og en gårdbutik om sommeren.",
            "Borgere i ressourceforløb og jobafklaring.",
            "2",
        ),
        lines=[("Drivhus", "44.000"), ("Redskaber og frø", "12.000")],
        amount="25.000",
    ),
}


def load_demo_scheme() -> SupportScheme:
    scheme, _created = SupportScheme.objects.update_or_create(
        slug=SCHEME_SLUG, defaults=DEMO_SCHEME
    )
    year = timezone.localdate().year
    for opens_on, closes_on in (
        (datetime.date(year, 1, 1), datetime.date(year, 12, 31)),
        (datetime.date(year + 1, 2, 1), datetime.date(year + 1, 12, 31)),
    ):
        SchemePeriod.objects.get_or_create(scheme=scheme, opens_on=opens_on, closes_on=closes_on)
    return scheme


# How long ago each demo application came in, so the inbox looks like a working month: the
# oldest are ready for a decision (Part C's demo decides two of them today), the newest is new.
RECEIVED_DAYS_AGO = {
    "demo-application-cafe-kanten": 24,
    "demo-application-aaens-cykel": 17,
    "demo-application-aaroe-rengoering": 9,
    "demo-application-graesrod": 2,
}


def _received_days_ago(case: Case, days: int) -> None:
    """Move a just-submitted demo case back in time, with the dates that follow from it."""
    received_at = case.created_at - datetime.timedelta(days=days)
    application = case.grant_application
    deadline = add_working_days(
        timezone.localdate(received_at), application.scheme.decision_working_days
    )
    Case.objects.filter(pk=case.pk).update(created_at=received_at, deadline=deadline)
    CaseEvent.objects.filter(case=case).update(created_at=received_at)
    case.messages.update(created_at=received_at)
    GrantApplication.objects.filter(pk=application.pk).update(
        created_at=received_at, declared_at=received_at, expected_decision_on=deadline
    )


def load_demo_applications() -> None:
    """The scheme, and the four applications submitted through the public form's service."""
    scheme = load_demo_scheme()
    now = timezone.now()
    for token, answers in DEMO_APPLICATIONS.items():
        draft, _created = ApplicationDraft.objects.get_or_create(
            token=token,
            defaults={
                "scheme": scheme,
                "answers": answers,
                "email": answers["ansoeger"]["email"],
                "expires_at": services.draft_expiry(now),
            },
        )
        if draft.submitted_case_id is None:
            case = services.submit_application(draft=draft, declared=True)
            _received_days_ago(case, RECEIVED_DAYS_AGO[token])
