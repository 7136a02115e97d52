"""The self-check: is this a social-economy enterprise? The five criteria of the strategy.

Plain functions and data, no database: `evaluate()` turns the answers into a result that says
which criteria are met, what is missing with a next step for each, and whether registration
as a registered social-economy enterprise (RSV) is within reach.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

YES, NO, UNKNOWN = "ja", "nej", "ved-ikke"

ANSWER_LABELS = {
    YES: gettext_lazy("Ja"),
    NO: gettext_lazy("Nej"),
    UNKNOWN: gettext_lazy("Ved ikke"),
}

# One letter per answer in the compact code the self-check hands to the enquiry form
# (?tjek=jnjvj): j = ja, n = nej, v = ved ikke.
_CODE_LETTERS = {YES: "j", NO: "n", UNKNOWN: "v"}
_LETTER_ANSWERS = {letter: answer for answer, letter in _CODE_LETTERS.items()}

RSV_ARTICLE = "registreret-socialoekonomisk-virksomhed-rsv"


@dataclass(frozen=True)
class Criterion:
    key: str
    question: Promise
    statement: Promise  # the criterion as a fact, for the result and the summary
    next_step: Promise  # what to do when it is not met, or when you do not know
    article_slug: str  # the /viden/ article that explains it


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        key="formaal",
        question=gettext_lazy(
            "Har virksomheden eller idéen et socialt, sundhedsmæssigt eller miljømæssigt formål?"
        ),
        statement=gettext_lazy("Et socialt, sundhedsmæssigt eller miljømæssigt formål"),
        next_step=gettext_lazy(
            "Beskriv, hvem eller hvad det skal blive bedre for, når det går godt for "
            "virksomheden, og skriv formålet ind i vedtægterne."
        ),
        article_slug="de-fem-kendetegn",
    ),
    Criterion(
        key="salg",
        question=gettext_lazy("Sælger virksomheden ydelser eller produkter?"),
        statement=gettext_lazy("Salg af ydelser eller produkter"),
        next_step=gettext_lazy(
            "Find ud af, hvad virksomheden kan sælge, og hvem kunderne er. Tilskud kan hjælpe i "
            "starten, men salget skal bære virksomheden."
        ),
        article_slug="fra-ide-til-virksomhed",
    ),
    Criterion(
        key="overskud",
        question=gettext_lazy(
            "Bliver et eventuelt overskud brugt på virksomheden og formålet, i stedet for at "
            "blive udbetalt til ejerne?"
        ),
        statement=gettext_lazy("Overskuddet geninvesteres i virksomheden og formålet"),
        next_step=gettext_lazy(
            "Vælg en virksomhedsform, hvor vedtægterne kan sikre, at overskuddet går til "
            "formålet eller virksomheden."
        ),
        article_slug="vaelg-virksomhedsform",
    ),
    Criterion(
        key="uafhaengig",
        question=gettext_lazy(
            "Træffer virksomheden selv sine beslutninger, uden at kommunen eller en anden "
            "offentlig myndighed styrer den?"
        ),
        statement=gettext_lazy("Organisatorisk uafhængig af den offentlige sektor"),
        next_step=gettext_lazy(
            "Sørg for, at ingen offentlig myndighed har bestemmende indflydelse i bestyrelsen "
            "eller ledelsen. Virksomheden må gerne samarbejde med og sælge til kommunen."
        ),
        article_slug="de-fem-kendetegn",
    ),
    Criterion(
        key="cvr",
        question=gettext_lazy("Har virksomheden et CVR-nummer?"),
        statement=gettext_lazy("Et CVR-nummer"),
        next_step=gettext_lazy(
            "Vælg virksomhedsform, og registrér virksomheden på virk.dk. Så får den et CVR-nummer."
        ),
        article_slug="fra-ide-til-virksomhed",
    ),
)


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    answer: str

    @property
    def met(self) -> bool:
        return self.answer == YES

    @property
    def answer_label(self) -> str:
        return str(ANSWER_LABELS[self.answer])


@dataclass(frozen=True)
class SelfCheckResult:
    results: tuple[CriterionResult, ...]

    @property
    def met(self) -> list[CriterionResult]:
        return [result for result in self.results if result.answer == YES]

    @property
    def missing(self) -> list[CriterionResult]:
        return [result for result in self.results if result.answer == NO]

    @property
    def unknown(self) -> list[CriterionResult]:
        return [result for result in self.results if result.answer == UNKNOWN]

    @property
    def all_met(self) -> bool:
        return len(self.met) == len(CRITERIA)

    @property
    def rsv_within_reach(self) -> bool:
        """All five criteria are met; RSV has further requirements (statutes, management …)."""
        return self.all_met

    @property
    def code(self) -> str:
        """The answers as five letters, for a link to the pre-filled enquiry form."""
        return "".join(_CODE_LETTERS[result.answer] for result in self.results)

    @property
    def article_slugs(self) -> set[str]:
        """The articles the result page links to: one per criterion not met, and RSV's."""
        slugs = {result.criterion.article_slug for result in self.results if not result.met}
        return slugs | {RSV_ARTICLE}

    def summary(self) -> str:
        """The answers in plain words, in the active language, to start an enquiry with."""
        lines = [_("Jeg har taget selvtjekket på portalen. Mine svar:")]
        lines += [f"- {result.criterion.question} {result.answer_label}" for result in self.results]
        lines.append("")
        if self.all_met:
            lines.append(
                _(
                    "Jeg vil gerne høre mere om at blive registreret socialøkonomisk "
                    "virksomhed (RSV)."
                )
            )
        else:
            lines.append(_("Jeg vil gerne have hjælp til det, der mangler."))
        return "\n".join(lines)


def evaluate(answers: Mapping[str, str]) -> SelfCheckResult:
    """The result of the self-check; a criterion not answered (or answered oddly) is unknown."""
    return SelfCheckResult(
        results=tuple(
            CriterionResult(
                criterion=criterion,
                answer=answers.get(criterion.key)
                if answers.get(criterion.key) in ANSWER_LABELS
                else UNKNOWN,
            )
            for criterion in CRITERIA
        )
    )


def answers_from_code(code: str) -> dict[str, str] | None:
    """The answers behind a code such as "jnjvj"; None when it is not a valid code."""
    code = (code or "").strip().lower()
    if len(code) != len(CRITERIA) or any(letter not in _LETTER_ANSWERS for letter in code):
        return None
    return {
        criterion.key: _LETTER_ANSWERS[letter]
        for criterion, letter in zip(CRITERIA, code, strict=True)
    }
