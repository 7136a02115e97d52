from django.http import HttpRequest
from django.urls import reverse

from portal.extensions import feature_apps
from portal.pages.models import SiteSettings


def site(request: HttpRequest) -> dict:
    """The site settings, and the main navigation: the feature apps, in the strategy's order."""
    principles = []
    for app in feature_apps():
        url = reverse(app.navigation_url)
        principles.append(
            {"url": url, "title": app.navigation_label, "active": request.path.startswith(url)}
        )
    return {"site": SiteSettings.load(), "principles": principles}
