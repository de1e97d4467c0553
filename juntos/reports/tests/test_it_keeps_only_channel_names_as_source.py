"""A link's `?source=` is kept only when it names a channel: a per-person tag would name her."""

import pytest
from django.test import Client
from django.urls import reverse

from juntos.reports.models import Report
from juntos.reports.tests.access import INTAKE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("registry", "registry"),
        ("WhatsApp", "whatsapp"),
        ("rosa-farm-12", ""),
        ("pamphlet-7f3e21", ""),
        ("x" * 300, ""),
    ],
)
def test_only_a_known_channel_is_stored(personas, given, kept):
    response = Client().post(reverse("reports:intake"), {**INTAKE, "source": given})
    assert response.status_code == 200  # an unknown source is dropped, never an error
    assert Report.objects.get().source == kept


def test_a_link_with_a_personal_tag_is_not_carried_into_the_form(personas):
    page = Client().get(reverse("reports:intake"), {"source": "rosa-farm-12"}).content.decode()
    assert 'name="source" value="rosa-farm-12"' not in page
    assert '<input type="hidden" name="source" id="id_source">' in page
    page = Client().get(reverse("reports:intake"), {"source": "poster"}).content.decode()
    assert 'name="source" value="poster"' in page


def test_the_service_drops_an_unknown_source_too(personas):
    from juntos.reports import services

    submission = services.report_submit(
        category="housing", details="Sin agua.", language="es", source="carl-told-me"
    )
    assert Report.objects.get(pk=submission.report.pk).source == ""
