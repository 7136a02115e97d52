"""HTML to PDF with WeasyPrint, for documents the portal hands out: decision letters, reports.

Rendering never reaches the network or the disk beyond the vendored fonts: the url_fetcher
refuses everything else, except data: URIs, which hold their content inline (a chart drawn as
an SVG image). Stylesheets are passed as text (`css`, static paths read from disk here), so a
document needs no file URL of its own.
"""

from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

FONTS = Path(settings.BASE_DIR) / "static" / "dkfds" / "fonts" / "IBMPlexSans" / "complete"

# The DKFDS font for the PDF only; the HTML page in a browser uses the sans-serif it has.
PDF_FONTS = "\n".join(
    f"""@font-face {{ font-family: "IBM Plex Sans"; font-weight: {weight};
    src: url("{(FONTS / "woff" / f"IBMPlexSans-{name}.woff").as_uri()}") format("woff"); }}"""
    for weight, name in ((400, "Regular"), (600, "SemiBold"), (700, "Bold"))
)


def fonts_only_fetcher():
    """WeasyPrint's url_fetcher: the vendored font files and inline data: URIs, nothing else."""
    from weasyprint.urls import URLFetcher

    class FontsOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file://") and (
                Path(url.removeprefix("file://")).resolve().is_relative_to(FONTS.resolve())
            ):
                return super().fetch(url, headers)
            raise ValueError(f"the document fetches nothing: {url}")

    return FontsOnly(allowed_protocols={"file", "data"})


def static_css(path: str) -> str:
    """A stylesheet among the static files ("dashboard/report.css"), as text."""
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    return Path(found).read_text(encoding="utf-8")


def render_pdf(html: str, *, css: Sequence[str] = ()) -> bytes:
    """The PDF of a standalone HTML document; `css` are extra stylesheets as text."""
    # Imported here: WeasyPrint loads Pango, which only this needs.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher, fonts = fonts_only_fetcher(), FontConfiguration()
    stylesheets = [
        CSS(string=text, url_fetcher=fetcher, font_config=fonts) for text in (PDF_FONTS, *css)
    ]
    return HTML(string=html, url_fetcher=fetcher).write_pdf(
        stylesheets=stylesheets, font_config=fonts
    )
