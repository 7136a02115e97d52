from django.urls import path

from partnerships.exchange import views

# In the "partnerships" namespace (partnerships/urls.py includes these).
urlpatterns = [
    path("boers/", views.listing_list, name="listing-list"),
    path("boers/opret/", views.listing_create, name="listing-create"),
    path("boers/opret/tak/", views.listing_created, name="listing-created"),
    path("boers/rediger/<str:token>/", views.listing_manage, name="listing-manage"),
    path("boers/<int:pk>/", views.listing_detail, name="listing-detail"),
    path("boers/<int:pk>/sendt/", views.listing_contacted, name="listing-contacted"),
]
