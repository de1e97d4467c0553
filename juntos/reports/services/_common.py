"""Small pieces shared by the report services."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from juntos.core.services import notify


def reports_setting(name: str, default: int) -> int:
    """An app-level setting, JUNTOS_REPORTS_<name>, with the app's default."""
    return int(getattr(settings, f"JUNTOS_REPORTS_{name}", default))


def today() -> Any:
    return timezone.localdate()


def notify_person(
    person: Any, *, build_body: Any, subject: Any = "", url_name: str = "", **url_kwargs: Any
) -> None:
    """Send a person a short message in their language; it names no worker and no content."""
    address = person.contact_address()
    if not address:
        return
    with translation.override(person.preferred_language):
        url = settings.SITE_URL + reverse(url_name, kwargs=url_kwargs or None) if url_name else ""
        body = str(build_body(url))
        # A lazy subject is rendered here, in the person's language.
        title = str(subject)
    notify(channel=person.preferred_channel, recipient=address, body=body, subject=title)
