from django.urls import path

from . import api

app_name = "policy_api"

urlpatterns = [
    path("<str:checker>/", api.checker_api, name="checker"),
]
