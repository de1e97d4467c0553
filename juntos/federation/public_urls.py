"""Language-free federation documents: feeds, organisations, the key, the inbox."""

from django.urls import path

from juntos.federation.views import public

urlpatterns = [
    path("federation/feeds/<slug:feed>", public.feed, name="federation_feed"),
    path("federation/feeds/<slug:feed>/page", public.feed_page, name="federation_feed_page"),
    path("federation/organisations", public.organisations, name="federation_organisations"),
    path("federation/key.json", public.instance_key, name="federation_key"),
    path("federation/inbox", public.inbox, name="federation_inbox"),
]
