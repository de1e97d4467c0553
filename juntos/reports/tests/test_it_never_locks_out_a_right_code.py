"""Wrong receipt codes are slowed down, but never turned against the owner of a right code."""

import pytest
from django.test import Client
from django.urls import reverse

from juntos.core.models import Throttle
from juntos.reports import services
from juntos.reports.tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db


def _wrong(code: str) -> bool:
    try:
        services.receipt_open(code=code)
    except services.ReceiptRejected as exc:
        return exc.throttled
    raise AssertionError("a wrong code opened a report")


def test_many_wrong_codes_sharing_the_prefix_do_not_lock_out_the_owner(personas):
    submission = SubmissionFactory.create()
    first, *_ = submission.receipt_code.split("-")
    for n in range(20):
        _wrong(f"{first}-0000-0000-0000-{n:04d}")
    page = Client().post(reverse("reports:status"), {"code": submission.receipt_code})
    assert page.status_code == 200


def test_guessing_past_the_global_limit_slows_guesses_but_every_right_code_opens(personas):
    rosa, other = SubmissionFactory.create(), SubmissionFactory.create()
    answers = [_wrong(f"{n:04d}-ZZZZ-0000-0000-0000") for n in range(320)]
    assert answers[:300] == [False] * 300 and all(answers[300:])  # wrong codes now wait
    client = Client()
    assert client.post(reverse("reports:status"), {"code": rosa.receipt_code}).status_code == 200
    api = client.post(
        "/api/reports/status", {"code": other.receipt_code}, content_type="application/json"
    )
    assert api.status_code == 200
    throttled = client.post(reverse("reports:status"), {"code": "AAAA-BBBB-CCCC-DDDD-EEEE"})
    assert throttled.status_code == 429


def test_the_counter_holds_no_part_of_any_code(personas):
    submission = SubmissionFactory.create()
    first = submission.receipt_code.split("-")[0]
    _wrong(f"{first}-0000-0000-0000-0000")
    [key] = Throttle.objects.values_list("key", flat=True)  # one global counter, none per code
    assert key.startswith("reports-code-global:")
