from django.http import HttpRequest
from django.urls import reverse

from portal.extensions import feature_apps
from portal.pages.models import SiteSettings


def site(request: HttpRequest) -> dict:
    """The site settings, and the principles: the feature apps, in the strategy's order.

    Each principle is what the main navigation, the front page's cards and the about page's
    list show of one feature app, read from its AppConfig.
    """
    principles = []
    for app in feature_apps():
        url = reverse(app.navigation_url)
        principles.append(
            {
                "url": url,
                "title": app.navigation_label,
                "active": request.path.startswith(url),
                "name": app.verbose_name,
                "heading": app.principle_heading,
                "text": app.principle_text,
                "action": app.principle_action,
            }
        )
    return {"site": SiteSettings.load(), "principles": principles}
