from django.urls import path

from network import views

app_name = "network"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("moeder/", views.meeting_list, name="meeting-list"),
    path("moeder.ics", views.meeting_feed, name="meeting-feed"),
    path("moeder/<int:pk>/", views.meeting_detail, name="meeting-detail"),
]
