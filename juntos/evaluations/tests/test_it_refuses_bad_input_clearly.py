"""Bad input gets a clear, translated message, keeps what was typed, and never a 500."""

from __future__ import annotations

import pytest

from juntos.evaluations.models import SealedEvaluation
from juntos.evaluations.tests.factories import carl_evaluates, liaison_key, season
from juntos.evaluations.views._common import UNLOCK_COOKIE

pytestmark = pytest.mark.django_db

TYPED = "texto-que-se-conserva-5150"


def _carl_post(client, engagement, **changes):
    data = {
        "would_rehire": "yes",
        "return_on": "2027-04-01",
        "conduct": "4",
        "skills": "5",
        "comments": TYPED,
        **changes,
    }
    return client.post(f"/es/evaluations/workers/{engagement.pk}/", data)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"return_on": "2026-09-01"}, "debe ser posterior a la temporada 2026"),
        ({"would_rehire": "no"}, "solo corresponde a la respuesta"),
        ({"conduct": ""}, "Este campo es obligatorio"),
        ({"skills": "9"}, "Escoja una opción válida"),
        ({"return_on": "el martes"}, "Introduzca una fecha válida"),
        ({"comments": "x" * 2001}, "2000"),
    ],
)
def test_the_employers_form_says_why_and_keeps_the_input(personas, changes, message):
    liaison_key()
    engagement = season(personas.rosa)
    response = _carl_post(personas.client_for("carl"), engagement, **changes)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    if "comments" not in changes:
        assert TYPED in page
    assert not SealedEvaluation.objects.exists()


def test_without_a_liaison_key_nothing_is_sealed_and_it_says_so(personas):
    response = _carl_post(personas.client_for("carl"), season(personas.rosa))
    assert response.status_code == 400
    assert "todavía no tiene clave" in response.content.decode()
    assert TYPED in response.content.decode()


@pytest.mark.parametrize(
    "cookie", ["", "nonsense", "1.", "x.AAAA", "99999999999999999999.AAAA", "1." + "A" * 43]
)
def test_a_damaged_or_forged_unlock_cookie_opens_nothing(personas, lupe_client, cookie):
    evaluation = carl_evaluates(personas.carl, season(personas.rosa), comments=TYPED)
    lupe_client.cookies[UNLOCK_COOKIE] = cookie
    response = lupe_client.get(f"/fr/evaluations/liaison/{evaluation.pk}/")
    assert response.status_code == 403
    assert "Déverrouillez la clé" in response.content.decode()
    assert TYPED not in response.content.decode()


def test_unknown_seasons_and_evaluations_are_not_found(personas, lupe_client):
    liaison_key()
    carl = personas.client_for("carl")
    assert carl.get("/en/evaluations/workers/999999/").status_code == 404
    assert (
        personas.client_for("rosa").get("/en/evaluations/mine/999999/employer/").status_code == 404
    )
    assert lupe_client.get("/en/evaluations/liaison/999999/").status_code == 404
