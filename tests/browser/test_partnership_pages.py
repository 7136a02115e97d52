"""Every public page of partnerships in Chromium, with axe on each: the overview with examples,
the exchange (the list with results, no results, a search and page 2; a listing public, expired
and withdrawn; the contact form; posting; the poster's private link), the proposal form, and the
directory (the list, an entry, the request form, the removal link), in Danish, and the list
pages and a form with errors in English and German.
"""

import datetime
import re

import pytest
from django.utils import timezone

from partnerships.exchange import services as exchange_services
from partnerships.models import DirectoryEntry, Listing, ListingMessage, Partnership
from portal.notifications.models import OutboxMessage
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import valid_cvr
from tests.partnerships.factories import (
    DirectoryEntryFactory,
    ListingFactory,
    MemberFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

BAD_CVR = "12345678"  # eight digits, but the check digit does not match


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _h1(page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


def _visit(page, path: str, *, status: int = 200, lang: str = "da"):
    response = page.goto(path)
    assert response.status == status, path
    assert page.locator("html").get_attribute("lang") == lang
    assert_no_axe_violations(page)
    return response


def _error_summary(page) -> str:
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.title().startswith("Fejl:")
    # Each message's link leads to a field on the page (the keyboard user's way back).
    hashes = summary.locator("a").evaluate_all("links => links.map(a => a.hash)")
    assert hashes
    for href in hashes:
        assert href and page.locator(f"[id='{href[1:]}']").count() == 1, href
    return summary.inner_text()


# The overview -----------------------------------------------------------------------------------


def test_the_overview_shows_public_examples_in_danish_english_and_german(page):
    example = PartnershipFactory(
        title="Frokost fra Café Kanten",
        status=Partnership.Status.ACTIVE,
        public=True,
        public_summary="Café Kanten leverer frokost til Madsen Tekstil hver dag.",
    )
    MemberFactory(
        partnership=example,
        company__name="Café Kanten ApS",
        company__listing_consent=True,
        company__kind="social_economy",
    )
    MemberFactory(
        partnership=example, company__name="Madsen Tekstil A/S", company__listing_consent=True
    )
    hidden = PartnershipFactory(title="Hemmeligt samarbejde", status="active", public=False)
    MemberFactory(partnership=hidden, company__listing_consent=True)

    _visit(page, "/partnerskaber/")
    assert _h1(page) == "Partnerskaber"
    examples = page.locator("section[aria-labelledby=examples-heading]").inner_text()
    assert "Frokost fra Café Kanten" in examples
    assert "Café Kanten ApS, Madsen Tekstil A/S" in examples
    assert "Hemmeligt samarbejde" not in page.content()

    for lang in ("en", "de"):
        _visit(page, f"/{lang}/partnerskaber/", lang=lang)
        assert "Frokost fra Café Kanten" in page.inner_text("main")


# The exchange: the list ---------------------------------------------------------------------------


def test_the_exchange_list_with_results_none_a_search_and_page_two(page):
    for n in range(22):
        ListingFactory(title=f"Ydelse nummer {n}", published_at=timezone.now())
    ListingFactory(
        title="Vi kan tilbyde to praktikpladser på lageret",
        category=Listing.Category.JOB_TRAINING,
        description="Pluk og pak, fra 15 timer om ugen.",
    )
    ListingFactory(title="Udløbet opslag", valid_until=_in_days(-1))

    _visit(page, "/partnerskaber/boers/")
    assert _h1(page) == "Partnerskabsbørsen"
    results = page.locator("section[aria-labelledby=results-heading]")
    assert results.get_by_role("heading", level=3).count() == 20
    assert "Udløbet opslag" not in page.content()

    page.get_by_role("navigation", name="Sider").get_by_role("link", name="Næste").click()
    assert page.url.endswith("page=2")
    assert results.get_by_role("heading", level=3).count() == 3
    assert_no_axe_violations(page)

    page.goto("/partnerskaber/boers/")
    page.get_by_label("Søg i opslagene").fill("praktikpladser")
    page.get_by_role("button", name="Vis opslag").click()
    assert "q=praktikpladser" in page.url
    assert page.get_by_role("heading", name="1 opslag passer").is_visible()
    assert results.get_by_role("link").first.inner_text() == (
        "Vi kan tilbyde to praktikpladser på lageret"
    )
    assert_no_axe_violations(page)

    _visit(page, "/partnerskaber/boers/?type=need&kategori=premises")
    assert page.get_by_role("heading", name="0 opslag passer").is_visible()
    assert "Ingen opslag passer til din søgning" in results.inner_text()

    for lang in ("en", "de"):
        _visit(page, f"/{lang}/partnerskaber/boers/", lang=lang)
        _visit(page, f"/{lang}/partnerskaber/boers/?page=2", lang=lang)
        _visit(page, f"/{lang}/partnerskaber/boers/?q=findesikke", lang=lang)


# The exchange: a listing and its contact form --------------------------------------------


def test_a_listing_public_expired_and_withdrawn_and_its_contact_form(page):
    listing = ListingFactory(
        title="Vi søger en partner til vores kantine",
        kind=Listing.Kind.NEED,
        company__name="Madsen Tekstil A/S",
        contact__email="poster@madsen-tekstil.example",
    )
    expired = ListingFactory(title="Lokaler til udlån i sommer", valid_until=_in_days(-3))
    withdrawn = ListingFactory(
        title="Frivillige til høstmarkedet",
        status=Listing.Status.WITHDRAWN,
        withdrawn_at=timezone.now(),
    )

    _visit(page, listing.get_absolute_url())
    assert _h1(page) == "Vi søger en partner til vores kantine"
    assert "Madsen Tekstil A/S" in page.inner_text("main")
    html = page.content()
    assert "poster@madsen-tekstil.example" not in html
    assert listing.company.email not in html

    page.get_by_role("button", name="Send beskeden").click()
    summary = _error_summary(page)
    assert "Skriv dit navn." in summary
    assert "Skriv en besked til virksomheden." in summary
    assert_no_axe_violations(page)
    assert not ListingMessage.objects.exists()

    page.get_by_label("Dit navn").fill("Mette Lauridsen")
    page.get_by_role("textbox", name="Din e-mail").fill("mette@cafe.example")
    page.get_by_label("Din virksomhed eller forening").fill("Café Kernen")
    page.get_by_label("Din besked").fill("Vi laver gerne frokost til jeres kantine.")
    page.get_by_role("button", name="Send beskeden").click()
    assert page.url.endswith(f"/partnerskaber/boers/{listing.pk}/sendt/")
    assert _h1(page) == "Din besked er sendt"
    assert "poster@madsen-tekstil.example" not in page.content()
    assert_no_axe_violations(page)
    assert OutboxMessage.objects.filter(to="poster@madsen-tekstil.example").exists()

    response = _visit(page, expired.get_absolute_url(), status=410)
    assert response.headers["x-robots-tag"] == "noindex"
    assert "Opslaget er udløbet" in page.inner_text("main")
    assert page.get_by_role("button", name="Send beskeden").count() == 0

    _visit(page, withdrawn.get_absolute_url(), status=410)
    assert "Opslaget er trukket tilbage" in page.inner_text("main")
    assert page.get_by_role("button", name="Send beskeden").count() == 0
    assert withdrawn.contact.email not in page.content()

    anonymous = ListingFactory(
        title="Vi søger frivillige til havedagen",
        show_company=False,
        company__name="Anonym Rengøring ApS",
    )
    _visit(page, anonymous.get_absolute_url())
    assert "Anonym Rengøring ApS" not in page.content()
    assert anonymous.contact.email not in page.content()

    # A message to an old tab of a listing withdrawn meanwhile is refused, and says so.
    closing = ListingFactory(title="Cykler til udlån")
    page.goto(closing.get_absolute_url())
    exchange_services.withdraw_listing(listing=closing)
    page.get_by_label("Dit navn").fill("Ole Olsen")
    page.get_by_role("textbox", name="Din e-mail").fill("ole@cykel.example")
    page.get_by_label("Din besked").fill("Vi vil gerne låne tre cykler.")
    page.get_by_role("button", name="Send beskeden").click()
    assert page.get_by_role("alert").filter(has_text="Din besked er ikke sendt").is_visible()
    assert_no_axe_violations(page)

    page.goto(f"/en{listing.get_absolute_url()}")
    page.locator("main form[method=post] button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    assert_no_axe_violations(page)


# The exchange: posting and the private link -------------------------------------------------------


def test_posting_a_listing_with_errors_then_the_private_link_through_edit_and_withdraw(
    page, caseworker
):
    _visit(page, "/partnerskaber/boers/opret/")
    assert _h1(page) == "Slå et tilbud eller behov op"
    page.get_by_role("button", name="Send opslaget til godkendelse").click()
    summary = _error_summary(page)
    assert "Skriv jeres CVR-nummer." in summary
    assert "Vælg en kategori." in summary
    assert_no_axe_violations(page)

    page.get_by_label("CVR-nummer").fill(BAD_CVR)
    page.get_by_label("Virksomhedens navn", exact=True).fill("Sønderjysk Emballage A/S")
    page.get_by_role("textbox", name="Kontaktperson").fill("Henrik Schmidt")
    page.get_by_role("textbox", name="E-mail").fill("hs@emballage.example")
    page.get_by_label("Tilbud", exact=True).check()
    page.get_by_label("Job- og praktikpladser").check()
    page.get_by_label("Overskrift").fill("Vi kan tilbyde to praktikpladser på lageret")
    page.get_by_label("Beskrivelse").fill("Pluk og pak.\nFra 15 timer om ugen.")
    page.get_by_label("Postnummer").fill("6500")
    page.get_by_label("Gælder til og med").fill(_in_days(60).isoformat())
    page.get_by_label("Virksomhedens navn må vises ved opslaget").check()
    page.get_by_role("button", name="Send opslaget til godkendelse").click()
    summary = _error_summary(page)
    assert "Ugyldigt CVR-nummer: 12345678 findes ikke, for kontrolcifferet passer ikke." in (
        " ".join(summary.split())
    )
    assert page.get_by_label("Overskrift").input_value() == (
        "Vi kan tilbyde to praktikpladser på lageret"
    )
    assert_no_axe_violations(page)
    assert not Listing.objects.exists()

    page.get_by_label("CVR-nummer").fill(valid_cvr(9001))
    page.get_by_role("button", name="Send opslaget til godkendelse").click()
    assert page.url.endswith("/partnerskaber/boers/opret/tak/")
    assert _h1(page) == "Tak for jeres opslag"
    assert_no_axe_violations(page)
    listing = Listing.objects.get()
    assert listing.status == Listing.Status.PENDING

    manage = f"/partnerskaber/boers/rediger/{listing.token}/"
    _visit(page, manage)
    assert _h1(page) == "Jeres opslag"
    assert "Afventer godkendelse" in page.inner_text("main")

    exchange_services.approve_listing(listing=listing, by=caseworker)
    _visit(page, manage)
    assert "Godkendt" in page.inner_text("main")
    page.get_by_label("Overskrift").fill("Vi kan tilbyde tre praktikpladser på lageret")
    page.get_by_role("button", name="Gem ændringerne").click()
    assert page.url.endswith("?rettet=1")
    assert "Ændringerne er gemt" in page.inner_text("main")
    assert "Afventer godkendelse" in page.inner_text("main")
    assert_no_axe_violations(page)

    page.get_by_label("Overskrift").fill("")
    page.get_by_role("button", name="Gem ændringerne").click()
    assert "Skriv en overskrift." in _error_summary(page)
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Træk opslaget tilbage").click()
    assert _h1(page) == "Træk opslaget tilbage?"
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Ja, træk opslaget tilbage").click()
    assert page.url.endswith(manage)
    assert "Trukket tilbage" in page.inner_text("main")
    assert_no_axe_violations(page)
    listing.refresh_from_db()
    assert listing.status == Listing.Status.WITHDRAWN

    rejected = ListingFactory(
        status=Listing.Status.REJECTED,
        published_at=None,
        rejection_reason="Opslaget handler om en enkelt medarbejder.",
    )
    _visit(page, f"/partnerskaber/boers/rediger/{rejected.token}/")
    assert "Afvist" in page.inner_text("main")
    assert "Opslaget handler om en enkelt medarbejder." in page.inner_text("main")
    expired = ListingFactory(valid_until=_in_days(-2))
    _visit(page, f"/partnerskaber/boers/rediger/{expired.token}/")
    assert "Udløbet" in page.inner_text("main")

    # The posting form with errors in English and German: the language is right, axe passes.
    for lang in ("en", "de"):
        page.goto(f"/{lang}/partnerskaber/boers/opret/")
        page.get_by_label(re.compile("CVR")).first.fill(BAD_CVR)
        page.locator("main form button[type=submit]").click()
        assert page.locator(".error-summary").is_visible()
        assert page.locator("html").get_attribute("lang") == lang
        assert_no_axe_violations(page)


# Proposals --------------------------------------------------------------------------------------


def test_proposing_a_partnership_with_errors_then_the_receipt(page):
    _visit(page, "/partnerskaber/foreslaa/")
    assert _h1(page) == "Foreslå et partnerskab"
    page.get_by_role("button", name="Send forslaget").click()
    summary = _error_summary(page)
    assert "Vælg, hvem du er." in summary
    assert "Skriv, hvad I vil løse sammen." in summary
    assert_no_axe_violations(page)

    page.get_by_label("Socialøkonomisk virksomhed").check()
    page.get_by_label("Dit navn").fill("Mette Hansen")
    page.get_by_role("textbox", name="E-mail").fill("mette@cafe-kanten.example")
    page.get_by_role("textbox", name="Virksomhed eller organisation (valgfrit)").fill("Café Kanten")
    page.get_by_label("CVR-nummer").fill(BAD_CVR)
    page.get_by_label("Hvem vil du gerne lave partnerskabet med?").fill("Madsen Tekstil")
    page.get_by_label("Hvad er det fælles tredje?").fill("Frokost til medarbejderne.")
    page.get_by_role("button", name="Send forslaget").click()
    assert "Ugyldigt CVR-nummer" in _error_summary(page)
    assert_no_axe_violations(page)

    page.get_by_label("CVR-nummer").fill(valid_cvr(9101))
    page.get_by_role("button", name="Send forslaget").click()
    assert "/partnerskaber/foreslaa/kvittering/" in page.url
    assert _h1(page) == "Tak for dit forslag"
    assert "Madsen Tekstil" in page.inner_text("main")
    assert_no_axe_violations(page)

    for lang in ("en", "de"):
        page.goto(f"/{lang}/partnerskaber/foreslaa/")
        page.locator("main form button[type=submit]").click()
        assert page.locator(".error-summary").is_visible()
        assert page.locator("html").get_attribute("lang") == lang
        assert_no_axe_violations(page)


# The directory ------------------------------------------------------------------------------------


def test_the_directory_list_filtered_and_an_entry_in_three_languages(page):
    entry = DirectoryEntryFactory(
        company__name="Café Solsikken",
        company__rsv_registered=True,
        company__email="info@solsikken.example",
        contact__email="mette@solsikken.example",
        website="https://solsikken.example",
        slug="cafe-solsikken",
    )
    DirectoryEntryFactory(company__name="Grøn Cykel", trade=DirectoryEntry.Trade.CRAFTS)
    ListingFactory(title="Frokost til jeres møder", company=entry.company)
    DirectoryEntryFactory(
        company__name="Venter på godkendelse", status=DirectoryEntry.Status.REQUESTED
    )

    _visit(page, "/virksomheder/")
    assert _h1(page) == "Socialøkonomiske virksomheder"
    main = page.inner_text("main")
    assert "Café Solsikken" in main and "Grøn Cykel" in main
    assert "Venter på godkendelse" not in main

    page.get_by_role("textbox", name=re.compile("^Søg")).fill("cykelværksted på månen")
    page.get_by_role("button", name="Vis virksomheder").click()
    assert "Ingen virksomheder passer til din søgning" in page.inner_text("main")
    assert_no_axe_violations(page)
    _visit(page, "/virksomheder/?formaal=environment&branche=food")
    assert page.get_by_role("heading", name="0 virksomheder").is_visible()

    for n in range(25):
        DirectoryEntryFactory(company__name=f"Værksted {n:02d}", trade=DirectoryEntry.Trade.OFFICE)
    _visit(page, "/virksomheder/?branche=office&side=2")
    assert page.get_by_role("heading", name="25 virksomheder").is_visible()
    assert "Værksted 24" in page.inner_text("main")
    assert "Værksted 23" not in page.inner_text("main")
    assert page.get_by_role("navigation", name="Sider").is_visible()

    page.goto("/virksomheder/")
    page.get_by_role("link", name="Café Solsikken").click()
    assert page.url.endswith("/virksomheder/cafe-solsikken/")
    assert _h1(page) == "Café Solsikken"
    assert "Frokost til jeres møder" in page.inner_text("main")
    assert "mette@solsikken.example" not in page.content()
    assert_no_axe_violations(page)

    for lang in ("en", "de"):
        _visit(page, f"/{lang}/virksomheder/", lang=lang)
        _visit(page, f"/{lang}/virksomheder/?side=2", lang=lang)
        _visit(page, f"/{lang}/virksomheder/?q=findesikke", lang=lang)
        _visit(page, f"/{lang}/virksomheder/cafe-solsikken/", lang=lang)


def test_asking_to_be_listed_with_errors_then_sent_and_the_removal_link(page):
    _visit(page, "/virksomheder/tilmeld/")
    assert _h1(page) == "Bed om at komme i virksomhedsoversigten"
    page.get_by_role("button", name="Send anmodningen").click()
    summary = _error_summary(page)
    assert "Skriv virksomhedens CVR-nummer." in summary
    assert "Sæt kryds, hvis virksomheden må vises i oversigten." in summary
    assert_no_axe_violations(page)

    page.get_by_label("CVR-nummer").fill(BAD_CVR)
    page.get_by_label("Virksomhedens navn").fill("Café Solsikken")
    page.get_by_label("Dit navn").fill("Mette Hansen")
    page.get_by_role("textbox", name="E-mail").fill("mette@solsikken.example")
    page.get_by_label("Det laver vi").fill("Vi driver en café ved havnen.")
    page.get_by_label("Det sælger vi").fill("Frokost og catering til møder.")
    page.get_by_label("Branche", exact=True).select_option("food")
    page.get_by_label("Vores sociale formål").fill("Unge uden uddannelse får job.")
    page.get_by_label("Socialt", exact=True).check()
    page.get_by_label(re.compile("^Ja, virksomheden må vises")).check()
    page.get_by_role("button", name="Send anmodningen").click()
    assert "Ugyldigt CVR-nummer" in _error_summary(page)
    assert_no_axe_violations(page)
    assert not DirectoryEntry.objects.exists()

    page.get_by_label("CVR-nummer").fill(valid_cvr(9201))
    page.get_by_role("button", name="Send anmodningen").click()
    assert page.url.endswith("/virksomheder/tilmeld/tak/")
    assert _h1(page) == "Tak for jeres anmodning"
    assert_no_axe_violations(page)
    entry = DirectoryEntry.objects.get()
    assert entry.status == DirectoryEntry.Status.REQUESTED

    removal = f"/virksomheder/fjern/{entry.removal_token}/"
    _visit(page, removal)
    assert _h1(page) == "Fjern virksomheden fra oversigten"
    assert "anmodningen venter på at blive godkendt" in page.inner_text("main")
    listed = DirectoryEntryFactory(company__name="Grøn Cykel")
    _visit(page, f"/virksomheder/fjern/{listed.removal_token}/")
    assert "Grøn Cykel står i oversigten" in " ".join(page.inner_text("main").split())

    page.goto(removal)
    page.get_by_role("button", name="Fjern virksomheden nu").click()
    assert page.url.endswith(removal)
    assert _h1(page) == "Virksomheden er fjernet fra oversigten"
    assert_no_axe_violations(page)
    entry.refresh_from_db()
    assert entry.status == DirectoryEntry.Status.REMOVED

    for lang in ("en", "de"):
        page.goto(f"/{lang}/virksomheder/tilmeld/")
        page.locator("main form button[type=submit]").click()
        assert page.locator(".error-summary").is_visible()
        assert page.locator("html").get_attribute("lang") == lang
        assert_no_axe_violations(page)


def test_a_message_to_a_listing_edited_meanwhile_is_kept_on_an_accessible_page(page):
    listing = ListingFactory(title="Vi søger en cateringleverandør")
    _visit(page, listing.get_absolute_url())
    page.get_by_label("Dit navn").fill("Mette Lauridsen")
    page.get_by_label("Din e-mail").fill("mette@cafekernen.example")
    page.get_by_label("Din besked").fill("Vi laver gerne frokost til jer.")
    Listing.objects.filter(pk=listing.pk).update(status=Listing.Status.PENDING)  # edited

    page.get_by_role("button", name="Send beskeden").click()

    assert "Din besked er ikke sendt" in page.inner_text("main")
    assert "Vi laver gerne frokost til jer." in page.inner_text("main")
    assert_no_axe_violations(page)
    assert not ListingMessage.objects.exists()
