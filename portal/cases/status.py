"""What an app shows the enquirer on their status page `/sag/<token>/`.

A grant application's decision and letter, say: `portal` never imports the apps, so each
registers a section in its extensions.py:

    status_sections.register(
        StatusSection(name="entrepreneurs.decision", template="entrepreneurs/_status_decision.html",
                      context=decision_status_context)
    )

`context(case)` returns the template's context for the cases it knows, None for the rest. The
section is rendered after the case's summary, before the messages. Whatever it shows, the
visitor reached it through the case's secret token only.
"""

from collections.abc import Callable
from dataclasses import dataclass

from portal.cases.models import Case
from portal.extensions import Registry


@dataclass(frozen=True)
class StatusSection:
    name: str
    template: str
    context: Callable[[Case], dict | None]
    order: int = 100


status_sections: Registry[StatusSection] = Registry("status-page sections")


def sections_for(case: Case) -> list[tuple[str, dict]]:
    """(template, context) for each section that knows the case, in order."""
    found = []
    for section in status_sections.entries():
        context = section.context(case)
        if context is not None:
            found.append((section.template, {**context, "case": case}))
    return found
