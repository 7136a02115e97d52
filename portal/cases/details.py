"""What an app knows about a case, shown at the top of the case page in the admin.

A case's details live in the app that opened it (an enquiry's message, a grant's budget …);
`portal` never imports the apps, so each registers a function in AppConfig.ready():

    register_case_details("enquiry", enquiry_details)

The function returns a CaseDetails for the cases it knows, None for the rest, in one query.
"""

from collections.abc import Callable
from dataclasses import dataclass

from portal.cases.models import Case


@dataclass(frozen=True)
class CaseDetails:
    title: str
    rows: list[tuple[str, str]]


DetailsFunc = Callable[[Case], CaseDetails | None]

_providers: dict[str, DetailsFunc] = {}


def register_case_details(name: str, func: DetailsFunc) -> None:
    _providers[name] = func


def case_details(case: Case) -> list[CaseDetails]:
    return [details for func in _providers.values() if (details := func(case)) is not None]
