from django.urls import path

from juntos.network.views import (
    amendments,
    comments,
    groups,
    meetings,
    recommendations,
    search,
    translations,
    votes,
)

app_name = "network"

urlpatterns = [
    path("", groups.index, name="index"),
    path("members/", groups.members, name="members"),
    path("search/", search.search, name="search"),
    path("translations/", translations.queue, name="translations"),
    path(
        "translations/<str:kind>/<int:source_id>/<str:language>/",
        translations.translate,
        name="translate",
    ),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/<int:group_id>/", groups.group_detail, name="group"),
    path("groups/<int:group_id>/members/", groups.group_member_add, name="group_member_add"),
    path("groups/<int:group_id>/quorum/", groups.group_quorum, name="group_quorum"),
    path(
        "groups/<int:group_id>/recommendations/new/",
        recommendations.recommendation_create,
        name="recommendation_create",
    ),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>/poll/", meetings.availability, name="meeting_availability"),
    path("meetings/<int:meeting_id>/schedule/", meetings.schedule, name="meeting_schedule"),
    path("meetings/<int:meeting_id>/register/", meetings.register, name="meeting_register"),
    path(
        "meetings/<int:meeting_id>/interpreters/", meetings.interpreter, name="meeting_interpreter"
    ),
    path("meetings/<int:meeting_id>/agenda/", meetings.agenda, name="meeting_agenda"),
    path("meetings/<int:meeting_id>/held/", meetings.held, name="meeting_held"),
    path("meetings/<int:meeting_id>/minutes/", meetings.minutes, name="meeting_minutes"),
    path("meetings/<int:meeting_id>/comment/", meetings.comment, name="meeting_comment"),
    path("comments/<int:comment_id>/reply/", comments.reply, name="comment_reply"),
    path("comments/<int:comment_id>/remove/", comments.remove, name="comment_remove"),
    path("comments/<int:comment_id>/hide/", comments.hide, name="comment_hide"),
    path("meetings/<int:meeting_id>/calendar.ics", meetings.meeting_ics, name="meeting_ics"),
    path("calendar/", meetings.calendar, name="calendar"),
    path("calendar/<str:token>/feed.ics", meetings.calendar_feed, name="calendar_feed"),
    path("recommendations/", recommendations.recommendation_list, name="recommendations"),
    path(
        "recommendations/<int:recommendation_id>/",
        recommendations.recommendation_detail,
        name="recommendation",
    ),
    path(
        "recommendations/<int:recommendation_id>/revise/",
        recommendations.revise,
        name="recommendation_revise",
    ),
    path(
        "recommendations/<int:recommendation_id>/comment/",
        recommendations.comment,
        name="recommendation_comment",
    ),
    path(
        "recommendations/<int:recommendation_id>/support/",
        recommendations.support,
        name="recommendation_support",
    ),
    path(
        "recommendations/<int:recommendation_id>/support/withdraw/",
        recommendations.support_withdraw,
        name="recommendation_support_withdraw",
    ),
    path(
        "recommendations/<int:recommendation_id>/answer/",
        recommendations.answer,
        name="recommendation_answer",
    ),
    path(
        "recommendations/<int:recommendation_id>/amendments/new/",
        amendments.amendment_create,
        name="amendment_create",
    ),
    path("amendments/<int:amendment_id>/", amendments.amendment_detail, name="amendment"),
    path("amendments/<int:amendment_id>/accept/", amendments.accept, name="amendment_accept"),
    path("amendments/<int:amendment_id>/reject/", amendments.reject, name="amendment_reject"),
    path(
        "recommendations/<int:recommendation_id>/agenda/",
        recommendations.put_on_agenda,
        name="recommendation_agenda",
    ),
    path(
        "recommendations/<int:recommendation_id>/vote/",
        recommendations.vote_open,
        name="vote_open",
    ),
    path(
        "recommendations/<int:recommendation_id>/tracking/",
        recommendations.track,
        name="recommendation_track",
    ),
    path(
        "recommendations/<int:recommendation_id>/milestones/",
        recommendations.milestone,
        name="milestone_add",
    ),
    path(
        "recommendations/<int:recommendation_id>/milestones/<int:milestone_id>/done/",
        recommendations.milestone_done,
        name="milestone_done",
    ),
    path("decisions/", recommendations.decisions, name="decisions"),
    path("votes/<int:vote_id>/", votes.vote_detail, name="vote"),
    path("votes/<int:vote_id>/ballot/", votes.vote_cast, name="vote_cast"),
    path("votes/<int:vote_id>/proxy/", votes.vote_proxy, name="vote_proxy"),
    path("votes/<int:vote_id>/close/", votes.vote_close, name="vote_close"),
    path("votes/<int:vote_id>/receipt/", votes.receipt_check, name="receipt_check"),
    path("votes/<int:vote_id>/count/", votes.tally_open, name="tally_open"),
    path("votes/<int:vote_id>/ballots/", votes.counted_ballots, name="counted_ballots"),
    path("trustee/", votes.trustee_passphrase, name="trustee"),
]
