"""What members write gets a text per language; until then readers are told it is not translated."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from juntos.core.models import AuditEntry
from juntos.network import services
from juntos.network.selectors import translation_queue_for
from juntos.network.tests.factories import make_group, make_members, make_recommendation
from juntos.testing.outbox import outbox_one
from juntos.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
NOT_YET = "todavía no se ha traducido a su idioma"


def _url(name: str, lang: str = "es", **kwargs: object) -> str:
    with translation.override(lang):
        return reverse(name, kwargs=kwargs)


def test_a_spanish_reader_sees_the_english_original_marked_until_an_interpreter_translates(
    personas, client_as
):
    group = make_group(personas)
    rosa = client_as("rosa")
    page = rosa.get(_url("network:group", group_id=group.pk)).content.decode()
    assert NOT_YET in page
    assert '<span lang="en">Preventing mistreatment</span>' in page

    amina = client_as("amina")  # she interprets for the network
    queue = amina.get(_url("network:translations", "en")).content.decode()
    assert "Preventing mistreatment" in queue
    form = _url("network:translate", "en", kind="group", source_id=group.pk, language="es")
    saved = amina.post(
        form, {"title": "Prevenir el maltrato", "body": "Proponer cómo prevenir el maltrato."}
    )
    assert saved.status_code == 302
    page = rosa.get(_url("network:group", group_id=group.pk)).content.decode()
    assert '<span lang="es">Prevenir el maltrato</span>' in page and NOT_YET not in page
    assert "Proponer cómo prevenir el maltrato." in page
    assert AuditEntry.objects.filter(action="network.text_set").count() == 1
    english = client_as("ben").get(_url("network:group", "en", group_id=group.pk))
    assert "Preventing mistreatment" in english.content.decode()


def test_a_changed_original_marks_the_translation_out_of_date(personas, client_as):
    recommendation = make_recommendation(personas)
    services.content_text_set(
        actor=personas.ben,
        source=recommendation,
        language="es",
        title="Línea de emergencia",
        body="Responder en español.",
    )
    rosa = client_as("rosa")
    url = _url("network:recommendation", recommendation_id=recommendation.pk)
    assert "Línea de emergencia" in rosa.get(url).content.decode()
    services.recommendation_revise(
        actor=personas.rosa, recommendation=recommendation, title="Emergency line", body="New."
    )
    page = rosa.get(url).content.decode()
    assert "Esta traducción es anterior al texto original" in page
    stale = {row.source.pk: row for row in translation_queue_for(personas.ben)}
    assert stale[recommendation.pk].out_of_date == ["es"]


def test_only_the_coordinator_and_interpreters_translate(personas):
    group = make_group(personas)
    for key in ("carl", "rosa", "dana"):
        with pytest.raises(PermissionDenied):
            services.content_text_set(
                actor=getattr(personas, key), source=group, language="es", title="x", body="y"
            )
    services.content_text_set(
        actor=personas.amina, source=group, language="fr", title="Prévenir", body="Proposer."
    )


def test_the_digest_names_decisions_in_the_members_language(
    personas, django_capture_on_commit_callbacks
):
    from juntos.network.services.digest import digest_deliver
    from juntos.network.tests.factories import make_meeting

    plenary = make_meeting(personas)
    services.content_text_set(
        actor=personas.ben, source=plenary, language="es", title="Plenaria de otoño"
    )
    with django_capture_on_commit_callbacks(execute=True):
        digest_deliver(meeting_id=plenary.pk)
    spanish = outbox_one(personas.rosa.phone)
    assert "Plenaria de otoño" in spanish.body
    english = next(m for m in mail.outbox if m.to == [personas.carl.email])
    assert "Plenary" in english.body and "Plenaria" not in english.body


def test_the_translation_queue_does_not_grow_its_queries(personas, client_as):
    make_members(personas)
    client = client_as("ben")

    def add(n: int) -> None:
        for _ in range(n):
            make_recommendation(personas)

    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: client.get(_url("network:translations", "en")), limit=20
    )
