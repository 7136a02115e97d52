"""What the inbox's search looks in, beyond the case's own columns.

A case's details live in the app that opened it (an enquiry's message …), and portal never
imports the apps, so each adds its lookups from its extensions.py:

    case_search_fields.register(CaseSearchField(name="enquiry.message", lookup="enquiry__message"))

A lookup is an ORM path from Case, as in ModelAdmin.search_fields, through a one-to-one or a
foreign key: a path through a many-valued relation would repeat a case in the list.
"""

from dataclasses import dataclass

from portal.extensions import Registry


@dataclass(frozen=True)
class CaseSearchField:
    name: str
    lookup: str
    order: int = 100


case_search_fields: Registry[CaseSearchField] = Registry("case search fields")


def extra_search_fields() -> list[str]:
    return [entry.lookup for entry in case_search_fields.entries()]
