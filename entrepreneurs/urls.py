from django.urls import path

from entrepreneurs import views

app_name = "entrepreneurs"

urlpatterns = [
    path("", views.overview, name="overview"),
]
