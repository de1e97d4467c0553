"""Absolute links to the app's pages and public documents."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def site_link(url_name: str, language: str, **kwargs: str | int) -> str:
    """An absolute link to one of our pages, in the reader's language."""
    with translation.override(language):
        return settings.SITE_URL + reverse(url_name, kwargs=kwargs or None)


def public_url(url_name: str, **kwargs: str | int) -> str:
    """An absolute link to a language-free public document (keys, status lists)."""
    return settings.SITE_URL + reverse(url_name, kwargs=kwargs or None)


def verify_short_url(short_id: str) -> str:
    """The short verify URL printed under a certificate's QR code (no language prefix)."""
    return settings.SITE_URL + reverse("credentials_short", kwargs={"short_id": short_id})
