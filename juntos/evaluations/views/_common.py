"""What the evaluation pages share: the unlock cookie and the readable answers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponse

from juntos.evaluations.choices import Answers
from juntos.evaluations.forms import FORM_OF_KIND

UNLOCK_COOKIE = "juntos_evaluations_unlock"


def set_unlock_cookie(response: HttpResponse, value: str) -> None:
    """The unlock's key lives only here: HttpOnly, Secure, same-site, and short-lived."""
    response.set_cookie(
        UNLOCK_COOKIE,
        value,
        max_age=settings.JUNTOS_EVALUATION_UNLOCK_SECONDS,
        secure=True,
        httponly=True,
        samesite="Strict",
    )


def clear_unlock_cookie(response: HttpResponse) -> None:
    response.delete_cookie(UNLOCK_COOKIE, samesite="Strict")


def readable_answers(kind: str, answers: Answers) -> list[tuple[Any, Any]]:
    """(question, answer) pairs in the reader's language, in the form's order."""
    form = FORM_OF_KIND[kind]()
    rows = []
    for name, field in form.fields.items():
        value = answers.get(name)
        choices = dict(getattr(field, "choices", []))
        shown = choices.get(value, choices.get(str(value), value)) if choices else value
        rows.append((field.label, shown if shown not in (None, "") else "—"))
    return rows
