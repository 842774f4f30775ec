from django.urls import path

from simulator.team import api

urlpatterns = [
    path("healthz", api.healthz),
    path("api/sessions", api.sessions),
    path("api/sessions/<str:session_id>", api.session_detail),
    path("api/sync/missing", api.missing),
]
