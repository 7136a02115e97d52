from django.urls import path

from portal.cases import views

app_name = "cases"

urlpatterns = [
    path("sag/<str:token>/", views.case_status, name="status"),
]
