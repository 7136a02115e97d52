"""The exchange's tests' data: filled-in forms, each with its own one-time token."""

import datetime

from django.utils import timezone

from partnerships.exchange.forms import ContactForm, ListingForm
from tests.factories import valid_cvr

MONTHS = "januar februar marts april maj juni juli august september oktober november december"

SCRIPT = '<script>alert("x")</script>'
ESCAPED_SCRIPT = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def danish_date(value: datetime.date) -> str:
    return f"{value.day}. {MONTHS.split()[value.month - 1]} {value.year}"


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def listing_data(**changes) -> dict:
    """The posting form, as a company fills it in (a fresh page load)."""
    return {
        "cvr": valid_cvr(9001),
        "company_name": "Sønderjysk Emballage A/S",
        "name": "Henrik Schmidt",
        "email": "hs@emballage.example",
        "phone": "",
        "kind": "offer",
        "category": "job_training",
        "title": "Vi kan tilbyde to praktikpladser på lageret",
        "description": "Pluk og pak.\nFra 15 timer om ugen.",
        "postcode": "6500",
        "valid_until": in_days(60).isoformat(),
        "show_company": "on",
        "form_token": ListingForm.new_form_token(),
        "website": "",
        **changes,
    }


def contact_data(**changes) -> dict:
    return {
        "name": "Mette Lauridsen",
        "email": "mette@cafe.example",
        "phone": "",
        "company": "Café Kernen",
        "message": "Vi har to medarbejdere, der gerne vil i praktik.\nRing gerne.",
        "form_token": ContactForm.new_form_token(),
        "website": "",
        **changes,
    }
