"""The caseworker reads a proposal on its case page and turns it into a partnership, once."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partnerships.models import Partnership, PartnershipProposal
from partnerships.proposals import services
from portal.cases.models import CaseEvent
from tests.concurrency import at_once
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def case_page(client, case) -> str:
    response = client.get(reverse("admin:cases_case_change", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def action_url(case) -> str:
    return reverse("admin:partnerships_partnershipproposal_create_partnership", args=[case.pk])


def test_the_case_page_shows_the_proposal_and_the_action(caseworker_client, make_proposal):
    case = make_proposal(needs_from_municipality="")

    page = case_page(caseworker_client, case)

    assert "Forslag om partnerskab" in page
    assert "Ordinær virksomhed" in page
    assert "Madsen Tekstil A/S" in page
    assert "Café Kanten" in page
    assert "Frokostordning med ansatte fra kanten af arbejdsmarkedet." in page
    assert "Intet skrevet" in page
    assert f'href="{action_url(case)}">Opret partnerskab ud fra forslaget</a>' in page


def test_script_in_the_proposal_is_shown_as_text_on_the_case_page(caseworker_client, make_proposal):
    case = make_proposal(partners="<script>alert(1)</script>", purpose="<b>fed</b> idé")

    page = case_page(caseworker_client, case)

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;fed&lt;/b&gt; idé" in page


def test_the_action_asks_for_title_kind_and_the_municipality(caseworker_client, make_proposal):
    case = make_proposal()

    response = caseworker_client.get(action_url(case))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Opret partnerskab ud fra forslaget" in page
    assert 'name="title"' in page
    assert 'value="Frokostordning med ansatte fra kanten af arbejdsmarkedet."' in page
    assert 'name="with_municipality"' in page
    assert 'name="kind"' in page
    assert f'href="{reverse("admin:cases_case_change", args=[case.pk])}"' in page


def test_the_action_makes_the_partnership_with_the_case_and_a_journal_note(
    caseworker, caseworker_client, make_proposal
):
    company = CompanyFactory(kind="social_economy", name="Café Kanten ApS")
    case = make_proposal(role="social_economy", cvr=company.cvr)

    response = caseworker_client.post(
        action_url(case), {"title": "Frokost fra Café Kanten", "with_municipality": "on"}
    )

    partnership = Partnership.objects.get()
    assert response.status_code == 302
    assert response.url == partnership.get_admin_url()
    assert partnership.source_case == case
    assert partnership.title == "Frokost fra Café Kanten"
    assert partnership.purpose == "Frokostordning med ansatte fra kanten af arbejdsmarkedet."
    assert partnership.kind == Partnership.Kind.MUNICIPALITY  # derived from the members
    assert partnership.status == Partnership.Status.IDEA
    assert partnership.created_by == caseworker
    members = {(m.is_municipality, m.company_id) for m in partnership.members.all()}
    assert members == {(True, None), (False, company.pk)}
    note = CaseEvent.objects.get(case=case, kind=CaseEvent.Kind.NOTE)
    assert note.text == "Partnerskabet »Frokost fra Café Kanten« er oprettet ud fra forslaget."
    assert note.author == caseworker
    assert not note.shared_with_enquirer


def test_a_kind_that_the_members_do_not_tell_must_be_chosen(caseworker_client, make_proposal):
    case = make_proposal()  # no company, no municipality: nothing to derive the kind from

    refused = caseworker_client.post(action_url(case), {"title": "Frokost"})

    assert refused.status_code == 200
    assert "Vælg, hvilken slags partnerskab det er." in refused.content.decode()
    assert not Partnership.objects.exists()
    assert not CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.NOTE).exists()

    chosen = caseworker_client.post(
        action_url(case), {"title": "Frokost", "kind": Partnership.Kind.ORDINARY}
    )

    assert chosen.status_code == 302
    assert Partnership.objects.get().kind == Partnership.Kind.ORDINARY


def test_once_made_the_case_page_links_to_the_partnership_and_offers_no_second(
    caseworker_client, make_proposal
):
    case = make_proposal()
    caseworker_client.post(action_url(case), {"title": "Frokost", "kind": "ordinary"})
    partnership = Partnership.objects.get()

    page = case_page(caseworker_client, case)

    assert "Opret partnerskab ud fra forslaget" not in page
    assert f'href="{partnership.get_admin_url()}">Se partnerskabet</a>' in page
    # The action's page, reached again (an old tab, a double click), makes no second one.
    again = caseworker_client.post(action_url(case), {"title": "Igen", "kind": "ordinary"})
    assert again.url == partnership.get_admin_url()
    assert caseworker_client.get(action_url(case)).url == partnership.get_admin_url()
    assert Partnership.objects.count() == 1
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.NOTE).count() == 1


def test_the_service_refuses_a_second_partnership_from_one_case(caseworker, make_proposal):
    case = make_proposal()
    proposal = PartnershipProposal.objects.get(case=case)
    services.create_partnership_from_proposal(
        proposal=proposal, title="Frokost", with_municipality=True, kind="ordinary", by=caseworker
    )

    with pytest.raises(ValidationError, match="allerede oprettet"):
        services.create_partnership_from_proposal(
            proposal=proposal, title="Igen", with_municipality=True, kind="ordinary", by=caseworker
        )
    assert Partnership.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_two_caseworkers_at_once_make_one_partnership(caseworker, make_proposal):
    proposal = PartnershipProposal.objects.get(case=make_proposal())

    def make(n: int):
        try:
            return services.create_partnership_from_proposal(
                proposal=proposal,
                title=f"Forsøg {n}",
                with_municipality=True,
                kind="ordinary",
                by=caseworker,
            )
        except ValidationError:
            return None

    results = at_once(make, times=2)

    assert sum(result is not None for result in results) == 1
    assert Partnership.objects.count() == 1
    assert CaseEvent.objects.filter(case=proposal.case, kind=CaseEvent.Kind.NOTE).count() == 1


def test_staff_without_a_role_can_neither_see_nor_use_the_action(outsider_client, make_proposal):
    case = make_proposal()

    assert outsider_client.get(action_url(case)).status_code == 403
    assert (
        outsider_client.post(action_url(case), {"title": "X", "kind": "ordinary"}).status_code
        == 403
    )
    assert not Partnership.objects.exists()


def test_the_public_cannot_reach_the_action(client, make_proposal):
    case = make_proposal()
    response = client.post(action_url(case), {"title": "X", "kind": "ordinary"})
    assert response.status_code == 302
    assert reverse("admin:login") in response.url
    assert not Partnership.objects.exists()


@pytest.mark.parametrize("persona", ["caseworker", "manager", "outsider"])
def test_the_proposal_admin_has_no_pages_of_its_own(client, request, persona, make_proposal):
    case = make_proposal()
    client.force_login(request.getfixturevalue(persona))

    for name, args in [
        ("admin:partnerships_partnershipproposal_changelist", []),
        ("admin:partnerships_partnershipproposal_add", []),
        ("admin:partnerships_partnershipproposal_change", [case.pk]),
        ("admin:partnerships_partnershipproposal_delete", [case.pk]),
        ("admin:partnerships_partnershipproposal_history", [case.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403, name
    index = client.get(reverse("admin:index")).content.decode()
    assert "partnershipproposal" not in index
