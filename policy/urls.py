from django.urls import path

from . import views

app_name = "policy"

urlpatterns = [
    path("", views.checker_list, name="checker_list"),
    path("<str:checker>/", views.checker_start, name="checker_start"),
    path("<str:checker>/questions/", views.checker_questions, name="checker_questions"),
    path("<str:checker>/answer/", views.checker_answer, name="checker_answer"),
    path("<str:checker>/answer/calendar.ics", views.checker_calendar, name="checker_calendar"),
]
