"""A worker takes an online lesson and its quiz, in Spanish, on a 360px phone.

Runs twice: with JavaScript, and with JavaScript disabled (the lesson and quiz need none).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from juntos.accounts.selectors import organisations_by_slug
from juntos.demo.personas import DEMO_PASSWORD
from juntos.learning.choices import CompletionRule, CourseFormat, EnrolmentStatus
from juntos.learning.models import Enrolment
from juntos.learning.services import lesson_save, question_add
from juntos.learning.tests.factories import CourseFactory, SessionFactory
from tests.browser.chromium import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])


def _online_course_for_rosa(personas: Any) -> Enrolment:
    organisation = organisations_by_slug(["fraser-valley-support"])["fraser-valley-support"]
    course = CourseFactory.create(
        organisation_id=organisation.pk,
        format=CourseFormat.ONLINE,
        completion_rule=CompletionRule.LESSONS,
    )
    lesson = lesson_save(
        actor=personas.amina,
        course=course,
        texts={
            "en": ("Your pay slip", "Check the hours on every pay slip."),
            "es": ("Tu talón de pago", "Revisa las horas en cada talón de pago."),
        },
        video_url="https://video.example.org/talon",
    )
    question_add(
        actor=personas.amina,
        lesson=lesson,
        correct=2,
        texts={
            "en": ("Who keeps a copy of the pay slip?", ["Only the employer", "You"]),
            "es": ("¿Quién guarda una copia del talón?", ["Solo el patrón", "Tú"]),
        },
    )
    session = SessionFactory.create(
        course=course, starts_on=timezone.localdate() - dt.timedelta(days=1)
    )
    return Enrolment.objects.create(
        session=session, user=personas.rosa, status=EnrolmentStatus.ENROLLED,
        queued_at=timezone.now(),
    )  # fmt: skip


@JAVASCRIPT
def test_worker_reads_a_lesson_and_passes_its_quiz_on_a_phone(
    new_page: Any, personas: Any, javascript: bool
):
    enrolment = _online_course_for_rosa(personas)
    page = new_page(viewport=PHONE, javascript=javascript)
    page.goto("/es/login/")
    page.get_by_label("Número de celular o correo").fill(personas.rosa.phone)
    page.get_by_label("Contraseña").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_url("**/es/account/")

    page.goto("/es/learning/my/courses/")
    page.get_by_role("link", name="Lecciones en línea").click()
    page.get_by_text("0 de 1 lecciones cumplidas.").wait_for()
    page.get_by_role("link", name="1. Tu talón de pago").click()
    page.get_by_role("heading", name="Tu talón de pago").wait_for()
    assert "Revisa las horas en cada talón de pago." in page.content()
    assert page.get_by_role("link", name="Ver el video (abre otro sitio)").count() == 1
    _fits_phone_width(page)

    page.get_by_role("button", name="Ya leí esta lección").click()
    page.get_by_text("Lección marcada como leída.").wait_for()

    # A wrong answer first: she is told which answer was right, and may try again.
    page.get_by_label("Solo el patrón").check()
    page.get_by_role("button", name="Revisar mis respuestas").click()
    page.get_by_role("heading", name="Todavía no apruebas").wait_for()
    assert "La respuesta correcta" in page.content()
    _fits_phone_width(page)

    page.get_by_label("Tú", exact=True).check()
    page.get_by_role("button", name="Revisar mis respuestas").click()
    page.get_by_role("heading", name="Aprobaste las preguntas.").wait_for()

    page.get_by_role("link", name="Todas las lecciones").click()
    page.get_by_text("Curso terminado.").wait_for()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED


def _fits_phone_width(page: Any) -> None:
    """Nothing scrolls sideways on a 360px phone."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide on a 360px phone"
