"""The vendored design system as the browser gets it (see scripts/vendor-dkfds.sh)."""

import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
DKFDS_CSS = BASE_DIR / "static" / "dkfds" / "css" / "dkfds.min.css"


def font_face_sources() -> list[list[str]]:
    """The files each @font-face offers, in the order the browser tries them."""
    faces = re.findall(r"@font-face\{[^}]*\}", DKFDS_CSS.read_text(encoding="utf-8"))
    sources = [re.findall(r"url\(([^)]*)\)", face) for face in faces]
    return [urls for urls in sources if urls]  # local() only: nothing is downloaded


def test_every_web_font_is_offered_as_woff2_first():
    sources = font_face_sources()

    assert len(sources) >= 8  # IBM Plex Sans: four weights, upright and italic
    for urls in sources:
        assert urls[0].endswith(".woff2"), urls


def test_every_font_file_the_css_names_is_vendored():
    for urls in font_face_sources():
        for url in urls:
            assert (DKFDS_CSS.parent / url).resolve().is_file(), url
