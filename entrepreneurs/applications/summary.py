"""Every answer of a draft, step by step, for the last step's "Se og send" page."""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _

from entrepreneurs.applications import services
from entrepreneurs.applications.forms import BudgetForm
from entrepreneurs.applications.steps import ANSWER_STEPS, BY_SLUG, Step
from entrepreneurs.models import ApplicationDraft
from portal.money import format_kroner


@dataclass
class Section:
    step: Step
    done: bool
    rows: list[tuple[str, str]] = field(default_factory=list)
    # The budget's lines (item, amount) and total.
    lines: list[tuple[str, int]] = field(default_factory=list)
    total: int | None = None


def _shown(bound: forms.BoundField, value: str) -> str:
    if isinstance(bound.field, forms.ChoiceField):
        return str(dict(bound.field.choices).get(value, value))
    return value


def draft_summary(draft: ApplicationDraft) -> list[Section]:
    sections = []
    for step in ANSWER_STEPS:
        form = services.step_form(draft, step)
        done = step.slug in draft.answers and form.is_valid()
        section = Section(step=step, done=done)
        answers = draft.answers.get(step.slug, {})
        if isinstance(form, BudgetForm):
            if done:
                section.lines = form.cleaned_data["lines"]
                section.total = sum(amount for _item, amount in section.lines)
            names = [name for name in form.fields if not name.startswith("line-")]
        else:
            names = list(form.fields)
        for name in names:
            bound = form[name]
            if bound.is_hidden or isinstance(bound.field, forms.FileField):
                continue
            value = answers.get(name, "")
            if isinstance(form, BudgetForm) and done and name in form.cleaned_data:
                cleaned = form.cleaned_data[name]
                value = format_kroner(cleaned) if isinstance(cleaned, int) else value
            section.rows.append((str(bound.label), _shown(bound, value) or "–"))
        sections.append(section)
    files = [(_("Fil"), attachment.original_name) for attachment in draft.attachments.all()]
    sections.append(
        Section(
            step=BY_SLUG["bilag"],
            done=True,
            rows=files or [(_("Bilag"), _("Ingen filer vedhæftet"))],
        )
    )
    return sections
