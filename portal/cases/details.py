"""What an app knows about a case, shown at the top of the case page in the admin.

A case's details live in the app that opened it (an enquiry's message, a grant's budget and its
attachments …); `portal` never imports the apps, so each registers a provider in its
extensions.py:

    case_details_providers.register(CaseDetailsProvider(name="enquiry", build=enquiry_details))

`build(case)` returns a CaseDetails for the cases it knows, None for the rest, in one query. The
page renders them with admin/cases/case/_details.html: rows of text, private attachments (each
served by a view that checks who may see it, never a public URL) and actions, each shown only
to a user with the action's permission.
"""

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from portal.cases.models import Case
from portal.extensions import Registry, may


@dataclass(frozen=True)
class DetailRow:
    label: str
    value: str


@dataclass(frozen=True)
class Attachment:
    """A file the case holds (a budget, a statute …), linked to the view that serves it."""

    label: str
    url: str
    # In bytes, shown as "1,2 MB"; None when not known.
    size: int | None = None
    # What the caseworker should know about it ("Eftersendt 3. december").
    note: str = ""


@dataclass(frozen=True)
class Action:
    """A link to something the caseworker can do about the case (approve a grant …)."""

    label: str
    url: str
    # "app_label.codename"; without it every user who sees the case sees the action.
    permission: str | None = None


@dataclass(frozen=True)
class CaseDetails:
    title: str
    rows: Sequence[DetailRow] = ()
    attachments: Sequence[Attachment] = ()
    actions: Sequence[Action] = ()


@dataclass(frozen=True)
class CaseDetailsProvider:
    name: str
    build: Callable[[Case], CaseDetails | None]
    order: int = 100
    permission: str | None = None


case_details_providers: Registry[CaseDetailsProvider] = Registry("case-page details")


def case_details(case: Case, *, user: AbstractBaseUser | AnonymousUser) -> list[CaseDetails]:
    """What every provider `user` may see knows about the case, with the actions they may take."""
    found = []
    for provider in case_details_providers.entries(user=user):
        details = provider.build(case)
        if details is None:
            continue
        actions = tuple(action for action in details.actions if may(user, action.permission))
        found.append(dataclasses.replace(details, actions=actions))
    return found
