from django.urls import path

from guidance import views

app_name = "guidance"

# Included at the site's root (portal/urls.py): principle 1 lives under /raadgivning/, the
# information material under /viden/.
urlpatterns = [
    path("raadgivning/", views.overview, name="overview"),
    path("viden/", views.article_list, name="article-list"),
    path("viden/<slug:slug>/", views.article_detail, name="article-detail"),
    path(
        "viden/<slug:slug>/filer/<int:pk>/",
        views.article_attachment,
        name="article-attachment",
    ),
]
