from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from portal.extensions import app_urls, feature_apps
from portal.pages import views as pages_views

urlpatterns = [
    path("healthz", pages_views.healthz, name="healthz"),
    path("robots.txt", pages_views.robots_txt, name="robots-txt"),
    path("favicon.ico", pages_views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
]

# Danish has no prefix; /en/ and /de/ give the same pages in English and German.
urlpatterns += i18n_patterns(
    path("", include("portal.pages.urls")),
    # Each feature app of settings.FEATURE_APPS under the prefix its AppConfig names, and any
    # further top-level pages it names in `more_urls` (partnerships' /virksomheder/).
    *(path(prefix, include(module)) for app in feature_apps() for prefix, module in app_urls(app)),
    path("", include("portal.cases.urls")),
    path("", include("portal.registrations.urls")),
    prefix_default_language=False,
)

# The portal's own error pages (portal/pages/errors.py); the CSRF one is CSRF_FAILURE_VIEW.
handler400 = "portal.pages.errors.bad_request"
handler403 = "portal.pages.errors.permission_denied"
handler404 = "portal.pages.errors.page_not_found"
handler500 = "portal.pages.errors.server_error"
