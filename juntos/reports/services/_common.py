"""Small pieces shared by the report services."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone


def today() -> dt.date:
    return timezone.localdate()


def queue_link() -> str:
    """The absolute link to the caseworkers' queue, in the language in force."""
    return settings.SITE_URL + reverse("reports:queue")


def inspector_link() -> str:
    """The absolute link to the inspectorate's list of referrals, in the language in force."""
    return settings.SITE_URL + reverse("reports:inspector_list")


def case_link(case_id: int) -> str:
    """The absolute link to a case's page, in the language in force."""
    return settings.SITE_URL + reverse("reports:case", kwargs={"case_id": case_id})
