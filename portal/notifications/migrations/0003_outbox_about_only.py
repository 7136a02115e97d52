from django.db import migrations, models


def about_from_case(apps, schema_editor):
    """A message still linked only by the old foreign key keeps its case as what it is about.

    0002 copied every message there was; this copies any written since by code that set the
    foreign key alone, before the column goes.
    """
    OutboxMessage = apps.get_model("notifications", "OutboxMessage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    messages = OutboxMessage.objects.filter(case__isnull=False, about_type__isnull=True)
    if not messages.exists():
        return
    case_type, _created = ContentType.objects.get_or_create(app_label="cases", model="case")
    messages.update(about_type=case_type, about_id=models.F("case_id"))


def case_from_about(apps, schema_editor):
    """Back again: the foreign key of each message about a case that still exists."""
    OutboxMessage = apps.get_model("notifications", "OutboxMessage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    case_type = ContentType.objects.filter(app_label="cases", model="case").first()
    if case_type is None:
        return
    Case = OutboxMessage._meta.get_field("case").related_model
    OutboxMessage.objects.filter(
        about_type=case_type, about_id__in=Case.objects.values("pk")
    ).update(case_id=models.F("about_id"))


class Migration(migrations.Migration):
    """The outbox names no case any more: a message says what it is about with about_*.

    Case.messages (a GenericRelation) is the way from a case to its e-mails.
    """

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("notifications", "0002_about_and_claimed_by"),
    ]

    operations = [
        migrations.RunPython(about_from_case, case_from_about),
        migrations.RemoveField(
            model_name="outboxmessage",
            name="case",
        ),
    ]
