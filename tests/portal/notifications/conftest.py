import pytest

from portal.cases import services as cases
from portal.cases.models import Case
from portal.notifications.services import queue_email
from tests.factories import ContactFactory
from tests.portal.notifications.backends import FlakyEmailBackend


@pytest.fixture
def mail_server_down_for(settings, mailoutbox):
    """mail_server_down_for(2): the next two messages are refused, later ones delivered."""
    settings.EMAIL_BACKEND = "tests.portal.notifications.backends.FlakyEmailBackend"

    def down_for(failures: int) -> None:
        FlakyEmailBackend.failures = failures

    yield down_for
    FlakyEmailBackend.failures = 0


@pytest.fixture
def contact():
    return ContactFactory(name="Mette Hansen", email="mette@example.dk")


def open_case(contact, kind: str = Case.Kind.ADVICE) -> Case:
    """A case and the e-mail that tells the enquirer its reference, waiting in the outbox."""
    case = cases.open_case(kind=kind, contact=contact, subject="Hjælp til opstart")
    queue_email(
        to=contact.email,
        subject=f"Vi har modtaget din henvendelse ({case.reference})",
        body="Tak for din henvendelse.",
        about=case,
    )
    return case
