"""The exchange's whole journey in Chromium: a company posts a need, the caseworker approves it,
another company answers it through the contact form, the caseworker turns the match into a
partnership, and both companies' pages in the admin show it. The poster's e-mail address is in
no page anyone sees on the way; axe finds nothing on the public pages or the admin's."""

import pytest

from partnerships.models import Listing, Partnership
from portal.notifications.models import OutboxMessage
from tests.browser.conftest import assert_no_axe_violations
from tests.conftest import PASSWORD
from tests.factories import CompanyFactory, valid_cvr
from tests.partnerships.exchange.data import in_days
from tests.partnerships.factories import ListingFactory

pytestmark = pytest.mark.django_db(transaction=True)

POSTER_EMAIL = "susanne.bech@haderslevrevision.example"


def _sign_in(page, user) -> None:
    page.goto("/admin/")
    page.get_by_label("Brugernavn").fill(user.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("heading", name="Din dag").wait_for()


def test_a_need_is_posted_approved_answered_and_becomes_a_partnership(page, browser, caseworker):
    cafe = CompanyFactory(
        name="Café Kernen", kind="social_economy", purpose_social=True, listing_consent=True
    )
    offer = ListingFactory(
        company=cafe,
        title="Catering og mødeforplejning til personalemøder",
        description="Frokost, kaffe og kage til møder i Haderslev, lavet af ansatte fra kanten "
        "af arbejdsmarkedet.",
    )
    seen = []  # every page the public and the other company see

    # The poster: Haderslev Revision needs a caterer, and makes one mistake first.
    page.goto("/partnerskaber/boers/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Slå et tilbud eller behov op").first.click()
    page.get_by_label("CVR-nummer").fill("12345678")
    page.get_by_label("Virksomhedens navn", exact=True).fill("Haderslev Revision ApS")
    page.get_by_label("Kontaktperson").fill("Susanne Bech")
    page.get_by_role("textbox", name="E-mail").fill(POSTER_EMAIL)
    page.get_by_label("Behov", exact=True).check()
    page.get_by_role("group", name="Kategori").get_by_label("Ydelser").check()
    page.get_by_label("Overskrift").fill("Vi søger en cateringleverandør til personalemøder")
    page.get_by_label("Beskrivelse").fill(
        "Vi holder personalemøde hver anden torsdag for 25 medarbejdere og søger frokost og "
        "kaffe, gerne fra en socialøkonomisk virksomhed i Haderslev."
    )
    page.get_by_label("Postnummer").fill("6100")
    page.get_by_label("Gælder til og med").fill(in_days(60).isoformat())
    page.get_by_label("Virksomhedens navn må vises ved opslaget").check()
    page.get_by_role("button", name="Send opslaget til godkendelse").click()
    assert "Ugyldigt CVR-nummer" in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("CVR-nummer").fill(valid_cvr(7001))
    page.get_by_role("button", name="Send opslaget til godkendelse").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Tak for jeres opslag", (
        page.locator("main").inner_text()
    )
    assert_no_axe_violations(page)
    need = Listing.objects.get(kind="need")
    assert need.status == Listing.Status.PENDING
    assert OutboxMessage.objects.get(to=POSTER_EMAIL).subject == (
        "Jeres opslag afventer godkendelse"
    )
    page.goto("/partnerskaber/boers/")
    assert "cateringleverandør" not in page.content()  # nothing public before approval

    # The caseworker approves it: it waits first in the list.
    staff = browser.new_context(base_url=page.url.split("/partnerskaber")[0], locale="da-DK")
    admin = staff.new_page()
    _sign_in(admin, caseworker)
    assert admin.get_by_text("Opslag, der venter på godkendelse").is_visible()
    admin.goto("/admin/partnerships/listing/")
    admin.get_by_role("link", name="Vi søger en cateringleverandør til personalemøder").click()
    assert "Opslaget venter på godkendelse" in admin.inner_text("#content")
    assert_no_axe_violations(admin)
    admin.get_by_role("button", name="Godkend opslaget").click()
    assert "godkendt" in admin.locator(".messagelist").inner_text()
    need.refresh_from_db()
    assert need.status == Listing.Status.PUBLISHED

    # Café Kernen finds the need and writes to the poster through the portal.
    page.goto("/partnerskaber/boers/?type=need&kategori=services")
    seen.append(page.content())
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Vi søger en cateringleverandør til personalemøder").click()
    assert page.get_by_text("Haderslev Revision ApS").first.is_visible()
    seen.append(page.content())
    page.get_by_role("button", name="Send beskeden").click()  # empty: the mistake
    assert page.locator(".error-summary").is_visible()
    seen.append(page.content())
    assert_no_axe_violations(page)
    page.get_by_label("Dit navn").fill("Mette Lauridsen")
    page.get_by_label("Din e-mail").fill("mette@cafekernen.example")
    page.get_by_label("Din virksomhed eller forening").fill("Café Kernen")
    page.get_by_label("Din besked").fill("Vi laver gerne frokost til jeres møder. Ring til mig.")
    page.get_by_role("button", name="Send beskeden").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Din besked er sendt"
    seen.append(page.content())
    assert_no_axe_violations(page)
    to_poster = OutboxMessage.objects.filter(to=POSTER_EMAIL).order_by("pk").last()
    assert "Vi laver gerne frokost til jeres møder" in to_poster.body
    assert "mette@cafekernen.example" in to_poster.body
    assert OutboxMessage.objects.filter(to="mette@cafekernen.example").count() == 1
    assert not [html for html in seen if POSTER_EMAIL in html]

    # The caseworker sees the match on the need's page and makes it a partnership.
    admin.goto(need.get_admin_url())
    matches = admin.locator("text=Passende tilbud")
    assert matches.is_visible()
    assert "Samme kategori: Ydelser" in admin.inner_text("#content")
    admin.get_by_role("button", name="Opret partnerskab").first.click()
    admin.get_by_role("heading", name="Ret partnerskab").wait_for()
    partnership = Partnership.objects.get()
    assert admin.url.endswith(partnership.get_admin_url())
    assert partnership.status == Partnership.Status.IDEA
    assert set(partnership.listings.all()) == {offer, need}
    assert {m.company for m in partnership.members.all()} == {cafe, need.company}
    assert_no_axe_violations(admin)

    # Both companies' pages show it.
    for company in (cafe, need.company):
        admin.goto(f"/admin/registry/company/{company.pk}/change/")
        section = admin.locator("#content").inner_text()
        assert partnership.title in section
        assert "Idé" in section
    assert_no_axe_violations(admin)
    staff.close()
