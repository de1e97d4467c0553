"""Report content is sealed under a per-report key, wrapped per organisation; keys rotate."""

from __future__ import annotations

import base64
import json

import pytest
from django.core.management import call_command
from django.test import override_settings

from juntos.core import crypto
from juntos.reports import sealing
from juntos.reports.attachments import clean_file
from juntos.reports.models import Attachment, ReportKey
from juntos.reports.selectors import OpenedReport
from juntos.reports.tests.factories import SubmissionFactory, jpeg_with_exif
from juntos.reports.tests.test_it_keeps_no_canaries import dump_database

KEY_1 = base64.urlsafe_b64encode(b"1" * 32).decode()
KEY_2 = base64.urlsafe_b64encode(b"2" * 32).decode()


@pytest.fixture
def keyring_v1():
    crypto.keyring.cache_clear()
    with override_settings(JUNTOS_ENCRYPTION_KEYS=f"1:{KEY_1}"):
        yield
    crypto.keyring.cache_clear()


def test_a_database_dump_shows_no_readable_report_text(personas):
    photo = clean_file(filename="paystub-rosa.jpg", data=jpeg_with_exif())
    submission = SubmissionFactory.create(
        details="Texto secreto del reporte 8812",
        employer_name="Granja Secreta",
        contact_mode="confidential",
        contact_channel="sms",
        contact_address="+12505550199",
        files=[photo],
    )
    dump = dump_database()
    for secret in (
        "Texto secreto",
        "Granja Secreta",
        "+12505550199",
        "paystub-rosa",
        submission.receipt_code,
    ):
        assert secret not in dump
    assert Attachment.objects.get().sealed_data[:3] != b"\xff\xd8\xff"


def test_each_organisation_opens_only_its_own_wrapping(personas):
    report = SubmissionFactory.create().report
    key = ReportKey.objects.get(report=report)
    opened = OpenedReport(report=report, key=key)
    assert str(opened.content["details"]).startswith("No nos pagaron")
    moved = ReportKey(
        report=report,
        organisation_id=key.organisation_id + 999,
        role=key.role,
        key_version=key.key_version,
        wrapped_key=key.wrapped_key,
    )
    with pytest.raises(crypto.DecryptionError):
        sealing.key_unwrap(moved)


def test_sealed_values_cannot_be_moved_between_reports(personas):
    first, second = SubmissionFactory.create().report, SubmissionFactory.create().report
    key = sealing.key_unwrap(ReportKey.objects.get(report=first))
    with pytest.raises(crypto.DecryptionError):
        sealing.open_sealed(key, second.pk, "content", first.sealed_content)


def test_rotation_rewraps_every_key_under_the_newest_version(personas, keyring_v1):
    report = SubmissionFactory.create(details="Antes de rotar").report
    assert set(ReportKey.objects.values_list("key_version", flat=True)) == {1}
    crypto.keyring.cache_clear()
    with override_settings(JUNTOS_ENCRYPTION_KEYS=f"1:{KEY_1},2:{KEY_2}"):
        call_command("reports_rewrap_keys")
        assert set(ReportKey.objects.values_list("key_version", flat=True)) == {2}
        crypto.keyring.cache_clear()
    # Version 1 can now be retired: the reports still open with version 2 alone.
    with override_settings(JUNTOS_ENCRYPTION_KEYS=f"2:{KEY_2}"):
        crypto.keyring.cache_clear()
        key = ReportKey.objects.get(report=report)
        content = json.loads(
            sealing.open_sealed(
                sealing.key_unwrap(key), report.pk, "content", report.sealed_content
            )
        )
        assert content["details"] == "Antes de rotar"
    crypto.keyring.cache_clear()
