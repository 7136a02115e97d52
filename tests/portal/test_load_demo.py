import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from portal.pages.models import SiteSettings
from portal.registry.models import Company, Contact

pytestmark = pytest.mark.django_db


def test_demo_data_loads_twice_without_duplicates(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    counts = (Company.objects.count(), Contact.objects.count(), get_user_model().objects.count())
    call_command("load_demo")

    assert counts[0] >= 8
    assert (
        Company.objects.count(),
        Contact.objects.count(),
        get_user_model().objects.count(),
    ) == counts
    assert SiteSettings.load().address == "Gåskærgade 26-28"


def test_demo_prints_the_caseworkers_login_and_it_works(settings, client, capsys):
    settings.DEBUG = True
    call_command("load_demo")

    output = capsys.readouterr().out
    assert "sagsbehandler" in output and "socialokonomi-demo" in output
    assert client.login(username="sagsbehandler", password="socialokonomi-demo")
    response = client.get("/admin/registry/company/")
    assert response.status_code == 200
    assert Company.objects.first().name in response.content.decode()


def test_demo_data_is_refused_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("load_demo")
    assert not get_user_model().objects.exists()


def test_demo_fills_the_information_material(settings, client):
    settings.DEBUG = True
    call_command("load_demo")
    call_command("load_demo")

    html = client.get("/viden/").content.decode()
    assert html.count("Hvad er en socialøkonomisk virksomhed?") == 1


def test_demo_staff_have_their_roles(settings, client):
    settings.DEBUG = True
    call_command("load_demo")

    client.login(username="sagsbehandler", password="socialokonomi-demo")
    assert client.get("/admin/cases/case/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403

    client.login(username="leder", password="socialokonomi-demo")
    assert client.get("/admin/auth/user/").status_code == 200


def test_demo_gives_the_caseworker_an_inbox_with_one_overdue_case(settings):
    from django.utils import timezone

    from portal.cases.models import Case

    settings.DEBUG = True
    call_command("load_demo")
    call_command("load_demo")

    # Three enquiries from the form, one from a phone call, and the demo's four applications
    # for start-up support (beside two years of answered enquiries for the dashboard,
    # guidance/demo_history.py).
    advice = Case.objects.filter(kind=Case.Kind.ADVICE).exclude(
        submission_key__startswith="demo-history-"
    )
    assert advice.filter(channel=Case.Channel.WEB).count() == 3
    assert advice.filter(channel=Case.Channel.PHONE).count() == 1
    assert (
        Case.objects.filter(kind=Case.Kind.GRANT)
        .exclude(submission_key__startswith="demo-history-")
        .count()
        == 4
    )
    assert Case.objects.overdue(timezone.localdate()).count() == 1
    # One enquirer has answered from the status page: the admin home's "Nye svar" tile.
    answered = Case.objects.exclude(enquirer_replied_at=None).get()
    assert answered.events.filter(kind="enquirer_reply").count() == 1
