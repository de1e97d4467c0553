"""Change alerts: subscribing by phone, email or account, one alert each, digests, leaving."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from juntos.accounts.models import User
from juntos.core.models import OutboxMessage, PendingAnonymousAuditEntry
from juntos.monitoring.selectors import fact_table
from juntos.rights import services
from juntos.rights.models import Alert, Subscription
from juntos.rights.tests.factories import (
    found,
    make_subscription,
    new_version,
    published_article,
)
from juntos.testing.outbox import outbox_messages, outbox_one

pytestmark = pytest.mark.django_db


def _url(name: str, language: str = "es", **kwargs: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def _subscribe(client: Client, **fields: object) -> Any:
    data = {
        "channel": "sms",
        "address": "250 555 0199",
        "province": "BC",
        "programs": ["sawp-mx"],
        "language": "es",
        "frequency": "immediate",
        **fields,
    }
    return client.post(
        _url("rights:subscribe"), data, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Cheap Android"
    )


def _publish_change(article, actor, **changes):
    """The actor writes the change; a second editor (the operator) publishes it."""
    version = new_version(article, actor, **changes)
    services.version_submit(actor=actor, version=version)
    services.version_publish(actor=User.objects.get(is_superuser=True), version=version)
    return version


def test_it_subscribes_by_phone_with_a_code_and_keeps_no_identity(
    django_capture_on_commit_callbacks,
):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = _subscribe(client)
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.address == "+12505550199"
    assert not subscription.confirmed
    assert subscription.created_on == dt.date.today()
    message = outbox_one("+12505550199", channel="sms")
    code = found(r"\b(\d{6})\b", message.body)
    assert "203.0.113.9" not in str(Subscription.objects.values().get())
    assert PendingAnonymousAuditEntry.objects.filter(action="rights.subscription_created").exists()
    wrong = client.post(response["Location"], {"code": "000000" if code != "000000" else "111111"})
    assert "Este código no es correcto" in wrong.content.decode()
    done = client.post(response["Location"], {"code": code})
    assert done.status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed
    cells = fact_table(
        "rights.subscription", group_by=("province", "program", "language"), threshold=0
    )
    assert [(c.dimensions, c.count) for c in cells] == [
        ({"province": "BC", "program": "sawp-mx", "language": "es"}, 1)
    ]


def test_it_explains_a_malformed_number_and_keeps_what_was_typed():
    response = _subscribe(Client(), address="12ab")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="12ab"' in body
    assert "+52 55 1234 5678" in body
    assert not Subscription.objects.exists()


def test_it_confirms_an_email_subscription_by_the_link(
    django_capture_on_commit_callbacks, mailoutbox
):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        _subscribe(client, channel="email", address="Ana@Example.org", language="fr")
    (message,) = mailoutbox
    assert message.to == ["ana@example.org"]
    link = found("(" + r"https?://\S+" + ")", message.body)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert Client().get("/" + path).status_code == 200  # a link scanner confirms nothing
    assert not Subscription.objects.get().confirmed
    Client().post("/" + path)
    assert Subscription.objects.get().confirmed


def test_it_subscribes_a_signed_in_worker_at_once(client_as):
    client = client_as("rosa")
    response = client.post(
        _url("rights:subscribe"),
        {"province": "BC", "programs": ["sawp-mx"], "language": "es", "frequency": "immediate"},
    )
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.confirmed and subscription.user is not None
    assert subscription.address == "+12505550101"


def test_it_sends_one_alert_to_each_matching_subscriber_linking_to_what_changed(
    personas, django_capture_on_commit_callbacks, mailoutbox
):
    article = published_article(slug="bc-housing")
    spanish = make_subscription(language="es")
    make_subscription(channel="email", address="x@example.org", language="fr", programs="")
    make_subscription(province="ON")  # another province
    make_subscription(programs="sawp-car")  # another program
    make_subscription(topics="wages")  # another topic
    make_subscription(confirmed=False)  # never confirmed
    make_subscription(active=False)  # left
    with django_capture_on_commit_callbacks(execute=True):
        version = _publish_change(article, personas.ben, en={"title": "Housing: new amount"})
    assert [m.recipient for m in outbox_messages()] == [spanish.address]
    assert [m.to for m in mailoutbox] == [["x@example.org"]]
    sms = outbox_one(spanish.address)
    assert "/es/rights/articles/bc-housing/changes/" in sms.body
    assert "/es/rights/alerts/stop/" in sms.body
    assert "/fr/rights/articles/bc-housing/changes/" in mailoutbox[0].body
    # Running the task again sends nothing more: one alert per subscriber per version.
    with django_capture_on_commit_callbacks(execute=True):
        services.alerts_create_for_version(version_id=version.pk)
    assert OutboxMessage.objects.count() == 1 and len(mailoutbox) == 1
    assert Alert.objects.count() == 2
    cells = fact_table("rights.alert", group_by=("language",), threshold=0)
    assert {c.dimensions["language"]: c.count for c in cells} == {"es": 1, "fr": 1}


def test_it_sends_weekly_subscribers_one_digest(personas, django_capture_on_commit_callbacks):
    first = published_article(slug="first")
    second = published_article(slug="second")
    weekly = make_subscription(frequency="weekly")
    with django_capture_on_commit_callbacks(execute=True):
        _publish_change(first, personas.ben)
        _publish_change(second, personas.ben)
    assert not OutboxMessage.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digests_send(today=dt.date(2026, 11, 23)) == 1
        assert services.digests_send(today=dt.date(2026, 11, 24)) == 0  # not a week yet
    message = outbox_one(weekly.address)
    assert "/first/changes/" in message.body and "/second/changes/" in message.body
    assert not Alert.objects.filter(sent_on__isnull=True).exists()


def test_it_unsubscribes_from_the_link_without_logging_in(
    personas, django_capture_on_commit_callbacks
):
    article = published_article(slug="bc-housing")
    subscription = make_subscription()
    with django_capture_on_commit_callbacks(execute=True):
        _publish_change(article, personas.ben)
    body = OutboxMessage.objects.get().body
    stop = "/" + found(r"https?://[^/]+/(\S*/alerts/stop/\S+)", body)
    client = Client()
    assert client.get(stop).status_code == 200
    subscription.refresh_from_db()
    assert subscription.active  # only the button press stops alerts
    client.post(stop)
    subscription.refresh_from_db()
    assert not subscription.active
    assert subscription.address == ""  # nothing left to contact
    assert Client().get(stop[:-5] + "XXXX/").status_code == 404


def test_it_limits_codes_sent_to_one_address(django_capture_on_commit_callbacks):
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            _subscribe(client)
        blocked = _subscribe(client)
    assert "Se enviaron demasiados códigos" in blocked.content.decode()
    assert OutboxMessage.objects.count() == 5


def test_a_signed_in_person_must_still_prove_someone_elses_number(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscription = services.subscription_create(
            actor=personas.rosa,
            channel="sms",
            address="+1 250 555 0188",
            province="BC",
            programs=["sawp-mx"],
            topics=[],
            language="es",
        )
    assert not subscription.confirmed
    assert outbox_messages("+12505550188")


def test_it_forgets_addresses_never_confirmed_within_a_week():
    today = dt.date(2026, 11, 21)
    old = make_subscription(confirmed=False, created_on=today - dt.timedelta(days=8))
    recent = make_subscription(confirmed=False, created_on=today - dt.timedelta(days=6))
    kept = make_subscription(confirmed=True, created_on=today - dt.timedelta(days=30))
    assert services.subscriptions_purge_unconfirmed(today=today) == 1
    remaining = set(Subscription.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, kept.pk}
    assert old.pk not in remaining


def test_it_asks_for_the_address_in_the_persons_language():
    response = _subscribe(Client(), address="")
    assert "Escriba el número de celular o el correo para los avisos." in response.content.decode()
    assert not Subscription.objects.exists()
