"""The Done-when walk: carl submits and cannot reopen; rosa evaluates her employer and housing;
the liaison unlocks with the passphrase and reads; every opening is audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from juntos.core.models import AuditEntry
from juntos.evaluations import services
from juntos.evaluations.models import SealedEvaluation
from juntos.evaluations.tests.factories import (
    PASSPHRASE,
    carl_evaluates,
    liaison_key,
    season,
)
from juntos.evaluations.views._common import UNLOCK_COOKIE

pytestmark = pytest.mark.django_db

CANARY = "canario-de-evaluacion-4417"


def carl_form(rosa: Any) -> dict[str, str]:
    return {
        "would_rehire": "yes",
        "return_on": "2027-04-01",
        "conduct": "5",
        "skills": "4",
        "comments": CANARY,
    }


def test_carl_sends_once_and_cannot_reopen_it(personas, client_as, lupe):
    liaison_key()
    engagement = season(personas.rosa)
    carl = client_as("carl")
    url = f"/en/evaluations/workers/{engagement.pk}/"
    assert carl.post(url, carl_form(personas.rosa)).status_code == 302
    stored = SealedEvaluation.objects.get()
    assert stored.kind == "employer-of-worker" and stored.amends is None
    assert CANARY.encode() not in bytes(stored.ciphertext)
    page = carl.get(url).content.decode()
    assert "Sent and sealed on" in page and CANARY not in page
    assert "Seal and send the amendment" in page
    listing = carl.get("/en/evaluations/workers/").content.decode()
    assert "sent" in listing and CANARY not in listing
    # A second post is an amendment, linked to the first; the first is unchanged.
    before = bytes(stored.ciphertext)
    assert carl.post(url, {**carl_form(personas.rosa), "comments": "corrección"}).status_code == 302
    amendment = SealedEvaluation.objects.exclude(pk=stored.pk).get()
    assert amendment.amends_id == stored.pk
    stored.refresh_from_db()
    assert bytes(stored.ciphertext) == before


def test_the_service_refuses_a_second_first_evaluation_and_strangers(personas, lupe):
    engagement = season(personas.rosa)
    carl_evaluates(personas.carl, engagement)
    with pytest.raises(ValidationError):
        carl_evaluates(personas.carl, engagement)
    for stranger in (personas.rosa, personas.dana, personas.rita, lupe):
        with pytest.raises(PermissionDenied):
            services.evaluation_submit(
                actor=stranger, engagement=engagement, kind="employer-of-worker", answers={}
            )
    with pytest.raises(PermissionDenied):
        services.evaluation_submit(
            actor=personas.carl, engagement=engagement, kind="worker-of-housing", answers={}
        )


def test_rosa_evaluates_employer_and_housing_and_cannot_read_carls(personas, client_as):
    liaison_key()
    engagement = season(personas.rosa)
    carl_evaluates(personas.carl, engagement, comments=CANARY)
    rosa = client_as("rosa")
    assert rosa.get(f"/es/evaluations/workers/{engagement.pk}/").status_code == 404
    base = f"/es/evaluations/mine/{engagement.pk}"
    sent = rosa.post(
        f"{base}/employer/",
        {"treatment": "4", "pay_as_agreed": "yes", "would_return": "yes", "comments": "Bien"},
    )
    assert sent.status_code == 302
    sent = rosa.post(f"{base}/housing/", {"housing": "2", "enough_space": "no", "comments": ""})
    assert sent.status_code == 302
    assert rosa.get(f"{base}/elsewhere/").status_code == 404
    kinds = sorted(SealedEvaluation.objects.values_list("kind", flat=True))
    assert kinds == ["employer-of-worker", "worker-of-employer", "worker-of-housing"]
    page = rosa.get("/es/evaluations/mine/").content.decode()
    assert page.count("enviada") >= 2 and CANARY not in page


def test_the_liaison_unlocks_reads_and_every_opening_is_audited(personas, lupe, lupe_client):
    engagement = season(personas.rosa)
    evaluation = carl_evaluates(personas.carl, engagement, comments=CANARY)
    client = lupe_client
    locked = client.get(f"/es/evaluations/liaison/{evaluation.pk}/")
    assert locked.status_code == 403 and CANARY not in locked.content.decode()
    unlocked = client.post("/es/evaluations/liaison/unlock/", {"passphrase": PASSPHRASE})
    assert unlocked.status_code == 302
    cookie = unlocked.cookies[UNLOCK_COOKIE]
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Strict"
    assert 0 < int(cookie["max-age"]) <= 15 * 60
    page = client.get(f"/es/evaluations/liaison/{evaluation.pk}/").content.decode()
    assert CANARY in page and personas.rosa.display_name in page
    client.get(f"/es/evaluations/liaison/{evaluation.pk}/")
    opened = AuditEntry.objects.filter(action="evaluations.opened", object_id=str(evaluation.pk))
    assert opened.count() == 2 and {e.actor_id for e in opened} == {lupe.pk}
    # Locking ends it: the row is gone and the page is sealed again.
    client.post("/es/evaluations/liaison/lock/")
    assert client.get(f"/es/evaluations/liaison/{evaluation.pk}/").status_code == 403


def test_a_wrong_passphrase_is_told_clearly_and_throttled_like_a_password(lupe, lupe_client):
    liaison_key()
    url = "/es/evaluations/liaison/unlock/"
    wrong = lupe_client.post(url, {"passphrase": "no-es-esta-frase"})
    assert wrong.status_code == 400
    assert "Esta frase de contraseña no abre" in wrong.content.decode()
    for _ in range(4):
        lupe_client.post(url, {"passphrase": "no-es-esta-frase"})
    refused = lupe_client.post(url, {"passphrase": PASSPHRASE})  # even the right one waits
    assert refused.status_code == 400
    assert "Demasiados intentos" in refused.content.decode()
    assert UNLOCK_COOKIE not in refused.cookies


def test_the_liaison_sets_up_the_key_with_a_passphrase(lupe, lupe_client):
    url = "/fr/evaluations/liaison/unlock/"
    assert "Créer la clé" in lupe_client.get(url).content.decode()
    short = lupe_client.post(url, {"passphrase": "court", "repeat": "court"})
    assert short.status_code == 400
    mismatch = lupe_client.post(url, {"passphrase": PASSPHRASE, "repeat": PASSPHRASE + "x"})
    assert mismatch.status_code == 400
    made = lupe_client.post(url, {"passphrase": PASSPHRASE, "repeat": PASSPHRASE})
    assert made.status_code == 302 and UNLOCK_COOKIE in made.cookies
    assert AuditEntry.objects.filter(action="evaluations.key_created").count() == 1
