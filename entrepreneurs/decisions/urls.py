from django.urls import path

from entrepreneurs.decisions import views

urlpatterns = [
    path(
        "stoette/afgoerelse/<str:token>/<int:pk>/",
        views.decision_letter,
        name="decision-letter",
    ),
    path(
        "stoette/afgoerelse/<str:token>/<int:pk>.pdf",
        views.decision_letter_pdf,
        name="decision-letter-pdf",
    ),
]
