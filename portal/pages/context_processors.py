from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.pages.models import SiteSettings

# The four principles of the strategy, in its order: the site's main navigation.
PRINCIPLES = [
    ("guidance:overview", _("Råd og vejledning")),
    ("partnerships:overview", _("Partnerskaber")),
    ("entrepreneurs:overview", _("Iværksættere")),
    ("network:overview", _("Netværk")),
]


def site(request: HttpRequest) -> dict:
    return {
        "site": SiteSettings.load(),
        "principles": [
            {
                "url": reverse(url_name),
                "title": title,
                "active": request.path.startswith(reverse(url_name)),
            }
            for url_name, title in PRINCIPLES
        ],
    }
