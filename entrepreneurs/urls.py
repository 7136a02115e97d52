from django.urls import include, path

from entrepreneurs import views

app_name = "entrepreneurs"

# Each part's URLs live beside it, all in the one "entrepreneurs" namespace.
urlpatterns = [
    path("", views.overview, name="overview"),
    path("", include("entrepreneurs.courses.urls")),
    path("", include("entrepreneurs.applications.urls")),
    path("", include("entrepreneurs.decisions.urls")),
]
