from django.urls import path

from guidance import views

app_name = "guidance"

# Included at the site's root (portal/urls.py): principle 1 lives under /raadgivning/, the
# information material under /viden/, the self-check at /tjek/.
urlpatterns = [
    path("raadgivning/", views.overview, name="overview"),
    path("raadgivning/henvendelse/", views.enquiry_create, name="enquiry-create"),
    path(
        "raadgivning/henvendelse/kvittering/<str:token>/",
        views.enquiry_receipt,
        name="enquiry-receipt",
    ),
    path("tjek/", views.self_check, name="self-check"),
    path("tjek/resultat/", views.self_check_result, name="self-check-result"),
    path("viden/", views.article_list, name="article-list"),
    path("viden/<slug:slug>/", views.article_detail, name="article-detail"),
    path(
        "viden/<slug:slug>/filer/<int:pk>/",
        views.article_attachment,
        name="article-attachment",
    ),
]
