"""A file given before "Find employer" (a second send of the page, without JavaScript) stays.

A browser never sends a chosen file again, so the step used to lose it silently.
"""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from juntos.reports import selectors, services
from juntos.reports.models import HeldFile, Report
from juntos.reports.tests.factories import jpeg_with_exif

TYPED = {
    "category": "housing",
    "province": "BC",
    "details": "La casa tiene moho.",
    "contact_mode": "anonymous",
    "employer_name": "Granja del Valle",
}


def photo(name: str = "moho.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_with_exif(note="GPS"), content_type="image/jpeg")


def token_of(page: str) -> str:
    match = re.search(r'name="held_files" value="([^"]+)"', page)
    assert match is not None, "no held-files token on the page"
    return match.group(1)


def test_the_file_survives_find_employer_and_reaches_the_report(personas):
    client = Client()
    step = client.post(
        reverse("reports:intake"), {**TYPED, "find_employer": "1", "attachments": [photo()]}
    )
    page = step.content.decode()
    assert step.status_code == 200 and "moho.jpg" in page
    token = token_of(page)
    assert HeldFile.objects.count() == 1
    held = HeldFile.objects.get()
    assert b"moho.jpg" not in bytes(held.sealed_name) and b"JFIF" not in bytes(held.sealed_data)

    sent = client.post(reverse("reports:intake"), {**TYPED, "held_files": token})
    assert sent.status_code == 200, sent.content.decode()[:2000]
    report = Report.objects.get()
    assert selectors.attachment_count(report) == 1
    assert not HeldFile.objects.exists()  # forgotten once the report holds it
    opened = selectors.get_report_for(personas.amina, report.pk)
    [(_attachment, name)] = selectors.attachment_names(opened)
    assert name == "moho.jpg"


def test_a_second_file_joins_the_first_up_to_three(db):
    client = Client()
    page = client.post(
        reverse("reports:intake"), {**TYPED, "find_employer": "1", "attachments": [photo("a.jpg")]}
    ).content.decode()
    token = token_of(page)
    client.post(
        reverse("reports:intake"),
        {**TYPED, "held_files": token, "find_employer": "1", "attachments": [photo("b.jpg")]},
    )
    too_many = client.post(
        reverse("reports:intake"),
        {**TYPED, "held_files": token, "attachments": [photo("c.jpg"), photo("d.jpg")]},
    )
    assert too_many.status_code == 400 and "at most 3" in too_many.content.decode()
    assert not Report.objects.exists()
    client.post(reverse("reports:intake"), {**TYPED, "held_files": token})
    assert selectors.attachment_count(Report.objects.get()) == 2


def test_a_refused_send_keeps_the_files_too(db):
    client = Client()
    refused = client.post(
        reverse("reports:intake"), {**TYPED, "details": " ", "attachments": [photo()]}
    )
    assert refused.status_code == 400
    token = token_of(refused.content.decode())
    client.post(reverse("reports:intake"), {**TYPED, "held_files": token})
    assert selectors.attachment_count(Report.objects.get()) == 1


def test_a_made_up_token_opens_nothing(db):
    assert services.held_files_open("x" * 43) == []
    assert services.held_files_open("../../etc") == []
    response = Client().post(reverse("reports:intake"), {**TYPED, "held_files": "nonsense"})
    assert response.status_code == 200
    assert selectors.attachment_count(Report.objects.get()) == 0


def test_held_files_are_purged_within_two_runs_of_the_hourly_job(db):
    Client().post(
        reverse("reports:intake"), {**TYPED, "find_employer": "1", "attachments": [photo()]}
    )
    assert services.held_files_purge() == 0  # marked
    assert HeldFile.objects.count() == 1
    assert services.held_files_purge() == 1  # gone at the next run
    assert not HeldFile.objects.exists()


def test_a_file_sent_at_once_is_never_held(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        sent = Client().post(reverse("reports:intake"), {**TYPED, "attachments": [photo()]})
    assert sent.status_code == 200
    assert selectors.attachment_count(Report.objects.get()) == 1
    assert not [
        q
        for q in queries.captured_queries
        if "reports_heldfile" in q["sql"].lower() and q["sql"].lstrip().upper().startswith("INSERT")
    ]
