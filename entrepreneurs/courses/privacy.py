"""Course enrolments in the data-subject report and in retention.

A CourseEnrolment holds what a course asks beyond the seat: whether the person has a CVR number
and their idea in a few lines (free text, personal). The registration itself is portal's
(anonymised a year after the occasion by "ended_registrations"); the idea goes with it, by the
same period, under its own rule.
"""

from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entrepreneurs.models import CourseEnrolment
from portal.privacy.policy import Action, Period, RetentionRule
from portal.privacy.registry import Subject


def find_enrolments(subject: Subject) -> list[dict]:
    if not subject.email:
        return []  # the enrolment asks for no CVR number
    enrolments = (
        CourseEnrolment.objects.filter(registration__email__iexact=subject.email)
        .select_related("registration__occasion")
        .order_by("registration__created_at", "pk")
    )
    return [
        {
            _("Kursushold"): enrolment.registration.occasion.title,
            _("Har CVR-nummer"): enrolment.has_cvr,
            _("Idé"): enrolment.idea,
        }
        for enrolment in enrolments
    ]


ENROLMENT_IDEAS = RetentionRule(
    kind="course_enrolment_ideas",
    label=gettext_lazy("Idéer i tilmeldinger til iværksætterkurser"),
    counted_from=gettext_lazy("efter kursets afslutning"),
    keep_for=Period(years=1),
    legal_basis=gettext_lazy(
        "Databeskyttelsesforordningen art. 5, stk. 1, litra c og e (dataminimering og "
        "opbevaringsbegrænsning): idéen bruges til at tilrettelægge kurset. Et år efter "
        "kurset slettes den sammen med navn og kontaktoplysninger i tilmeldingen; om deltageren "
        "havde et CVR-nummer, bevares til statistik."
    ),
    action=Action.ANONYMISE,
)


def due_enrolment_ideas(cutoff: datetime, now: datetime) -> QuerySet:
    return (
        CourseEnrolment.objects.filter(registration__occasion__ends_at__lt=cutoff)
        .exclude(idea="")
        .order_by("pk")
    )


def clear_enrolment_ideas(batch: list[int], cutoff: datetime, now: datetime) -> int:
    ids = list(due_enrolment_ideas(cutoff, now).filter(pk__in=batch).values_list("pk", flat=True))
    CourseEnrolment.history.model.objects.filter(registration_id__in=ids).update(idea="")
    return CourseEnrolment.objects.filter(pk__in=ids).update(idea="")
