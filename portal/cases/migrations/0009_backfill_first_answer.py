"""The first answer of every case answered before the dashboard counted answers: the first
message shown to the enquirer (a reply, a decision, or a status change sent with a message), as
cases.services.record_first_answer would have recorded it."""

from zoneinfo import ZoneInfo

from django.db import migrations
from django.db.models import Min, Q

from portal.cases.workdays import working_days_between

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def backfill(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    answered = (
        Case.objects.filter(first_answer_at__isnull=True)
        .annotate(
            answered_at=Min(
                "events__created_at",
                # A caseworker's status change with a message counts; not the opening entry
                # ("Sagen er modtaget"), which has no old status and no author.
                filter=Q(events__shared_with_enquirer=True)
                & (
                    Q(events__kind="message")
                    | Q(
                        events__kind="status_change",
                        events__text__gt="",
                        events__old_status__gt="",
                        events__author__isnull=False,
                    )
                ),
            )
        )
        .filter(answered_at__isnull=False)
    )
    batch = []
    for case in answered.iterator(chunk_size=500):
        received = case.created_at.astimezone(COPENHAGEN).date()
        answered_on = case.answered_at.astimezone(COPENHAGEN).date()
        case.first_answer_at = case.answered_at
        case.first_answer_workdays = max(working_days_between(received, answered_on), 0)
        batch.append(case)
        if len(batch) == 500:
            Case.objects.bulk_update(
                batch, ["first_answer_at", "first_answer_workdays"]
            )
            batch = []
    Case.objects.bulk_update(
        batch, ["first_answer_at", "first_answer_workdays"]
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_case_first_answer")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
