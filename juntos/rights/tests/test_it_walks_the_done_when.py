"""The issue's walk, as a new user would do it: BC + SAWP in Spanish, from browsing to leaving."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from juntos.rights.models import ArticleVersion, Subscription
from juntos.rights.services import content_load
from juntos.rights.tests.factories import found
from juntos.testing.outbox import outbox_last, outbox_one

pytestmark = pytest.mark.django_db


def test_rosa_finds_the_housing_answer_subscribes_gets_the_alert_and_leaves(
    client_as, django_capture_on_commit_callbacks
):
    content_load(notify_subscribers=False)
    rosa = Client()  # a new user: no account, Spanish

    # Pick BC + SAWP (Mexico) once, then browse to the housing deduction.
    rosa.get("/es/rights/", {"province": "BC", "program": "sawp-mx"})
    library = rosa.get("/es/rights/").content.decode()
    housing = library[library.index('id="topic-housing"') :]
    assert "/es/rights/articles/bc-sawp-housing-deduction/" in housing.split("</section>")[0]
    article = rosa.get("/es/rights/articles/bc-sawp-housing-deduction/").content.decode()
    assert "7,11 $" in article and "946,95 $" in article

    # Search by two words for the same thing.
    for word in ("vivienda", "alojamiento"):
        results = rosa.get("/es/rights/search/", {"q": word}).content.decode()
        first = found(r'<ol>\s*<li><a href="([^"]+)"', results)
        assert first == "/es/rights/articles/bc-sawp-housing-deduction/", word

    # Download the pamphlet.
    pdf = rosa.get("/es/rights/articles/bc-sawp-housing-deduction/pamphlet.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    # Subscribe by phone, with the code from the SMS.
    with django_capture_on_commit_callbacks(execute=True):
        sent = rosa.post(
            "/es/rights/alerts/",
            {
                "channel": "sms",
                "address": "+1 250 555 0142",
                "province": "BC",
                "programs": ["sawp-mx"],
                "language": "es",
                "frequency": "immediate",
            },
        )
    code = found(r"\b(\d{6})\b", outbox_one("+12505550142").body)
    rosa.post(sent["Location"], {"code": code})
    assert Subscription.objects.get().confirmed

    # A coordinator drafts a change and a second editor publishes it; the alert reaches the
    # outbox, in Spanish.
    ben = client_as("ben")
    slug = "bc-sawp-housing-deduction"
    with django_capture_on_commit_callbacks(execute=True):
        ben.post(reverse("rights:editor_article", kwargs={"slug": slug}))
        draft = ArticleVersion.objects.filter(article__slug=slug).latest("number")
        action = reverse("rights:editor_version_action", kwargs={"version_id": draft.pk})
        ben.post(action, {"action": "submit"})
        client_as("admin").post(action, {"action": "publish"})
    assert draft.effective_from <= dt.date.today()
    alert = outbox_last("+12505550142")
    assert "/es/rights/articles/bc-sawp-housing-deduction/changes/" in alert.body
    changes = rosa.get("/es/rights/articles/bc-sawp-housing-deduction/changes/")
    assert changes.status_code == 200

    # Unsubscribe from the link in the alert, without logging in.
    stop = "/" + found(r"https?://[^/]+/(\S*/alerts/stop/\S+)", alert.body)
    subscription = Subscription.objects.get()
    Client().post(stop)
    subscription.refresh_from_db()
    assert not subscription.active and subscription.address == ""
