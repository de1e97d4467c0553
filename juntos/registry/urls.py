from django.urls import path

from juntos.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.index, name="index"),
    path("employers/<slug:slug>/", views.employer, name="employer"),
    path("recruiters/<slug:slug>/", views.recruiter, name="recruiter"),
    path("recruiters/<slug:slug>/review/", views.recruiter_review, name="recruiter_review"),
    path("rules/", views.rules, name="rules"),
    path("sites/<int:site_id>/review/", views.review, name="review"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/<uuid:review_id>/", views.moderate, name="moderate"),
    path(
        "moderation/recruiters/<uuid:review_id>/",
        views.moderate_recruiter_review,
        name="moderate_recruiter_review",
    ),
    path("moderation/replies/<int:reply_id>/", views.moderate_reply, name="moderate_reply"),
    path("mine/", views.mine, name="mine"),
    path("reviews/<uuid:review_id>/reply/", views.reply, name="reply"),
]
