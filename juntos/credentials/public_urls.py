"""Language-free public documents: keys, status lists, the SKOS export, short links."""

from django.urls import path

from juntos.credentials.views import documents

urlpatterns = [
    path(".well-known/did.json", documents.did_json, name="credentials_did"),
    path("credentials/jwks.json", documents.jwks_json, name="credentials_jwks"),
    path(
        "credentials/status/<int:number>/<slug:purpose>",
        documents.status_list,
        name="credentials_status_list",
    ),
    path("credentials/equivalences.ttl", documents.turtle, name="credentials_turtle"),
    path("credentials/v/<str:short_id>", documents.short_link, name="credentials_short"),
    path(
        "credentials/standards/<slug:framework>/<str:code>",
        documents.standard_link,
        name="credentials_standard_public",
    ),
]
