"""Site URLs: pages under a language prefix (/en/, /es/, /fr/), the API and admin without."""

from __future__ import annotations

import importlib.util

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from juntos.api import api
from juntos.core import views as core_views

admin.site.site_header = "Juntos"

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", api.urls),
    path("healthz", core_views.healthz, name="healthz"),
    path("channels/", include("juntos.channels.webhook_urls")),
    path(
        "audit/checkpoints.json", core_views.audit_checkpoints_json, name="audit_checkpoints_json"
    ),
]
# Django tries the patterns in order, and an include with an empty prefix is tried pattern by
# pattern for every address: the pages (each app under its own prefix) come before such
# includes, so a page's address meets as few failed patterns as possible. No two of them
# match the same address, so the order changes nothing but the time it takes.
page_patterns = [
    *(
        path(f"{app}/", include(f"juntos.{app}.urls"))
        for app in settings.JUNTOS_DOMAIN_APPS
        if importlib.util.find_spec(f"juntos.{app}.urls")
    ),
    path("channels/", include("juntos.channels.urls")),
    path("monitoring/", include("juntos.monitoring.urls")),
    path("research/", include("juntos.research.urls")),
    path("federation/", include("juntos.federation.urls")),
    path("admin/", admin.site.urls),
    path("", include("juntos.accounts.urls")),
    path("", include("juntos.core.urls")),
]
urlpatterns += i18n_patterns(*page_patterns, prefix_default_language=True)
if "credentials" in settings.JUNTOS_DOMAIN_APPS:
    urlpatterns.append(path("", include("juntos.credentials.public_urls")))
urlpatterns.append(path("", include("juntos.federation.public_urls")))
