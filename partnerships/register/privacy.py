"""The partnership register's personal data for portal/privacy: the data-subject report and
retention.

An activity's participants and note are free text the caseworker writes ("Mette Lauridsen,
Café Kernen; Sara fra Erhverv"): they may name people. The rest of the register is about
companies and the municipality, not people.

The report searches by what a subject is: for a CVR number, every activity of the company's
partnerships; for an e-mail address, the activities whose participants or note mention the
address or the name of a contact in the registry with that address. A name in free text can
only be found by a text search, so the report may show a namesake's activity: the manager reads
the report before handing it over (portal/privacy/report.py).
"""

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.models import Partnership, PartnershipActivity
from portal.privacy.policy import Action, Period, RetentionRule
from portal.privacy.registry import Subject
from portal.privacy.report import when
from portal.privacy.services import ANONYMISED
from portal.registry.models import Contact


def find_partnership_activities(subject: Subject) -> list[dict]:
    if subject.cvr:
        activities = PartnershipActivity.objects.filter(
            partnership__members__company__cvr=subject.cvr
        )
    else:
        names = set(
            Contact.objects.filter(email__iexact=subject.email)
            .exclude(name="")
            .values_list("name", flat=True)
        )
        mentioned = Q(participants__icontains=subject.email) | Q(note__icontains=subject.email)
        for name in names:
            mentioned |= Q(participants__icontains=name) | Q(note__icontains=name)
        activities = PartnershipActivity.objects.filter(mentioned)
    return [
        {
            _("Partnerskab"): activity.partnership.title,
            _("Dato"): when(activity.date),
            _("Type"): activity.get_kind_display(),
            _("Deltagere"): activity.participants,
            _("Notat"): activity.note,
        }
        for activity in activities.select_related("partnership").order_by("date", "pk").distinct()
    ]


ACTIVITY_NOTES = RetentionRule(
    kind="partnership_activity_notes",
    label=gettext_lazy("Deltagere og notater i partnerskabers aktiviteter"),
    counted_from=gettext_lazy("efter partnerskabets afslutning"),
    keep_for=Period(years=5),
    legal_basis=gettext_lazy(
        "Databeskyttelsesforordningen art. 6, stk. 1, litra e (myndighedsudøvelse: kommunens "
        "erhvervsfremme og samarbejde med virksomheder) og art. 5, stk. 1, litra e "
        "(opbevaringsbegrænsning): hvem der deltog, og hvad der blev talt om, bruges til at "
        "udvikle og følge partnerskabet. Fem år efter, at det er afsluttet, anonymiseres "
        "deltagerne og notaterne; dato, type og partnerskabets resultater bevares til statistik."
    ),
    action=Action.ANONYMISE,
)


def due_activity_notes(cutoff: datetime, now: datetime) -> QuerySet:
    return (
        PartnershipActivity.objects.filter(
            partnership__status=Partnership.Status.ENDED,
            partnership__status_changed_at__lt=cutoff,
        )
        .exclude(participants=ANONYMISED, note="")
        .order_by("pk")
    )


def clear_activity_notes(batch: list[int], cutoff: datetime, now: datetime) -> int:
    ids = list(due_activity_notes(cutoff, now).filter(pk__in=batch).values_list("pk", flat=True))
    values = {"participants": ANONYMISED, "note": ""}
    PartnershipActivity.history.model.objects.filter(id__in=ids).update(**values)
    return PartnershipActivity.objects.filter(pk__in=ids).update(**values)
