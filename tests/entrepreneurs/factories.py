"""Factories for principle 3: a realistic scheme, open today, and an application on a case."""

import datetime

import factory
from django.utils import timezone

from entrepreneurs.models import (
    COURSE_KIND,
    BudgetLine,
    Course,
    CourseSession,
    GrantApplication,
    SchemePeriod,
    SupportScheme,
)
from portal.cases import services as cases
from portal.cases.models import Case
from portal.intake import ContactData, new_contact
from tests.factories import OccasionFactory


class SupportSchemeFactory(factory.django.DjangoModelFactory):
    """Iværksætterpuljen: up to 50.000 kr., half the budget, 300.000 kr. a year, open now."""

    class Meta:
        model = SupportScheme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Iværksætterpuljen {n}")
    slug = factory.Sequence(lambda n: f"ivaerksaetterpuljen-{n}")
    summary = "Tilskud til at etablere en socialøkonomisk virksomhed i kommunen."
    legal_basis = (
        "Lov om erhvervsfremme § 14, stk. 1, og kommunalfuldmagtsreglerne. Støtten ydes som "
        "de minimis-støtte efter Kommissionens forordning (EU) 2023/2831."
    )
    eligibility = "Iværksættere med en socialøkonomisk idé og adresse i kommunen."
    max_amount = 50_000
    max_share_percent = 50
    yearly_pool = 300_000
    requires_de_minimis = True
    text_who_can_apply = "Du kan søge, hvis du bor eller vil etablere virksomheden i kommunen."
    text_what_is_funded = "Udgifter til at etablere virksomheden: udstyr, rådgivning, lokaler."
    text_assessment = "Vi vurderer idéen ud fra de fem kendetegn og budgettet."
    text_processing_time = "Du får en afgørelse inden for 30 arbejdsdage."
    decision_working_days = 30
    complaint_guidance = (
        "Du kan klage over afgørelsen til kommunen. Skriv til os, og fortæl, hvad du er uenig i."
    )
    complaint_weeks = 4
    published = True

    @factory.post_generation
    def open_period(self, create, extracted, **kwargs):
        # Open from a month ago to two months ahead, unless open_period=False.
        if create and extracted is not False:
            today = timezone.localdate()
            SchemePeriod.objects.create(
                scheme=self,
                opens_on=today - datetime.timedelta(days=30),
                closes_on=today + datetime.timedelta(days=60),
            )


def open_grant_case(*, name="Mette Jensen", email="mette@example.dk", phone="") -> Case:
    person = new_contact(
        contact=ContactData(name=name, email=email, phone=phone), company=None, reason="test"
    )
    return cases.open_case(
        kind=Case.Kind.GRANT,
        contact=person,
        subject="Ansøgning om støtte: Café Kanten",
        answer_within_working_days=30,
    )


class GrantApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application for 40.000 kr. of a budget of 100.000 kr."""

    class Meta:
        model = GrantApplication
        skip_postgeneration_save = True

    case = factory.LazyFunction(open_grant_case)
    scheme = factory.SubFactory(SupportSchemeFactory)
    address = "Storegade 12"
    postcode = "6100"
    city = "Haderslev"
    enterprise_name = "Café Kanten"
    legal_form = "association"
    social_purpose = "En café, der giver job til unge, der står uden for arbejdsmarkedet."
    criterion_purpose = "Formålet er at skabe job og træning for unge uden uddannelse."
    criterion_sales = "Vi sælger kaffe, frokost og catering til virksomheder."
    criterion_surplus = "Et overskud går til flere praktikpladser."
    criterion_independence = "Foreningen har sin egen bestyrelse uden kommunale medlemmer."
    criterion_cvr = "Vi får CVR-nummer, når foreningen er stiftet."
    business_model = "Salg til gæster og frokostordninger til virksomheder i byen."
    target_group = "Unge 18–30 år uden uddannelse eller job."
    expected_employees = 4
    amount_requested = 40_000
    de_minimis_received = 0
    declared_at = factory.LazyFunction(timezone.now)
    # The decision answers the case: its date is the case's deadline.
    expected_decision_on = factory.LazyAttribute(lambda o: o.case.deadline)

    @factory.post_generation
    def budget(self, create, extracted, **kwargs):
        if create:
            lines = extracted or [("Kaffemaskine og inventar", 60_000), ("Rådgivning", 40_000)]
            for position, (item, amount) in enumerate(lines):
                BudgetLine.objects.create(
                    application=self, position=position, item=item, amount=amount
                )


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Fra idé til virksomhed {n}")
    slug = factory.Sequence(lambda n: f"fra-ide-til-virksomhed-{n}")
    summary = "Tre aftener om forretningsmodel, virksomhedsform og socialt formål."
    description = "Et kursus for dig, der har en idé til en socialøkonomisk virksomhed."
    audience = "Iværksættere med en idé, med eller uden CVR-nummer."
    outcomes = "Forretningsmodel\nVirksomhedsform\nBudget"
    teacher = "Anne Underviser"
    price = 0
    published = True


class CourseSessionFactory(factory.django.DjangoModelFactory):
    """A published session three weeks from now (its Occasion comes with it)."""

    class Meta:
        model = CourseSession

    occasion = factory.SubFactory(
        OccasionFactory,
        kind=COURSE_KIND,
        title=factory.Sequence(lambda n: f"Fra idé til virksomhed, hold {n}"),
        max_seats_per_registration=1,
    )
    course = factory.SubFactory(CourseFactory)
