"""Writes to the partnership register: every create and status change goes through here."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.models import (
    Listing,
    Partnership,
    PartnershipMember,
    PartnershipStatusChange,
)
from portal.cases.models import Case
from portal.registry.models import Company


def derive_kind(*, companies: Iterable[Company], with_municipality: bool) -> str:
    """The kind of partnership these members make, or "" when it cannot be told from them.

    The municipality with a social-economy enterprise; several social-economy enterprises; an
    ordinary company with a social-economy enterprise. A company counts as social-economy as
    the registry classes it (`Company.objects.social_economy()`: classed so, or RSV).
    """
    companies = list(companies)
    social = [c for c in companies if c.kind == Company.Kind.SOCIAL_ECONOMY or c.rsv_registered]
    ordinary = [c for c in companies if c.kind == Company.Kind.ORDINARY and not c.rsv_registered]
    if not social:
        return ""
    if with_municipality:
        return Partnership.Kind.MUNICIPALITY
    if ordinary:
        return Partnership.Kind.ORDINARY
    if len(social) >= 2 and len(social) == len(companies):
        return Partnership.Kind.SOCIAL_ECONOMY
    return ""


@transaction.atomic
def create_partnership(
    *,
    title: str,
    purpose: str,
    companies: Iterable[Company] = (),
    with_municipality: bool = False,
    kind: str = "",
    status: str = Partnership.Status.IDEA,
    by=None,
    source_case: Case | None = None,
    listings: Iterable[Listing] = (),
) -> Partnership:
    """A new partnership with these members, its first status recorded.

    `kind` is derived from the members where they tell it; otherwise the given one is used,
    and a partnership whose kind is neither told nor given is refused.
    """
    companies = list(dict.fromkeys(companies))
    partnership = Partnership(
        title=title,
        purpose=purpose,
        kind=derive_kind(companies=companies, with_municipality=with_municipality) or kind,
        status=status,
        source_case=source_case,
    )
    start_partnership(partnership=partnership, by=by)
    if with_municipality:
        PartnershipMember.objects.create(partnership=partnership, is_municipality=True)
    for company in companies:
        PartnershipMember.objects.create(partnership=partnership, company=company)
    if listings := list(listings):
        partnership.listings.add(*listings)
    return partnership


def kind_missing_message() -> str:
    return _("Vælg, hvilken slags partnerskab det er. Det kan ikke ses af parterne.")


@transaction.atomic
def start_partnership(*, partnership: Partnership, by=None) -> Partnership:
    """Save a new partnership built by the caller (the admin's add form), its first status
    recorded; its members are added after. A partnership without a kind is refused."""
    if not partnership.kind:
        raise ValidationError({"kind": kind_missing_message()})
    partnership.status_changed_at = timezone.now()
    partnership.created_by = by
    partnership._change_reason = _("Oprettet")
    partnership.save()
    PartnershipStatusChange.objects.create(
        partnership=partnership,
        status=partnership.status,
        changed_at=partnership.status_changed_at,
        changed_by=by,
    )
    return partnership


@transaction.atomic
def settle_kind(*, partnership: Partnership) -> bool:
    """Set the kind the saved members tell, if they tell one; True when it changed.

    Run after the members change (the admin saves them after the partnership itself).
    """
    members = list(partnership.members.select_related("company"))
    derived = derive_kind(
        companies=[m.company for m in members if m.company is not None],
        with_municipality=any(m.is_municipality for m in members),
    )
    if not derived or derived == partnership.kind:
        return False
    partnership.kind = derived
    partnership._change_reason = _("Type sat ud fra parterne")
    partnership.save(update_fields=["kind", "updated_at"])
    return True


@transaction.atomic
def change_status(*, partnership: Partnership, status: str, by=None, note: str = "") -> bool:
    """Move the partnership to `status`, recording the date; False when it already was."""
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if locked.status == status:
        return False
    now = timezone.now()
    locked.status = status
    locked.status_changed_at = now
    locked._change_reason = note or _("Status ændret")
    locked.save(update_fields=["status", "status_changed_at", "updated_at"])
    PartnershipStatusChange.objects.create(
        partnership=locked, status=status, changed_at=now, changed_by=by, note=note
    )
    partnership.status, partnership.status_changed_at = status, now
    return True
