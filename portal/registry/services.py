import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.registry.models import Company
from portal.validators import normalise_cvr


def company_for_cvr(cvr: str) -> Company | None:
    """The company with this CVR number, typed any common way; None if it is not registered.

    Raises ValidationError when the number is not a valid CVR number.
    """
    return Company.objects.filter(cvr=normalise_cvr(cvr)).first()


@transaction.atomic
def company_for_cvr_or_draft(
    *, cvr: str, reason: str, name: str = "", kind: str = Company.Kind.ORDINARY
) -> tuple[Company, bool]:
    """The company with this CVR number, or a draft for staff to complete; and whether it is new.

    A draft is named `name` (as the enquirer wrote it), else "Ukendt virksomhed (CVR …)"; its
    `kind` is a first guess for staff to correct, and `reason` goes into its history. An existing
    company is never changed. Two submissions with the same new number at once create one
    company: the CVR number is unique, and the loser uses the winner's row. Raises
    ValidationError when the number is not a valid CVR number.
    """
    number = normalise_cvr(cvr)
    if company := Company.objects.filter(cvr=number).first():
        return company, False
    if not name.strip():
        # Stored for staff: in the site's language, whatever language the visitor used.
        with translation.override(settings.LANGUAGE_CODE):
            name = _("Ukendt virksomhed (CVR %(cvr)s)") % {"cvr": number}
    draft = Company(cvr=number, kind=kind, name=name.strip(), needs_review=True)
    draft._change_reason = reason
    try:
        with transaction.atomic():
            draft.save()
    except IntegrityError:
        return Company.objects.get(cvr=number), False
    return draft, True


def deletion_blockers(company: Company) -> list[str]:
    """What keeps the company from being deleted, in one query: the plural names of the kinds
    of rows that refer to it and may not be deleted with it (cases, outreach …, whatever app
    holds them: they are found from the relations, not imported).
    """
    relations = [
        relation
        for relation in Company._meta.related_objects
        if getattr(relation, "on_delete", None) in (models.PROTECT, models.RESTRICT)
    ]
    if company.pk is None or not relations:
        return []
    found = (
        Company.objects.filter(pk=company.pk)
        .values(
            **{
                f"deletion_blocker_{index}": Exists(
                    relation.related_model._base_manager.filter(
                        **{relation.field.name: OuterRef("pk")}
                    )
                )
                for index, relation in enumerate(relations)
            }
        )
        .first()
    ) or {}
    labels = [
        _blocker_label(relation.related_model, relation.field)
        for index, relation in enumerate(relations)
        if found.get(f"deletion_blocker_{index}")
    ]
    return list(dict.fromkeys(labels))


def _blocker_label(model: type[models.Model], field: models.Field) -> str:
    # A row that belongs to something else (a partnership's member) is named by what it
    # belongs to: "partnerskaber", not "parter".
    owner = next(
        (
            other.related_model
            for other in model._meta.concrete_fields
            if isinstance(other, models.ForeignKey)
            and other is not field
            and other.remote_field.on_delete is models.CASCADE
        ),
        model,
    )
    return str(owner._meta.verbose_name_plural)


def deletion_refusal(blockers: list[str]) -> str:
    """Why the company cannot be deleted, for the caseworker who looks for the "Slet" button."""
    if len(blockers) > 1:
        what = _("%(first)s og %(last)s") % {
            "first": ", ".join(blockers[:-1]),
            "last": blockers[-1],
        }
    else:
        what = blockers[0]
    # The records stay as the municipality's documentation; portal/privacy/policy.py says when
    # the personal data in them is anonymised.
    return _(
        "Virksomheden kan ikke slettes, fordi den indgår i %(what)s. De bevares som kommunens "
        "dokumentation, og personoplysningerne i dem anonymiseres efter reglerne for opbevaring."
    ) % {"what": what}


@transaction.atomic
def mark_rsv_registered(
    *, company: Company, registered_on: datetime.date, reason: str = ""
) -> bool:
    """Record that the company is a registered social-economy enterprise (RSV) since a date.

    Returns whether anything changed; an unchanged company gets no new history entry.
    """
    if company.rsv_registered and company.rsv_registered_on == registered_on:
        return False
    company.rsv_registered = True
    company.rsv_registered_on = registered_on
    company._change_reason = reason or _("Markeret som registreret socialøkonomisk virksomhed")
    company.save(update_fields=["rsv_registered", "rsv_registered_on", "updated_at"])
    return True


# Import of the list of registered social-economy enterprises (RSV), e.g. from Erhvervsstyrelsen
# or typed in Excel. Column names are compared without case, spaces and punctuation.
CVR_COLUMNS = {"cvr", "cvrnr", "cvrnummer", "cvrno"}
DATE_COLUMNS = {
    "registreret",
    "registreretden",
    "registreretdato",
    "registreringsdato",
    "dato",
    "rsvdato",
}
NAME_COLUMNS = {"navn", "virksomhed", "virksomhedsnavn", "name"}

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DANISH_DATE = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})")


@dataclass(frozen=True)
class RsvRow:
    line: int
    cvr: str
    registered_on: datetime.date
    name: str = ""


@dataclass(frozen=True)
class RefusedRow:
    line: int
    reason: str

    def __str__(self) -> str:
        return _("Linje %(line)d: %(reason)s") % {"line": self.line, "reason": self.reason}


@dataclass
class RsvImportResult:
    marked: list[Company] = field(default_factory=list)
    created: list[Company] = field(default_factory=list)
    unchanged: list[Company] = field(default_factory=list)
    # Rows whose CVR number is not in the registry and that have no name to create it with.
    unknown: list[RsvRow] = field(default_factory=list)
    refused: list[RefusedRow] = field(default_factory=list)

    def summary(self) -> str:
        return _(
            "Markeret som RSV: %(marked)d. Oprettet: %(created)d. Uændrede: %(unchanged)d. "
            "Ukendte CVR-numre: %(unknown)d. Afviste linjer: %(refused)d."
        ) % {
            "marked": len(self.marked),
            "created": len(self.created),
            "unchanged": len(self.unchanged),
            "unknown": len(self.unknown),
            "refused": len(self.refused),
        }


def decode_csv(data: bytes) -> str:
    """The text of a CSV file: UTF-8 with or without BOM, or Windows-1252 from older Excel."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def parse_date(value: str) -> datetime.date:
    """A date written as 2024-03-01, 01-03-2024, 1.3.2024 or 1/3/2024."""
    value = value.strip()
    if match := _ISO_DATE.fullmatch(value):
        year, month, day = match.groups()
    elif match := _DANISH_DATE.fullmatch(value):
        day, month, year = match.groups()
    else:
        raise ValueError(value)
    return datetime.date(int(year), int(month), int(day))


def _column_key(header: str) -> str:
    return "".join(char for char in header.casefold() if char.isalnum())


def _find_column(headers: list[str], names: set[str]) -> int | None:
    keys = [_column_key(header) for header in headers]
    return next((index for index, key in enumerate(keys) if key in names), None)


def parse_rsv_csv(text: str) -> tuple[list[RsvRow], list[RefusedRow]]:
    """The rows of an RSV list, and the rows refused with the reason, by line number.

    The first line names the columns; `,`, `;` (Danish Excel) and tab separate them.
    Raises ValidationError when the CVR or date column is missing.
    """
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    headers = next(reader, [])
    cvr_column = _find_column(headers, CVR_COLUMNS)
    date_column = _find_column(headers, DATE_COLUMNS)
    name_column = _find_column(headers, NAME_COLUMNS)
    if cvr_column is None:
        raise ValidationError(
            _("Filen mangler en kolonne med CVR-nummer (overskriften »cvr« eller »CVR-nummer«).")
        )
    if date_column is None:
        raise ValidationError(
            _(
                "Filen mangler en kolonne med registreringsdatoen (overskriften »registreret«, "
                "»dato« eller »registreringsdato«)."
            )
        )

    rows, refused = [], []
    today = timezone.localdate()
    for values in reader:
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue

        def cell(column: int | None, values=values) -> str:
            return values[column].strip() if column is not None and column < len(values) else ""

        raw_cvr, raw_date, name = cell(cvr_column), cell(date_column), cell(name_column)
        if not raw_cvr:
            refused.append(RefusedRow(line, _("CVR-nummer mangler.")))
            continue
        try:
            cvr = normalise_cvr(raw_cvr)
        except ValidationError:
            refused.append(
                RefusedRow(line, _("»%(cvr)s« er ikke et gyldigt CVR-nummer.") % {"cvr": raw_cvr})
            )
            continue
        if not raw_date:
            refused.append(RefusedRow(line, _("Registreringsdatoen mangler.")))
            continue
        try:
            registered_on = parse_date(raw_date)
        except ValueError:
            refused.append(
                RefusedRow(
                    line,
                    _(
                        "Datoen »%(date)s« kan ikke læses. "
                        "Skriv den som 2024-03-01 eller 01-03-2024."
                    )
                    % {"date": raw_date},
                )
            )
            continue
        if registered_on > today:
            refused.append(
                RefusedRow(line, _("Datoen »%(date)s« ligger i fremtiden.") % {"date": raw_date})
            )
            continue
        rows.append(RsvRow(line=line, cvr=cvr, registered_on=registered_on, name=name))
    return rows, refused


def import_rsv_csv(text: str) -> RsvImportResult:
    """Mark the companies in an RSV list as registered, in one transaction.

    A CVR number not in the registry is created as a social-economy enterprise when the row has
    a name, and reported as unknown when it has not. Refused rows are reported, not imported;
    an unexpected error leaves the registry as it was.
    """
    rows, refused = parse_rsv_csv(text)
    result = RsvImportResult(refused=refused)
    reason = _("Import af listen over registrerede socialøkonomiske virksomheder")
    with transaction.atomic():
        companies = {
            company.cvr: company
            for company in Company.objects.filter(cvr__in={row.cvr for row in rows})
        }
        for row in rows:
            company = companies.get(row.cvr)
            if company is None and not row.name:
                result.unknown.append(row)
            elif company is None:
                company = Company(
                    cvr=row.cvr,
                    name=row.name,
                    kind=Company.Kind.SOCIAL_ECONOMY,
                    rsv_registered=True,
                    rsv_registered_on=row.registered_on,
                )
                company._change_reason = reason
                company.save()
                companies[row.cvr] = company
                result.created.append(company)
            elif mark_rsv_registered(
                company=company, registered_on=row.registered_on, reason=reason
            ):
                result.marked.append(company)
            else:
                result.unchanged.append(company)
    return result
