"""The decision letter: one template, rendered to printable HTML and, with WeasyPrint, to PDF.

The letter is the written decision (forvaltningsloven §§ 22–25) and is always in Danish.
Rendering never reaches the network: the url_fetcher refuses everything but the vendored fonts.
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from entrepreneurs.models import Decision
from portal.pages.models import SiteSettings

TEMPLATE = "entrepreneurs/decisions/letter.html"
FONTS = Path(settings.BASE_DIR) / "static" / "dkfds" / "fonts" / "IBMPlexSans" / "complete"

# The DKFDS font for the PDF only; the HTML letter in a browser uses the sans-serif it has.
PDF_FONTS = "\n".join(
    f"""@font-face {{ font-family: "IBM Plex Sans"; font-weight: {weight};
    src: url("{(FONTS / "woff" / f"IBMPlexSans-{name}.woff").as_uri()}") format("woff"); }}"""
    for weight, name in ((400, "Regular"), (600, "SemiBold"), (700, "Bold"))
)


def fonts_only_fetcher():
    """WeasyPrint's url_fetcher: the vendored font files, and nothing else (no network)."""
    from weasyprint.urls import URLFetcher

    class FontsOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file://") and (
                Path(url.removeprefix("file://")).resolve().is_relative_to(FONTS.resolve())
            ):
                return super().fetch(url, headers)
            raise ValueError(f"the decision letter fetches nothing: {url}")

    return FontsOnly(allowed_protocols={"file"})


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
    # Imported here: WeasyPrint loads Pango, which only this needs.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher, fonts = fonts_only_fetcher(), FontConfiguration()
    return HTML(string=html, url_fetcher=fetcher).write_pdf(
        stylesheets=[CSS(string=PDF_FONTS, url_fetcher=fetcher, font_config=fonts)],
        font_config=fonts,
    )
