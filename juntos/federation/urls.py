from django.urls import path

from juntos.federation.views import pages

app_name = "federation"

urlpatterns = [
    path("jobs/", pages.vacancies, name="vacancies"),
    path("jobs/<int:vacancy_id>/", pages.vacancy, name="vacancy"),
    path("peers/", pages.peers, name="peers"),
    path("peers/<int:peer_id>/status/", pages.peer_status, name="peer_status"),
    path("referrals/send/", pages.referral_send, name="referral_send"),
    path("referrals/received/", pages.received, name="received"),
    path("referrals/received/<int:referral_id>/", pages.received_detail, name="received_detail"),
]
