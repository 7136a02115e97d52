from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from portal.pages import views as pages_views

urlpatterns = [
    path("healthz", pages_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

# Danish has no prefix; /en/ and /de/ give the same pages in English and German.
urlpatterns += i18n_patterns(
    path("", include("portal.pages.urls")),
    path("", include("guidance.urls")),
    path("partnerskaber/", include("partnerships.urls")),
    path("ivaerksaettere/", include("entrepreneurs.urls")),
    path("netvaerk/", include("network.urls")),
    path("", include("portal.cases.urls")),
    prefix_default_language=False,
)
