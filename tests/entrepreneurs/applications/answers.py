"""A complete, valid application as the applicant types it, step by step."""

from django.urls import reverse

ANSWERS = {
    "ansoeger": {
        "name": "Mette Jensen",
        "email": "mette@example.dk",
        "phone": "20 30 40 50",
        "address": "Storegade 12",
        "postcode": "6100",
        "city": "Haderslev",
    },
    "virksomhed": {
        "enterprise_name": "Café Kanten",
        "cvr": "",
        "legal_form": "association",
        "start_date": "1.3.2027",
    },
    "formaal": {
        "social_purpose": "En café, der giver job til unge uden for arbejdsmarkedet.",
        "criterion_purpose": "Job og træning for unge uden uddannelse.",
        "criterion_sales": "Vi sælger kaffe, frokost og catering.",
        "criterion_surplus": "Overskuddet går til flere praktikpladser.",
        "criterion_independence": "Foreningen har sin egen bestyrelse.",
        "criterion_cvr": "Vi får CVR-nummer, når foreningen er stiftet.",
    },
    "forretning": {
        "business_model": "Salg til gæster og frokostordninger til virksomheder.",
        "target_group": "Unge 18–30 år uden uddannelse eller job.",
        "expected_employees": "4",
    },
    "budget": {
        "rows": "5",
        "line-0-item": "Kaffemaskine og inventar",
        "line-0-amount": "60.000",
        "line-1-item": "Rådgivning",
        "line-1-amount": "40 000",
        "amount_requested": "40.000",
        "de_minimis_received": "0",
        "de_minimis_details": "",
    },
    "bilag": {},
}


def step_url(draft, step: str) -> str:
    return reverse("entrepreneurs:draft-step", args=[draft.token, step])


def post_step(client, draft, step: str, action: str = "next", **changes):
    data = {**ANSWERS[step], **changes, "action": action}
    return client.post(step_url(draft, step), data)


def fill_all_steps(client, draft) -> None:
    for step in ANSWERS:
        response = post_step(client, draft, step)
        assert response.status_code == 302, (step, response.content.decode()[:3000])
