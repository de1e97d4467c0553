"""Change alerts: one per subscriber per published version, sent at once or in a weekly digest."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django_tasks import task

from juntos.core.jurisdictions import Province
from juntos.core.services import fact_record, notify
from juntos.rights.choices import SOURCE_LANGUAGE, Frequency
from juntos.rights.models import Alert, ArticleText, ArticleVersion, Subscription
from juntos.rights.selectors import UNSUBSCRIBE_SALT, shown_text, subscription_token

DIGEST_INTERVAL = dt.timedelta(days=7)


def alerts_enqueue_for_version(*, version_id: int) -> None:
    """Queue the alert task once the publishing transaction commits: never in the request."""
    transaction.on_commit(lambda: send_version_alerts.enqueue(version_id=version_id))


def matching_subscriptions(version: ArticleVersion) -> list[Subscription]:
    """Confirmed, active subscriptions whose province, programs and topics the version touches."""
    article = version.article
    provinces = set(article.jurisdictions.values_list("code", flat=True))
    programs = set(article.programs.values_list("code", flat=True))
    topics = set(article.topics.values_list("code", flat=True))
    candidates = Subscription.objects.filter(confirmed=True, active=True)
    if Province.FEDERAL not in provinces:
        candidates = candidates.filter(province__in=provinces)
    return [
        s
        for s in candidates.iterator()
        if (not programs or not s.program_codes or programs & set(s.program_codes))
        and (not s.topic_codes or topics & set(s.topic_codes))
    ]


def alerts_create_for_version(*, version_id: int) -> int:
    """Create each matching subscriber's alert and send the immediate ones; returns how many."""
    version = ArticleVersion.objects.select_related("article").get(pk=version_id)
    texts = list(version.texts.all())
    today = timezone.localdate()
    sent = 0
    for subscription in matching_subscriptions(version):
        with transaction.atomic():
            alert, created = Alert.objects.get_or_create(
                subscription=subscription, version=version, defaults={"created_on": today}
            )
            if not created or subscription.frequency != Frequency.IMMEDIATE:
                continue
            _send_one(subscription, version, texts)
            alert.sent_on = today
            alert.save(update_fields=["sent_on"])
            _alert_fact(subscription)
            sent += 1
    return sent


def _links(subscription: Subscription, version: ArticleVersion) -> tuple[str, str]:
    changes = settings.SITE_URL + reverse("rights:changes", kwargs={"slug": version.article.slug})
    stop = settings.SITE_URL + reverse(
        "rights:unsubscribe",
        kwargs={"token": subscription_token(subscription, UNSUBSCRIBE_SALT)},
    )
    return changes, stop


def _send_one(
    subscription: Subscription, version: ArticleVersion, texts: list[ArticleText]
) -> None:
    with translation.override(subscription.language):
        shown = shown_text(texts, subscription.language) or shown_text(texts, SOURCE_LANGUAGE)
        changes, stop = _links(subscription, version)
        body = gettext(
            "Juntos: your rights changed. %(title)s (from %(date)s). What changed: %(changes)s "
            "To stop these alerts: %(stop)s"
        ) % {
            "title": shown.text.title if shown else version.article.slug,
            "date": date_format(version.effective_from),
            "changes": changes,
            "stop": stop,
        }
        subject = gettext("A change to your rights: %(title)s") % {
            "title": shown.text.title if shown else version.article.slug
        }
    notify(
        channel=subscription.channel,
        recipient=subscription.address,
        body=body,
        subject=subject,
        language=subscription.language,
    )


def _alert_fact(subscription: Subscription) -> None:
    for program in subscription.program_codes or [""]:
        fact_record(
            kind="rights.alert",
            province=subscription.province,
            program=program,
            language=subscription.language,
        )


def digests_send(*, today: dt.date | None = None) -> int:
    """Send each weekly subscriber one message with their unsent alerts; returns how many."""
    today = today or timezone.localdate()
    due = Subscription.objects.filter(
        frequency=Frequency.WEEKLY, active=True, confirmed=True, alerts__sent_on__isnull=True
    ).distinct()
    sent = 0
    for subscription in due:
        if subscription.last_digest_on and today - subscription.last_digest_on < DIGEST_INTERVAL:
            continue
        with transaction.atomic():
            alerts = list(
                subscription.alerts.filter(sent_on__isnull=True)
                .select_related("version__article")
                .prefetch_related("version__texts")
            )
            if not alerts:
                continue
            _send_digest(subscription, alerts)
            Alert.objects.filter(pk__in=[a.pk for a in alerts]).update(sent_on=today)
            subscription.last_digest_on = today
            subscription.save(update_fields=["last_digest_on"])
            _alert_fact(subscription)
            sent += 1
    return sent


def _send_digest(subscription: Subscription, alerts: list[Alert]) -> None:
    with translation.override(subscription.language):
        lines = []
        for alert in alerts:
            texts = list(alert.version.texts.all())
            shown = shown_text(texts, subscription.language)
            changes, stop = _links(subscription, alert.version)
            title = shown.text.title if shown else alert.version.article.slug
            lines.append(f"- {title}: {changes}")
        body = gettext(
            "Juntos: this week's changes to your rights:\n%(lines)s\nTo stop these alerts: %(stop)s"
        ) % {"lines": "\n".join(lines), "stop": stop}
        subject = gettext("This week's changes to your rights")
    notify(
        channel=subscription.channel,
        recipient=subscription.address,
        body=body,
        subject=subject,
        language=subscription.language,
    )


# Defined beside the work it runs, so that the services and juntos.rights.tasks do not import
# each other; juntos.rights.tasks names it for the worker.
@task()
def send_version_alerts(*, version_id: int) -> int:
    """Alert every matching subscriber of a newly published version."""
    return alerts_create_for_version(version_id=version_id)
