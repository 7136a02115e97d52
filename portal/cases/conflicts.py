"""Two caseworkers on one case at once: what did this one change, and does it clash?

The case page's form carries the case's `version` as the page showed it. On save, the values
sent are compared with the case as it was shown then (its history at that version), not with
what is stored now: so a form that is merely stale never writes back, or reports as a conflict,
what someone else changed meanwhile.
"""

from dataclasses import dataclass

from portal.cases.models import Case
from portal.cases.services import EDITABLE_FIELDS, case_has_changed_since

# The case's own fields on the page, and its caseworker (set through services.assign).
TRACKED_FIELDS = (*EDITABLE_FIELDS, "assign_to")


@dataclass(frozen=True)
class Edits:
    fields: frozenset[str]  # what this caseworker changed, compared with what the page showed
    stale: bool  # someone else saved the case after the page was shown

    def conflict(self, *, acts: bool = False) -> bool:
        """Whether saving would overwrite or act past someone else's change.

        `acts`: the save also moves the case on its own (a new status, a linked company). A note
        or a reply on a stale page is no conflict: it adds, and overwrites nothing.
        """
        return self.stale and (bool(self.fields) or acts)


def stored_values(case) -> dict:
    """The tracked values of a case, or of one of its historical records, by form field name."""
    return {
        "kind": case.kind,
        "subject": case.subject,
        "contact": case.contact_id,
        "company": case.company_id,
        "deadline": case.deadline,
        "led_to_arrival": case.led_to_arrival,
        "assign_to": case.assignee_id,
    }


def edits_since(*, case: Case, version: int | None, submitted: dict) -> Edits:
    """What the values `submitted` change, compared with `case` as a page showed it at `version`.

    Locks the case's row until the caller's transaction ends (run it in one), so nobody saves
    the case between this check and the caller's write. A page without a version counts as
    stale.
    """
    if version is not None and not case_has_changed_since(case=case, version=version):
        return Edits(fields=_differing(submitted, stored_values(case)), stale=False)
    shown = (
        case.history.filter(version=version).order_by("-history_date").first()
        if version is not None
        else None
    )
    return Edits(fields=_differing(submitted, stored_values(shown or case)), stale=True)


def _differing(submitted: dict, stored: dict) -> frozenset[str]:
    def sent(name: str):
        value = submitted[name]
        return getattr(value, "pk", value) or None

    return frozenset(name for name in TRACKED_FIELDS if sent(name) != (stored[name] or None))
