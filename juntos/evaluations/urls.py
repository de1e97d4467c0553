from django.urls import path

from juntos.evaluations.views import liaison, writers

app_name = "evaluations"

urlpatterns = [
    path("workers/", writers.to_evaluate, name="to_evaluate"),
    path("workers/<int:engagement_id>/", writers.employer_form, name="employer_form"),
    path("mine/", writers.my_seasons, name="my_seasons"),
    path("mine/<int:engagement_id>/<slug:about>/", writers.worker_form, name="worker_form"),
    path("liaison/", liaison.liaison, name="liaison"),
    path("liaison/unlock/", liaison.unlock, name="unlock"),
    path("liaison/lock/", liaison.lock, name="lock"),
    path("liaison/<int:evaluation_id>/", liaison.read, name="read"),
    path("liaison/<int:evaluation_id>/watch/", liaison.watch, name="watch"),
]
