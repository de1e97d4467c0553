"""The commands cron runs: publish due versions, send digests, purge, load content."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from juntos.rights import services
from juntos.rights.choices import VersionStatus
from juntos.rights.models import Article, Subscription
from juntos.rights.tests.factories import make_subscription, new_version, published_article

pytestmark = pytest.mark.django_db


def _run(name: str) -> str:
    out = StringIO()
    call_command(name, stdout=out)
    return out.getvalue()


def test_publish_due_makes_a_scheduled_version_current_on_its_day(personas):
    article = published_article(slug="bc-housing")
    version = new_version(article, personas.ben)
    version.effective_from = timezone.localdate() - dt.timedelta(days=1)
    version.status = VersionStatus.SCHEDULED  # as if scheduled last week for yesterday
    version.save()
    assert "1 versions published" in _run("rights_publish_due")
    article.refresh_from_db()
    assert article.current_version_id == version.pk
    assert "0 versions published" in _run("rights_publish_due")


def test_digests_and_purge_commands_report_what_they_did():
    make_subscription(confirmed=False, created_on=timezone.localdate() - dt.timedelta(days=9))
    assert "0 digests sent" in _run("rights_send_digests")
    assert "1 unconfirmed removed" in _run("rights_purge_unconfirmed")
    assert not Subscription.objects.exists()


def test_load_content_is_idempotent_from_the_command_line():
    first = _run("rights_load_content")
    assert f"{Article.objects.count()} new articles" in first
    assert "0 new articles, 0 new versions" in _run("rights_load_content")
    assert Article.objects.count() >= 30
    assert services.content_load() == (0, 0)
