from django.urls import path

from portal.registrations import views

app_name = "registrations"

urlpatterns = [
    path("tilmelding/<str:token>/", views.registration_detail, name="registration-detail"),
    path("tilmelding/<str:token>/afmeld/", views.registration_cancel, name="registration-cancel"),
    path("tilmelding/<str:token>/kalender.ics", views.registration_ics, name="registration-ics"),
]
