from django.urls import include, path

from partnerships import views

app_name = "partnerships"

# Each part's URLs live beside it, all in the one "partnerships" namespace; the directory has
# its own prefix and namespace (PartnershipsConfig.more_urls).
urlpatterns = [
    path("", views.overview, name="overview"),
    path("", include("partnerships.proposals.urls")),
    path("", include("partnerships.exchange.urls")),
]
