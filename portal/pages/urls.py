from django.urls import path

from portal.pages import search_views, views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("om/", views.about, name="about"),
    path("privatliv/", views.privacy, name="privacy"),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
    path("logo", views.logo, name="logo"),
    path("soeg/", search_views.search, name="search"),
]
