from django.urls import include, path

from simulator.team import accounts, api, exports, pages, web

urlpatterns = [
    path("healthz", api.healthz),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/sessions", api.sessions),
    path("api/sessions/<str:session_id>", api.session_detail),
    path("api/sync/missing", api.missing),
    path("login/", web.login_view),
    path("logout/", web.logout_view),
    path("", web.session_list),
    path("sessions/<str:session_id>/", web.session_page),
    path("sessions/<str:session_id>/audio/<int:n>", web.audio),
    path("sessions/<str:session_id>/turns/<int:n>/comment", web.comment),
    path("sessions/<str:session_id>/turns/<int:n>/override", web.override),
    path("trainees/<int:trainee_id>/", pages.trainee_page),
    path("scenarios/", pages.scenarios),
    path("behaviours/", pages.behaviours),
    path("roster/", pages.roster),
    path("assignments/", pages.assignments),
    path("users/", accounts.users_page),
    path("users/<int:user_id>/", accounts.user_action),
    path("export/sessions.csv", exports.csv_view),
    path("export/xapi.json", exports.xapi_view),
]
