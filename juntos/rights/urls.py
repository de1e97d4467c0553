from django.urls import path

from juntos.rights.views import alerts, editor, printing, public

app_name = "rights"
urlpatterns = [
    path("", public.index, name="index"),
    path("in/<str:province>/<str:program>/", public.browse, name="browse"),
    path("search/", public.search, name="search"),
    path("articles/<slug:slug>/", public.article, name="article"),
    path("articles/<slug:slug>/changes/", public.changes, name="changes"),
    path("articles/<slug:slug>/pamphlet.pdf", printing.article_pdf, name="article_pdf"),
    path("topics/<str:topic>/pamphlet.pdf", printing.topic_pdf, name="topic_pdf"),
    path("employers/", public.obligations, name="obligations"),
    path("employers/workshop-pack.pdf", printing.employer_pack, name="employer_pack"),
    path("alerts/", alerts.subscribe, name="subscribe"),
    path("alerts/confirm/<str:token>/", alerts.subscribe_confirm, name="subscribe_confirm"),
    path("alerts/link/<str:token>/", alerts.confirm_link, name="confirm_link"),
    path("alerts/stop/<str:token>/", alerts.unsubscribe, name="unsubscribe"),
    path("desk/", editor.desk, name="editor"),
    path("desk/new/", editor.article_new, name="editor_article_new"),
    path("desk/articles/<slug:slug>/", editor.article_detail, name="editor_article"),
    path("desk/versions/<int:version_id>/", editor.version_edit, name="editor_version"),
    path(
        "desk/versions/<int:version_id>/action/",
        editor.version_action,
        name="editor_version_action",
    ),
]
