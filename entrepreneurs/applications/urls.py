from django.urls import path

from entrepreneurs.applications import views

urlpatterns = [
    path("stoette/", views.support, name="support"),
    # Before "<slug>/", so that no scheme's slug can take these addresses.
    path("stoette/ansoegning/<str:token>/", views.draft, name="draft"),
    path("stoette/ansoegning/<str:token>/<slug:step>/", views.draft_step, name="draft-step"),
    path("stoette/kvittering/<str:token>/", views.application_receipt, name="application-receipt"),
    path("stoette/<slug:slug>/", views.scheme_detail, name="scheme-detail"),
    path("stoette/<slug:slug>/start/", views.scheme_start, name="scheme-start"),
]
