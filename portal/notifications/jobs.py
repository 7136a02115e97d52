"""Timed jobs the worker runs: reminders, waiting-list promotion, retention.

An app registers its job in its extensions.py:

    worker_jobs.register(
        Job(name="registrations.reminders", run=send_reminders, every=timedelta(hours=1))
    )

However many workers run, a job runs in one of them at a time and at most once per `every`:
each job has a ScheduledJob row that the running worker keeps locked. A job runs inside that
transaction (in a savepoint), so it should queue e-mails, not send them.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from portal.extensions import Registry
from portal.notifications.models import ScheduledJob

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], object]
    every: timedelta
    order: int = 100

    def __post_init__(self) -> None:
        if self.every <= timedelta(0):
            raise ValueError("every must be positive")


worker_jobs: Registry[Job] = Registry("worker jobs")


def _run_if_due(job: Job, now: datetime) -> bool:
    ScheduledJob.objects.bulk_create([ScheduledJob(name=job.name)], ignore_conflicts=True)
    with transaction.atomic():
        rows = ScheduledJob.objects.filter(name=job.name)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        else:
            rows = rows.select_for_update()
        state = rows.first()
        if state is None:  # another worker is running it right now
            return False
        if state.last_started_at and now - state.last_started_at < job.every:
            return False
        state.last_started_at = now
        try:
            with transaction.atomic():
                job.run()
        except Exception as error:  # noqa: BLE001 - one failing job must not stop the worker
            logger.exception("Job %s failed", job.name)
            state.last_error = f"{type(error).__name__}: {error}"[:2000]
        else:
            state.last_error = ""
        state.last_finished_at = timezone.now()
        state.save()
    return True


def run_due_jobs(*, now: datetime | None = None) -> list[str]:
    """Run every registered job that is due; the names of those that ran."""
    now = now or timezone.now()
    ran = []
    for job in worker_jobs.entries():
        try:
            if _run_if_due(job, now):
                ran.append(job.name)
        except DatabaseError:
            logger.exception("Could not run job %s", job.name)
    return ran
