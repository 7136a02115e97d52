"""Demo decisions on the demo applications: one approved and partly paid, one rejected.

Runs after the applications' own demo loader; without their applications it creates nothing.
Idempotent: once there is a decision, it leaves everything as it is.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from entrepreneurs.decisions import services
from entrepreneurs.models import Decision, GrantApplication
from entrepreneurs.models.decisions import Judgement
from portal.cases.models import Case

# The demo caseworker (portal's load_demo creates it, network's loader before this one).
DEMO_CASEWORKER = "sagsbehandler"
# Two of the applications' demo enterprises (entrepreneurs/applications/demo.py).
APPROVED, REJECTED = "Café Kanten", "Åens Cykelværksted"


@transaction.atomic
def load_demo_decisions() -> None:
    if Decision.objects.exists():
        return
    by = get_user_model().objects.filter(username=DEMO_CASEWORKER).first()
    found = {
        application.enterprise_name: application
        for application in GrantApplication.objects.filter(enterprise_name__in=[APPROVED, REJECTED])
        .exclude(case__status=Case.Status.CLOSED)
        .select_related("scheme", "case")
    }
    if by is None or len(found) < 2:
        return
    approved, rejected = found[APPROVED], found[REJECTED]
    services.assess_application(
        application=approved,
        answers={
            **{name: Judgement.MET for name in services.ASSESSMENT_FIELDS if name != "notes"},
            "notes": "Stærk forankring lokalt; budgettet er realistisk og lægger op til salg.",
        },
        by=by,
    )
    amount = min(approved.amount_requested, approved.scheme.max_amount)
    services.decide(
        application=approved,
        outcome=Decision.Outcome.APPROVED,
        amount=amount,
        conditions=(
            "Tilskuddet bruges til de udgifter, der står i budgettet. Du sender os et kort "
            "regnskab for tilskuddet senest et år efter afgørelsen."
        ),
        payment_plan="Halvdelen udbetales nu, resten når virksomheden er registreret som RSV.",
        reasons=(
            "Virksomheden opfylder de fem kendetegn på en socialøkonomisk virksomhed. Budgettet "
            "er rimeligt, og beløbet ligger inden for ordningens grænser."
        ),
        legal_basis=approved.scheme.legal_basis,
        by=by,
    )
    services.record_payment(
        application=approved,
        paid_on=timezone.localdate(),
        amount=amount // 2,
        note="Første rate",
        by=by,
    )
    services.assess_application(
        application=rejected,
        answers={
            **{name: Judgement.MET for name in services.ASSESSMENT_FIELDS if name != "notes"},
            "independence": Judgement.NOT_MET,
            "notes": "Bestyrelsen har et flertal af medlemmer udpeget af en offentlig myndighed.",
        },
        by=by,
    )
    services.decide(
        application=rejected,
        outcome=Decision.Outcome.REJECTED,
        reasons=(
            "Virksomheden er ikke uafhængig af den offentlige sektor: flertallet i bestyrelsen er "
            "udpeget af en offentlig myndighed. Ordningen kan kun støtte socialøkonomiske "
            "virksomheder, der opfylder alle fem kendetegn."
        ),
        legal_basis=rejected.scheme.legal_basis,
        by=by,
    )
