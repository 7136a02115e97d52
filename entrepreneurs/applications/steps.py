"""The application's steps in order: their Danish slugs, headings and forms."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from entrepreneurs.applications import forms


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    form: type[forms.StepForm]
    # Whether the step's answers (in draft.answers) are checked again at submit. Attachments
    # are optional rows of their own, and the last step is the submit itself.
    has_answers: bool = True


STEPS: tuple[Step, ...] = (
    Step("ansoeger", _("Om dig"), forms.ApplicantForm),
    Step("virksomhed", _("Virksomheden"), forms.EnterpriseForm),
    Step("formaal", _("Socialt formål"), forms.PurposeForm),
    Step("forretning", _("Forretning og målgruppe"), forms.BusinessForm),
    Step("budget", _("Budget og beløb"), forms.BudgetForm),
    Step("bilag", _("Bilag"), forms.AttachmentsForm, has_answers=False),
    Step("indsend", _("Se og send"), forms.SubmitForm, has_answers=False),
)
BY_SLUG = {step.slug: step for step in STEPS}
# The steps whose answers are checked again at submit.
ANSWER_STEPS = tuple(step for step in STEPS if step.has_answers)


def step_number(step: Step) -> int:
    return STEPS.index(step) + 1


def previous_step(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index - 1] if index else None


def next_step(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None
