from django.urls import path

from partnerships.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.entry_list, name="entry-list"),
    path("tilmeld/", views.request_create, name="request"),
    path("tilmeld/tak/", views.request_sent, name="request-sent"),
    path("fjern/<str:token>/", views.remove, name="remove"),
    path("<slug:slug>/", views.entry_detail, name="entry-detail"),
]
