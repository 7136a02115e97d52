"""The privacy extension point: apps register the personal data they hold, portal finds it.

`portal` never imports an app. An app that keeps personal data registers it in its
extensions.py, so the data-subject report shows it and retention anonymises it:

    personal_data.register(
        PersonalData(
            name="enquiries", label=_("Henvendelser"),
            find=find_enquiries,                   # (Subject) -> list[dict]
            anonymise_for_case=anonymise_enquiry,  # (Case) -> int
        )
    )

The report shows them by `order`, then name.

- `find(subject)` returns one dict per record about the person (an e-mail address) or company
  (a CVR number), with human-readable Danish keys and JSON-ready values (str, int, bool, None,
  lists and dicts of those): it goes into the report the manager hands over.
- `anonymise_for_case(case)` replaces the free text and personal details the app keeps about
  a case that retention anonymises (also in the app's history tables), keeping what statistics
  need; it returns how many records it changed and must be idempotent.
- `contact_activity(since)` returns a queryset of contact ids (`.values("contact_id")`) the
  app has been in touch with since `since`: retention keeps those contacts. It must leave out
  NULLs (`contact__isnull=False`): one NULL in a NOT IN subquery would keep every contact.

Records an app keeps outside any case (a draft application) get their own retention rule:
`app_retention.register(AppRetention(name=..., rule=RetentionRule(...), due=..., apply=...))`.
The manager's dry run and the nightly run treat it as one of portal's own rules.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from portal.cases.models import Case
from portal.extensions import Registry

if TYPE_CHECKING:
    from portal.privacy.policy import RetentionRule


@dataclass(frozen=True)
class Subject:
    """Whom a data-subject report is about: a person's e-mail address or a company's CVR."""

    email: str = ""
    cvr: str = ""

    def __post_init__(self) -> None:
        if bool(self.email) == bool(self.cvr):
            raise ValueError("a subject is an e-mail address or a CVR number, not both")


@dataclass(frozen=True)
class PersonalData:
    name: str
    label: str
    find: Callable[[Subject], list[dict]]
    anonymise_for_case: Callable[[Case], int] | None = None
    contact_activity: Callable[[datetime], QuerySet] | None = None
    order: int = 100


personal_data: Registry[PersonalData] = Registry("personal data")


@dataclass(frozen=True)
class AppRetention:
    """A retention rule for records an app keeps outside a case (a draft application, say).

    `rule.kind` is the name PRIVACY_RETENTION overrides it by; `due(cutoff, now)` is what is due,
    `apply(batch_of_ids, cutoff, now)` anonymises or deletes that batch and returns how many.
    """

    name: str
    rule: "RetentionRule"
    due: Callable[[datetime, datetime], QuerySet]
    apply: Callable[[list[int], datetime, datetime], int]
    order: int = 100


app_retention: Registry[AppRetention] = Registry("retention rules")
