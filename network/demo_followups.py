"""Demo follow-ups with the demo's social-economy enterprises (portal/registry/demo.py).

Two overdue, one due this week, and one held three weeks ago with the next one planned. The
dates count from today, and each follow-up is found again by its company and agenda, so loading
twice changes nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from network.models import FollowUp
from portal.accounts.demo_staff import demo_staff_user
from portal.registry.dialogue import end_of_week
from portal.registry.models import Company

Topic = FollowUp.Topic

# Most follow-ups are the demo caseworker's (so "Mine" shows them), two a colleague's: the
# demo's aftercare consultant, with no password and no role.
CONSULTANT = {"username": "hanne.holm", "first_name": "Hanne", "last_name": "Holm"}

# Open ones: (CVR, topics, agenda, days from today it is due (None: at the end of this week),
# whether the consultant has it)
DEMO_FOLLOW_UPS = [
    (
        "96100310",
        [Topic.RETENTION],
        "Hvordan går det med de to unge i lære? Har værkstedet brug for en mentorordning?",
        -5,
        True,
    ),
    (
        "96100582",
        [Topic.DEVELOPMENT, Topic.PARTNERSHIPS],
        "Planerne om at sælge grøntsagskasser til virksomheder: hvem kunne være partnere?",
        -12,
        False,
    ),
    (
        "96100426",
        [Topic.RECRUITMENT, Topic.RETENTION],
        "Rekruttering af en ny butiksleder og fastholdelse af de frivillige.",
        None,
        True,
    ),
]

# Held three weeks ago; the next one, about a partnership, is due in ten days.
HELD = (
    "96100159",
    [Topic.DEVELOPMENT, Topic.RECRUITMENT],
    "Frokostordningen vokser: behov for flere medarbejdere i køkkenet?",
    (
        "Caféen ansætter to i fleksjob til foråret. Vil gerne i kontakt med en virksomhed, der "
        "kan aftage frokoster fast."
    ),
    21,
)
NEXT = (
    [Topic.PARTNERSHIPS],
    "Partnerskab om faste frokoster med en lokal virksomhed: hvem har vi talt med?",
    10,
)


def _consultant():
    user, created = get_user_model().objects.get_or_create(
        username=CONSULTANT["username"],
        defaults={
            "first_name": CONSULTANT["first_name"],
            "last_name": CONSULTANT["last_name"],
            "email": f"{CONSULTANT['username']}@haderslev.dk",
            "is_staff": True,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _follow_up(company: Company, agenda: str, **fields) -> FollowUp:
    follow_up, _created = FollowUp.objects.update_or_create(
        company=company, agenda=agenda, defaults=fields
    )
    return follow_up


def load_demo_follow_ups() -> list[FollowUp]:
    today = timezone.localdate()
    consultant, caseworker = _consultant(), demo_staff_user()
    companies = {company.cvr: company for company in Company.objects.filter(cvr__gt="")}
    loaded = []
    for cvr, topics, agenda, days, theirs in DEMO_FOLLOW_UPS:
        due_on = end_of_week(today) if days is None else today + datetime.timedelta(days=days)
        assignee = consultant if theirs else caseworker
        loaded.append(
            _follow_up(companies[cvr], agenda, topics=topics, due_on=due_on, assignee=assignee)
        )
    cvr, topics, agenda, outcome, days_ago = HELD
    next_topics, next_agenda, next_in = NEXT
    next_follow_up = _follow_up(
        companies[cvr],
        next_agenda,
        topics=next_topics,
        due_on=today + datetime.timedelta(days=next_in),
        assignee=caseworker,
    )
    held_on = today - datetime.timedelta(days=days_ago)
    held = _follow_up(
        companies[cvr],
        agenda,
        topics=topics,
        due_on=held_on,
        done_on=held_on,
        outcome=outcome,
        assignee=caseworker,
        next_follow_up=next_follow_up,
    )
    return [*loaded, held, next_follow_up]
