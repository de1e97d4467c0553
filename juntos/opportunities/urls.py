from django.urls import path

from juntos.opportunities.views import employer, named, public, referrals, visits, worker

app_name = "opportunities"

urlpatterns = [
    path("", public.vacancies, name="vacancies"),
    path("vacancies/<int:vacancy_id>/", public.vacancy, name="vacancy"),
    path("vacancies/<int:vacancy_id>/apply/", worker.apply, name="apply"),
    path("post/", employer.vacancy_new, name="vacancy_new"),
    path("mine/", employer.my_vacancies, name="my_vacancies"),
    path("mine/<int:vacancy_id>/", employer.manage, name="manage"),
    path("mine/<int:vacancy_id>/edit/", employer.vacancy_edit, name="vacancy_edit"),
    path("mine/<int:vacancy_id>/close/", employer.vacancy_close, name="vacancy_close"),
    path(
        "mine/<int:vacancy_id>/candidates/<slug:pseudonym>/invite/",
        employer.invite,
        name="invite",
    ),
    path("applications/<int:application_id>/hire/", employer.hire, name="hire"),
    path("review/", employer.review_queue, name="review_queue"),
    path("review/<int:vacancy_id>/", employer.review, name="review"),
    path("findable/", worker.findable, name="findable"),
    path("for-me/", worker.for_me, name="for_me"),
    path("invitations/", worker.invitations, name="invitations"),
    path(
        "invitations/<int:application_id>/answer/",
        worker.invitation_answer,
        name="invitation_answer",
    ),
    path("requests/", worker.my_requests, name="my_requests"),
    path("requests/<int:request_id>/answer/", worker.respond, name="respond"),
    path("options/", worker.my_options, name="my_options"),
    path("options/<int:engagement_id>/pool/", worker.join_pool, name="join_pool"),
    path("named/", named.named, name="named"),
    path("liaison/", named.liaison, name="liaison"),
    path("liaison/<int:request_id>/", named.decide, name="decide"),
    path("named-back-rates/", named.rates, name="rates"),
    path("referrals/", referrals.referrals, name="referrals"),
    path("referrals/new/", referrals.referral_new, name="referral_new"),
    path("referrals/<int:referral_id>/", referrals.referral, name="referral"),
    path(
        "referrals/<int:referral_id>/follow-ups/<int:follow_up_id>/",
        referrals.follow_up,
        name="follow_up",
    ),
    path("visits/", visits.visits, name="visits"),
    path("visits/new/", visits.visit_new, name="visit_new"),
    path("visits/<int:visit_id>/", visits.visit, name="visit"),
    path("visits/<int:visit_id>/choose/<int:offer_id>/", visits.visit_choose, name="visit_choose"),
    path("volunteer/", visits.volunteer, name="volunteer"),
    path("volunteers/vetting/", visits.vetting, name="vetting"),
    path("volunteers/<int:offer_id>/vet/", visits.vet, name="vet"),
]
