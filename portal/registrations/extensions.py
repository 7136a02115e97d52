"""What registrations adds to portal's extension points; RegistrationsConfig.ready() calls it."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from portal.notifications.jobs import Job, worker_jobs
from portal.registrations.dialogue import last_attendance
from portal.registrations.services import send_reminders
from portal.registry.dialogue import LastContactProvider, last_contact_providers


def register() -> None:
    last_contact_providers.register(
        LastContactProvider(
            name="attendance", label=_("Deltog i et arrangement"), last_contacts=last_attendance
        )
    )
    # Hourly, so a reminder goes out about a day before whatever hour the occasion starts.
    worker_jobs.register(
        Job(name="registrations.reminders", run=send_reminders, every=timedelta(hours=1))
    )
