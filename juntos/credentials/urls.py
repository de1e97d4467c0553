from django.urls import path

from juntos.credentials.views import assess, holder, public

app_name = "credentials"
urlpatterns = [
    path("", public.standards, name="standards"),
    path("standards/<slug:framework>/<str:code>/", public.standard, name="standard"),
    path("verify/", public.verify, name="verify"),
    path("v/<str:short_id>/", public.verify_short, name="verify_short"),
    path("s/<str:token>/", public.shared, name="shared"),
    path("mine/", holder.mine, name="mine"),
    path("mine/<uuid:credential_id>/", holder.detail, name="detail"),
    path("mine/<uuid:credential_id>/share/", holder.share, name="share"),
    path("mine/<uuid:credential_id>/hide/", holder.hide, name="hide"),
    path("mine/<uuid:credential_id>/credential.json", holder.download, name="download"),
    path("mine/<uuid:credential_id>/certificate.pdf", holder.certificate, name="certificate"),
    path("shares/<int:share_id>/revoke/", holder.share_revoke, name="share_revoke"),
    path("assessment/", holder.request_assessment, name="request"),
    path("shared-with-us/", holder.shared_with_us, name="shared_with_us"),
    path("assess/", assess.queue, name="queue"),
    path("assess/<int:assessment_id>/", assess.decide, name="decide"),
    path("issued/", assess.issued, name="issued"),
    path("issued/<str:short_id>/", assess.manage, name="manage"),
]
