from django.urls import path

from entrepreneurs.courses import views

urlpatterns = [
    path("kurser/", views.course_list, name="course-list"),
    path("kurser/<slug:slug>/", views.course_detail, name="course-detail"),
]
