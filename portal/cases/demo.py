"""The demo's conversation with enquirers: a case opened from a phone call, and an enquirer who
has answered from their status page, so the admin home's "Nye svar fra henvendere" has one."""

from django.db import transaction

from portal.accounts.demo_staff import demo_staff_user
from portal.cases.by_hand import ContactData, open_case_by_hand
from portal.cases.enquirer import receive_answer
from portal.cases.models import Case, CaseEvent

PHONE_SUBJECT = "Lokaler til en genbrugsbutik med praktikpladser"


@transaction.atomic
def load_demo_conversation() -> None:
    """Idempotent: each part is made only if the demo does not have it yet."""
    caseworker = demo_staff_user()
    if not Case.objects.filter(subject=PHONE_SUBJECT).exists():
        open_case_by_hand(
            kind=Case.Kind.ADVICE,
            channel=Case.Channel.PHONE,
            contact=ContactData(name="Karen Thomsen", phone="+4520304050"),
            subject=PHONE_SUBJECT,
            asked=(
                "Ringede kl. 10. Foreningen Genbrug Syd vil åbne en genbrugsbutik i Vojens med "
                "fire praktikpladser til unge uden uddannelse og spørger, om kommunen kender "
                "ledige lokaler, og om der er støtte at søge til indretningen."
            ),
            by=caseworker,
        )
    if CaseEvent.objects.filter(kind=CaseEvent.Kind.ENQUIRER_REPLY).exists():
        return
    waiting = Case.objects.filter(status=Case.Status.WAITING).order_by("created_at").first()
    if waiting is not None:
        receive_answer(
            case=waiting,
            text=(
                "Tak for svaret. Vi har drøftet det i bestyrelsen og vil gerne komme til et møde. "
                "Tirsdag eller torsdag i næste uge passer os bedst, gerne om eftermiddagen."
            ),
        )
