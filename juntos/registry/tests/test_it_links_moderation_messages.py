"""Moderation messages carry the absolute link to act on them, in the person's language."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone, translation

from juntos.accounts.tests.factories import UserFactory
from juntos.registry import services
from juntos.registry.tests import factories


def link(person, url_name: str, site_url: str) -> str:
    with translation.override(person.preferred_language):
        return site_url + reverse(url_name)


def test_moderators_get_the_queue_link_and_employers_their_page(
    personas, carls_published_review, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.SITE_URL = "https://juntos.example.org"
    site = factories.site(carls_published_review.employer)
    with django_capture_on_commit_callbacks(execute=True):
        services.review_submit(
            actor=UserFactory.create(),
            site=site,
            season=timezone.localdate().year,
            fee_charged="no",
            contract_matched=3,
            paid_on_time=3,
            respect_safety=3,
        )
    (to_ben,) = [m for m in mailoutbox if m.to == [personas.ben.email]]
    queue = link(personas.ben, "registry:moderation", settings.SITE_URL)
    assert queue.startswith("https://juntos.example.org/") and queue in to_ben.body

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.review_reply(
            actor=personas.carl, review=carls_published_review, body="Gracias."
        )
    (to_ben,) = [m for m in mailoutbox if m.to == [personas.ben.email]]
    assert queue in to_ben.body
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_moderate(actor=personas.ben, reply=reply, approve=True)
    (to_carl,) = [m for m in mailoutbox if m.to == [personas.carl.email]]
    assert link(personas.carl, "registry:mine", settings.SITE_URL) in to_carl.body
