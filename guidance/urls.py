from django.urls import path

from guidance import views

app_name = "guidance"

urlpatterns = [
    path("", views.overview, name="overview"),
]
