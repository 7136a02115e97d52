"""Principle 1's measures for the dashboard (success criterion 1: one entry to advice and easily
accessible information material). guidance/extensions.py registers them.

Enquiries are counted by their own received time (set with their case's, the moment portal's
"Henvendelser modtaget" counts, without a join), so the breakdowns add up to the advice cases
among those.
"""

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from guidance.models import Enquiry, Outreach
from portal.dashboard.measures import Criterion, Measure
from portal.dashboard.models import Tally

# The anonymous day counts the pages keep (portal/dashboard/tallies.py).
SELF_CHECK = "guidance.self_check"
ARTICLE_VIEW = "guidance.article_view"  # key: the article's slug

ENQUIRIES_BY_TOPIC = Measure(
    name="guidance.enquiries_by_topic",
    label=_("Henvendelser om rådgivning efter emne"),
    explanation=_(
        "Henvendelser sendt med formularen »Få råd og vejledning«, talt den dag de blev "
        "modtaget og fordelt på det emne, henvenderen valgte. Anonymiserede henvendelser "
        "tælles med."
    ),
    criterion=Criterion.ONE_ENTRY,
    queryset=lambda: Enquiry.objects.all(),
    date_field="created_at",
    breakdown="topic",
    order=20,
)

ENQUIRIES_BY_ROLE = Measure(
    name="guidance.enquiries_by_role",
    label=_("Henvendelser om rådgivning efter hvem der spørger"),
    explanation=_(
        "De samme henvendelser om rådgivning, fordelt på hvad henvenderen selv oplyste at være: "
        "privatperson, iværksætter, etableret virksomhed eller forening."
    ),
    criterion=Criterion.ONE_ENTRY,
    queryset=lambda: Enquiry.objects.all(),
    date_field="created_at",
    breakdown="role",
    order=21,
)

SELF_CHECKS = Measure(
    name="guidance.self_checks",
    label=_("Selvtjek gennemført"),
    explanation=_(
        "Hvor mange gange nogen har besvaret alle spørgsmål i selvtjekket »Er det en "
        "socialøkonomisk virksomhed?« og fået et resultat. Tælles uden cookies og uden at "
        "skelne mellem besøgende, så den samme person kan tælle flere gange; søgemaskiner og "
        "kommunens egne medarbejdere tælles ikke."
    ),
    criterion=Criterion.ONE_ENTRY,
    queryset=lambda: Tally.objects.filter(name=SELF_CHECK),
    date_field="day",
    value=Sum("count"),
    trend=True,
    public=True,
    order=30,
)

ARTICLE_VIEWS = Measure(
    name="guidance.article_views",
    label=_("Visninger af artikler"),
    explanation=_(
        "Hvor mange gange en offentliggjort artikel under »Viden« er blevet åbnet. Tælles uden "
        "cookies og uden at skelne mellem besøgende, så en genindlæsning tæller igen; "
        "søgemaskiner, forhåndsvisninger og kommunens egne medarbejdere tælles ikke."
    ),
    criterion=Criterion.ONE_ENTRY,
    queryset=lambda: Tally.objects.filter(name=ARTICLE_VIEW),
    date_field="day",
    value=Sum("count"),
    trend=True,
    order=31,
)

OUTREACH = Measure(
    name="guidance.outreach",
    label=_("Kontakter med virksomheder"),
    explanation=_(
        "De direkte kontakter, kommunen selv har taget til virksomheder (telefon, e-mail, møde "
        "eller arrangement), talt på kontaktens dato og fordelt på, hvad kontakten førte til."
    ),
    criterion=Criterion.ONE_ENTRY,
    queryset=lambda: Outreach.objects.all(),
    date_field="date",
    breakdown="outcome",
    trend=True,
    order=40,
)

GUIDANCE_MEASURES = [ENQUIRIES_BY_TOPIC, ENQUIRIES_BY_ROLE, SELF_CHECKS, ARTICLE_VIEWS, OUTREACH]
