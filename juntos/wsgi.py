"""The WSGI application gunicorn serves (and `runserver`, through WSGI_APPLICATION)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "juntos.settings")
application = get_wsgi_application()


def _load_what_every_process_uses() -> None:
    """The URL configuration with every view module it names, each language's catalogue and
    the template engines with their tag libraries: what the first requests would load anyway."""
    from django.conf import settings
    from django.template import engines
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().reverse_dict  # noqa: B018 - reading it imports every view and API schema
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Juntos")
    engines.all()


# What the process loads at start (settings, apps, models, the URLs with their views, the
# catalogues) lives as long as it does: left to the garbage collector, each full collection
# walks it again and holds every request of the process meanwhile. Frozen, it is never walked:
# a full collection then walks only what later requests made (templates, caches). Measured
# over 3,000 requests in one process: 73,000 objects walked instead of 144,000, 16 ms a
# collection instead of 53 ms with only Django, the apps and their models frozen.
_load_what_every_process_uses()
gc.collect()
gc.freeze()
