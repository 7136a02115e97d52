import pytest

from partnerships.exchange.services import approve_listing, update_listing
from partnerships.matching.services import notify_fitting_posters
from partnerships.models import Listing, MatchNotice
from portal.notifications.models import OutboxMessage
from tests.partnerships.matching.conftest import NEED, listing

pytestmark = pytest.mark.django_db

SUBJECT = "Et nyt opslag passer til jeres: Vi søger catering til møder"


def _match_mails() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(subject__startswith="Et nyt opslag passer"))


@pytest.fixture
def posters():
    """Offers that fit a catering need: one opted in, one not, one of the need's company."""
    wants_mail = listing(
        "Catering og frokost", "Catering til møder.", notify_matches=True, postcode="6100"
    )
    no_mail = listing("Catering til fester", "Catering.", notify_matches=False)
    return wants_mail, no_mail


@pytest.fixture
def pending_need(posters):
    need = listing(
        "Vi søger catering til møder",
        "Til <b>personalemøder</b> hver fredag.",
        kind=NEED,
        status=Listing.Status.PENDING,
        published_at=None,
    )
    # The need's own company has an opted-in offer that fits too: it is never told.
    listing("Catering", "Catering til møder.", company=need.company, notify_matches=True)
    # An opted-in poster whose offer does not fit is not told either.
    listing("Cykelreparation", "Vi reparerer cykler.", category="products", notify_matches=True)
    return need


def test_approving_a_listing_tells_the_opted_in_poster_whose_listing_fits_once(
    pending_need, posters, caseworker
):
    wants_mail, _no_mail = posters

    approve_listing(listing=pending_need, by=caseworker)

    [mail] = _match_mails()
    assert mail.to == wants_mail.contact.email
    assert mail.subject == SUBJECT
    assert f"http://127.0.0.1:8000/partnerskaber/boers/{pending_need.pk}/" in mail.body
    assert 'passer til jeres tilbud "Catering og frokost"' in mail.body
    assert "- Samme kategori: Ydelser" in mail.body
    assert "- Fælles ord: catering" in mail.body
    assert "- Samme område: 6100 Haderslev" in mail.body
    assert f"/partnerskaber/boers/rediger/{wants_mail.token}/" in mail.body
    assert pending_need.contact.email not in mail.body
    assert MatchNotice.objects.get().listing == wants_mail


def test_approving_an_edited_listing_again_tells_no_one_twice(pending_need, caseworker):
    approve_listing(listing=pending_need, by=caseworker)
    update_listing(listing=pending_need, description="Til personalemøder hver torsdag.")

    approve_listing(listing=Listing.objects.get(pk=pending_need.pk), by=caseworker)

    assert len(_match_mails()) == 1


def test_notifying_again_queues_nothing_and_counts_nothing(pending_need, caseworker):
    approve_listing(listing=pending_need, by=caseworker)

    assert notify_fitting_posters(Listing.objects.get(pk=pending_need.pk)) == 0
    assert len(_match_mails()) == 1


def test_a_listing_that_is_not_public_tells_no_one(pending_need):
    assert notify_fitting_posters(pending_need) == 0
    assert not _match_mails()


def test_the_new_listing_is_shown_as_written_in_the_plain_text_mail(posters):
    need = listing("Vi søger <script>catering</script>", "Catering til møder.", kind=NEED)

    assert notify_fitting_posters(need) == 1

    [mail] = _match_mails()
    assert "Vi søger <script>catering</script>" in mail.body
    assert "&lt;" not in mail.body and not mail.html_body
