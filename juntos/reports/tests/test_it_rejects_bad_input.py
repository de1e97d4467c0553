"""Bad input gets a clear answer and keeps what was typed; wrong codes are slowed down."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from juntos.core.crypto import CODE_ALPHABET
from juntos.reports.models import Report
from juntos.reports.tests.factories import SubmissionFactory

STORY = "Nos quitaron los pasaportes el primer día."


def test_a_30_mb_file_is_refused_and_the_story_kept(db):
    big = SimpleUploadedFile(
        "video.jpg", b"\xff\xd8\xff" + b"\0" * (30 * 1024 * 1024), content_type="image/jpeg"
    )
    response = Client().post(
        reverse("reports:intake"),
        {
            "category": "document-confiscation",
            "details": STORY,
            "contact_mode": "anonymous",
            "attachments": [big],
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "30.0 MB" in page and "10 MB" in page
    assert STORY in page
    assert re.search(r'value="document-confiscation"[^>]*checked', page)
    assert Report.objects.count() == 0


def test_a_file_that_is_not_a_photo_or_pdf_is_refused(db):
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = Client().post(
        reverse("reports:intake"),
        {
            "category": "housing",
            "details": STORY,
            "contact_mode": "anonymous",
            "attachments": [fake],
        },
    )
    assert response.status_code == 400
    assert "PDF" in response.content.decode() and STORY in response.content.decode()


def test_an_empty_report_is_refused_with_reasons(db):
    response = Client().post(
        reverse("reports:intake"),
        {"details": "   ", "contact_mode": "anonymous", "employer_name": "Granja Sol"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Please choose what happened." in page and "what happened" in page
    assert "Granja Sol" in page
    assert Report.objects.count() == 0


def test_confidential_contact_needs_an_address(db):
    response = Client().post(
        reverse("reports:intake"),
        {"category": "housing", "details": STORY, "contact_mode": "confidential"},
    )
    assert response.status_code == 400
    assert "how to reach you" in response.content.decode()


def test_malformed_and_wrong_codes_get_clear_answers(personas):
    client = Client()
    malformed = client.post(reverse("reports:status"), {"code": "hola"})
    assert malformed.status_code == 400 and "five groups of four" in malformed.content.decode()
    wrong = client.post(reverse("reports:status"), {"code": "ABCD-EFGH-JKMN-PQRS-TVWX"})
    assert wrong.status_code == 400 and "cannot be recovered" in wrong.content.decode()
    assert 'value="ABCD-EFGH-JKMN-PQRS-TVWX"' in wrong.content.decode()


def test_a_code_typed_loosely_still_works(personas):
    submission = SubmissionFactory.create()
    loose = submission.receipt_code.lower().replace("-", " ").replace("1", "l").replace("0", "o")
    response = Client().post(reverse("reports:status"), {"code": loose})
    assert response.status_code == 200


def test_repeated_wrong_codes_are_slowed_down_but_the_right_code_opens(personas, settings):
    settings.JUNTOS_REPORTS_CODE_FAILURES_GLOBAL = 5
    submission = SubmissionFactory.create()
    prefix = submission.receipt_code[:4]
    client = Client()
    for attempt in range(5):
        wrong = {"code": f"{prefix}-0000-0000-0000-000{attempt}"}
        assert client.post(reverse("reports:status"), wrong).status_code == 400
    throttled = client.post(reverse("reports:status"), {"code": "ZZZZ-0000-0000-0000-0009"})
    assert throttled.status_code == 429 and "wait" in throttled.content.decode()
    right = client.post(reverse("reports:status"), {"code": submission.receipt_code})
    assert right.status_code == 200


ALPHABET = CODE_ALPHABET  # the one alphabet receipt codes are written in
LOOK_ALIKES = {"1": "il", "0": "oO", "V": "uU"}


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_way_of_typing_a_code_normalises_to_the_same_code(data):
    """Lower case, spaces instead of dashes, and look-alike letters all lead to the same report."""
    from juntos.core.crypto import normalise_code

    chars = data.draw(st.text(alphabet=ALPHABET, min_size=20, max_size=20))
    code = "-".join(chars[i : i + 4] for i in range(0, 20, 4))
    typed = ""
    for ch in code:
        if ch == "-":
            typed += data.draw(st.sampled_from(["-", " ", "", "  "]))
        else:
            typed += data.draw(st.sampled_from([ch, ch.lower(), *LOOK_ALIKES.get(ch, "")]))
    assert normalise_code(typed) == code
