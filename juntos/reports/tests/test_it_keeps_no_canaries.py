"""Nothing that identifies the reporter is stored or logged, and her words are unreadable."""

from __future__ import annotations

import logging
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from juntos.reports import models
from juntos.reports.tests.factories import jpeg_with_exif
from juntos.testing.stored_bytes import table_text

IP = "203.0.113.77"
FORWARDED = "198.51.100.23"
AGENT = "CanaryPhone/9.9 (UA-7f3e21)"
PHRASE = "zanahoria-morada-4471"
CODE = re.compile(r"<strong>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})</strong>")


def found(match: re.Match[str] | None) -> str:
    assert match is not None
    return match.group(1)


def dump_database() -> str:
    """Every value of every column of every table, as text (bytes decoded leniently too)."""
    return "\n".join(table_text(table) for table in connection.introspection.table_names())


def test_canaries_reach_neither_the_database_nor_the_logs(personas, client_as, caplog, capfd):
    photo = SimpleUploadedFile(
        f"{PHRASE}.jpg", jpeg_with_exif(note=PHRASE), content_type="image/jpeg"
    )
    capfd.readouterr()
    caplog.clear()
    caplog.set_level(logging.DEBUG)
    rosa = Client(
        REMOTE_ADDR=IP, HTTP_X_FORWARDED_FOR=FORWARDED, HTTP_USER_AGENT=AGENT, HTTP_X_REAL_IP=IP
    )
    response = rosa.post(
        reverse("reports:intake"),
        {
            "category": "housing",
            "province": "BC",
            "details": f"La casa tiene moho {PHRASE}",
            "contact_mode": "confidential",
            "contact_channel": "sms",
            "contact_address": f"+1250555{PHRASE}",
            "attachments": [photo],
        },
    )
    assert response.status_code == 200
    code = found(CODE.search(response.content.decode()))
    rosa.post(reverse("reports:status_message"), {"code": code, "body": f"otra vez {PHRASE}"})
    rosa.post(reverse("reports:status"), {"code": "WRNG-CODE-0000-0000-0000"})
    client_as("amina").get(reverse("reports:queue"))

    dump = dump_database()
    logged = caplog.text + "".join(capfd.readouterr())
    for canary in (IP, FORWARDED, AGENT, "UA-7f3e21", PHRASE, PHRASE.encode().hex()):
        assert canary not in dump, canary
        assert canary not in logged, canary
    assert code not in dump and code.replace("-", "") not in dump
    assert models.Report.objects.count() == 1


def test_rows_of_anonymous_flows_hold_dates_not_times():
    anonymous_models = [
        models.Report,
        models.Attachment,
        models.Message,
        models.ConsentRequest,
        models.ReportKey,
        models.HeldFile,
    ]
    for model in anonymous_models:
        kinds = {
            f.get_internal_type()
            for f in model._meta.get_fields()
            if hasattr(f, "get_internal_type")
        }
        assert "DateTimeField" not in kinds, model
        assert "TimeField" not in kinds, model
    for model in anonymous_models:
        assert model._meta.pk.get_internal_type() == "UUIDField", model
