from django.urls import path

from partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.overview, name="overview"),
]
