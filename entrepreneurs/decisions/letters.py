"""The decision letter: one template, rendered to printable HTML and, with WeasyPrint, to PDF.

The letter is the written decision (forvaltningsloven §§ 22–25) and is always in Danish.
Rendering never reaches the network: portal/pdf.py's url_fetcher refuses everything but the
vendored fonts.
"""

from django.template.loader import render_to_string
from django.utils import translation

from entrepreneurs.models import Decision
from portal.pages.models import SiteSettings
from portal.pdf import FONTS, fonts_only_fetcher, render_pdf

# FONTS and the fetcher stay importable from here for the letter's tests.
__all__ = [
    "FONTS",
    "fonts_only_fetcher",
    "letter_filename",
    "render_letter_html",
    "render_letter_pdf",
]

TEMPLATE = "entrepreneurs/decisions/letter.html"


def letter_filename(decision: Decision) -> str:
    return f"afgoerelse-{decision.application.case.reference}-{decision.pk}.pdf"


def render_letter_html(decision: Decision) -> str:
    """The whole letter as a standalone HTML document (its own styles, no external files)."""
    application = decision.application
    corrected = decision.corrects
    assessment = getattr(application, "assessment", None)
    with translation.override("da"):
        return render_to_string(
            TEMPLATE,
            {
                "decision": decision,
                "application": application,
                "case": application.case,
                "contact": application.case.contact,
                "scheme": application.scheme,
                "assessment": assessment,
                "corrected": corrected,
                "caseworker": decision.decided_by,
                "site": SiteSettings.load(),
            },
        )


def render_letter_pdf(html: str) -> bytes:
    return render_pdf(html)
