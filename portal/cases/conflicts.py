"""Two caseworkers on one case at once: what did this one change, and does it clash?

The case page's form carries the case's `version` as the page showed it. On save, the values
sent are compared with the case as it was shown then (its history at that version), not with
what is stored now: so a form that is merely stale never writes back, or reports as a conflict,
what someone else changed meanwhile.

When a save is refused, the page shows what the others changed (changes_since) and takes the
new version; the fields both changed are carried on as `contested` and stay refused until the
caseworker chooses to overwrite them ("Gem mine ændringer alligevel") or takes the stored value.

The enquirer's answer from the status page counts as a change too (it bumps the version): a
save that acts on the case or speaks to the enquirer is refused until the caseworker has seen it.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model

from portal.cases.models import Case, CaseEvent
from portal.cases.services import EDITABLE_FIELDS, case_has_changed_since
from portal.history import person, readable
from portal.registry.models import Company, Contact

# The case's own fields on the page, and its caseworker (set through services.assign).
TRACKED_FIELDS = (*EDITABLE_FIELDS, "assign_to")


@dataclass(frozen=True)
class Edits:
    fields: frozenset[str]  # what this caseworker changed, compared with what the page showed
    stale: bool  # someone else saved the case after the page was shown
    # Fields this caseworker changed that someone else also changed since the page was shown.
    contested: frozenset[str] = frozenset()
    # When the enquirer last answered from their status page after the page was shown.
    enquirer_answered_at: datetime | None = None

    def conflict(
        self, *, acts: bool = False, answers: bool = False, override: bool = False
    ) -> bool:
        """Whether saving would overwrite or act past someone else's change.

        `acts`: the save also moves the case on its own (a new status, a linked company). A note
        or a reply on a stale page is no conflict: it adds, and overwrites nothing.
        `answers`: the save speaks for the municipality (a reply, a phone call). After a new
        answer from the enquirer, that and `acts` are a conflict: the caseworker reads the
        answer first.
        `override`: the caseworker has seen the others' changes and chosen to overwrite the
        contested fields; a page that is stale again (a third change since) is still refused.
        """
        if self.stale:
            if self.enquirer_answered_at is not None and (acts or answers):
                return True
            return bool(self.fields) or acts
        return bool(self.contested) and not override


def stored_values(case) -> dict:
    """The tracked values of a case, or of one of its historical records, by form field name."""
    return {
        "kind": case.kind,
        "subject": case.subject,
        "contact": case.contact_id,
        "company": case.company_id,
        "deadline": case.deadline,
        "next_deadline": case.next_deadline,
        "led_to_arrival": case.led_to_arrival,
        "assign_to": case.assignee_id,
    }


def edits_since(
    *,
    case: Case,
    version: int | None,
    submitted: dict,
    contested: frozenset[str] = frozenset(),
) -> Edits:
    """What the values `submitted` change, compared with `case` as a page showed it at `version`.

    `contested`: fields a refused save found both this caseworker and someone else had changed;
    still sent with a value other than the stored one, they are a conflict again.

    Locks the case's row until the caller's transaction ends (run it in one), so nobody saves
    the case between this check and the caller's write. A page without a version counts as
    stale.
    """
    if version is not None and not case_has_changed_since(case=case, version=version):
        fields = _differing(submitted, stored_values(case))
        return Edits(fields=fields, stale=False, contested=fields & contested)
    shown = (
        case.history.filter(version=version).order_by("-history_date").first()
        if version is not None
        else None
    )
    fields = _differing(submitted, stored_values(shown or case))
    current = case.__class__.objects.get(pk=case.pk)
    changed_by_others = (
        _differing(stored_values(current), stored_values(shown)) if shown else frozenset()
    )
    still = _differing(submitted, stored_values(current))
    return Edits(
        fields=fields,
        stale=True,
        contested=(fields & changed_by_others) | (still & contested),
        enquirer_answered_at=enquirer_answer_since(current, shown),
    )


def enquirer_answer_since(case: Case, shown) -> datetime | None:
    """When the enquirer last answered after a page showed the case as the history record
    `shown` (None: a page of unknown age, so any answer not yet seen)."""
    if shown is None:
        return case.enquirer_replied_at
    # An answer bumps the version: one after the shown record came after the page was loaded.
    return (
        case.events.filter(kind=CaseEvent.Kind.ENQUIRER_REPLY, created_at__gt=shown.history_date)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )


def _differing(submitted: dict, stored: dict) -> frozenset[str]:
    def sent(name: str):
        value = submitted[name]
        return getattr(value, "pk", value) or None

    return frozenset(name for name in TRACKED_FIELDS if sent(name) != (stored[name] or None))


# --- what the others changed, for the page that refuses a save ------------------------------

# The fields a colleague's change is shown for, by history field, with their labels.
SHOWN_FIELDS = (*EDITABLE_FIELDS, "assignee", "status")
FORM_FIELD = {"assignee": "assign_to"}


@dataclass(frozen=True)
class Change:
    field: str  # the form field's name ("assign_to" for the caseworker), or "status"
    label: str
    before: str
    now: str
    who: str
    when: datetime


def changes_since(case: Case, version: int | None) -> list[Change]:
    """What others changed in the case after a page showed it at `version`, field by field:
    the value then and now, and who changed it last and when. From the history: one query for
    the records, one each for the names of contacts, companies and users they mention."""
    if version is None:
        return []
    records = list(
        case.history.filter(version__gte=version)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    # The page showed the latest record of its version; what came after is the others'.
    shown_at = max((i for i, r in enumerate(records) if r.version == version), default=None)
    if shown_at is None or shown_at == len(records) - 1:
        return []
    records = records[shown_at:]
    shown, last = records[0], {}
    previous = shown
    for record in records[1:]:
        for name in SHOWN_FIELDS:
            if _raw(record, name) != _raw(previous, name):
                last[name] = record
        previous = record
    current = records[-1]
    changed = [
        name for name in SHOWN_FIELDS if name in last and _raw(shown, name) != _raw(current, name)
    ]
    names = _names_of(changed, shown, current)
    return [
        Change(
            field=FORM_FIELD.get(name, name),
            label=_label(name),
            before=_shown_value(name, _raw(shown, name), names),
            now=_shown_value(name, _raw(current, name), names),
            who=person(last[name].history_user),
            when=last[name].history_date,
        )
        for name in changed
    ]


def stored_display(case: Case, form_field: str) -> str:
    """A tracked field's stored value as the page names it ("Karl Kollega", "3. december 2026")."""
    name = "assignee" if form_field == "assign_to" else form_field
    value = _raw(case, name)
    return _shown_value(name, value, _names_of([name], case))


def _raw(record, name: str):
    field = Case._meta.get_field(name)
    return getattr(record, field.attname)


def _label(name: str) -> str:
    return str(Case._meta.get_field(name).verbose_name).capitalize()


def _names_of(changed: list[str], *records) -> dict:
    """The names of the contacts, companies and users the changed fields point at."""
    models = {"contact": Contact, "company": Company, "assignee": get_user_model()}
    names = {}
    for name, model in models.items():
        if name not in changed:
            continue
        pks = {_raw(record, name) for record in records} - {None}
        for obj in model.objects.filter(pk__in=pks):
            names[name, obj.pk] = (
                obj.get_full_name() or obj.get_username() if name == "assignee" else str(obj)
            )
    return names


def _shown_value(name: str, value, names: dict) -> str:
    """As the history pages show a value (portal.history.readable), with the names looked up
    in one query per kind (_names_of) instead of one per record."""
    if (name, value) in names:
        return names[name, value]
    return readable(Case._meta.get_field(name), value)
