from django.urls import path

from partnerships.proposals import views

# Included by partnerships/urls.py in the "partnerships" namespace, under /partnerskaber/.
urlpatterns = [
    path("foreslaa/", views.proposal_create, name="proposal-create"),
    path(
        "foreslaa/kvittering/<str:token>/",
        views.proposal_receipt,
        name="proposal-receipt",
    ),
]
