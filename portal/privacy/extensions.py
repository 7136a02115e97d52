"""What the privacy app adds to portal: the nightly retention job and the log of every export."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from portal.exports import exported
from portal.files import file_served
from portal.notifications.jobs import Job, worker_jobs
from portal.privacy.models import PrivacyLogEntry
from portal.privacy.registrations import find_registrations
from portal.privacy.registry import PersonalData, personal_data
from portal.privacy.services import apply_retention, log_export


def record_export(sender, *, user, list_name: str, filters: dict, total: int, **kwargs) -> None:
    log_export(user=user, list_name=list_name, filters=filters, total=total)


def record_file_access(sender, *, user, filename: str, about: str, **kwargs) -> None:
    PrivacyLogEntry.objects.create(
        kind=PrivacyLogEntry.Kind.FILE_ACCESS,
        user=user,
        parameters={"file": filename, "about": about},
        total=1,
    )


def register() -> None:
    worker_jobs.register(
        Job(name="privacy.retention", run=apply_retention, every=timedelta(days=1))
    )
    personal_data.register(
        PersonalData(
            name="registrations",
            label=_("Tilmeldinger til arrangementer"),
            find=find_registrations,
            order=30,
        )
    )
    exported.connect(record_export, dispatch_uid="privacy.record_export")
    file_served.connect(record_file_access, dispatch_uid="privacy.record_file_access")
