"""Forgot the password: a code by SMS (or email) to the account's number, throttled; the
answer is the same whether or not anyone has that number."""

import re

import pytest
from django.core import mail
from django.test import Client

from juntos.accounts.models import AccountCode, User
from juntos.core.models import AuditEntry
from juntos.demo.personas import DEMO_PASSWORD
from juntos.testing.outbox import outbox_messages, outbox_one

pytestmark = pytest.mark.django_db(transaction=True)

NEW = "una casa con ventanas"


def _code(body: str) -> str:
    return re.search(r"\b(\d{6})\b", body).group(1)  # type: ignore[union-attr]


def _reset(client, identifier, language="es"):
    return client.post(f"/{language}/password/reset/", {"identifier": identifier})


def test_rosa_resets_her_password_by_sms_however_she_types_her_number(personas):
    client = Client()
    response = _reset(client, "+1 (250) 555-0101")
    assert response.status_code == 302 and response["Location"] == "/es/password/reset/code/"
    sms = outbox_one(personas.rosa.phone, channel="sms")
    assert "contraseña nueva" in sms.body  # in her language
    page = client.get(response["Location"]).content.decode()
    assert "Si una cuenta tiene este número o correo" in page
    done = client.post(
        "/es/password/reset/code/", {"code": _code(sms.body), "password1": NEW, "password2": NEW}
    )
    assert done.status_code == 302 and done["Location"] == "/es/login/"
    rosa = User.objects.get(pk=personas.rosa.pk)
    assert rosa.check_password(NEW) and rosa.phone_verified
    assert not AccountCode.objects.exists()  # used once
    assert AuditEntry.objects.filter(action="accounts.password_reset").exists()
    login = client.post("/es/login/", {"identifier": "250 555 0101", "password": NEW})
    assert login.status_code == 302


def test_the_code_works_once(personas):
    client = Client()
    _reset(client, personas.rosa.phone)
    code = _code(outbox_one(personas.rosa.phone, channel="sms").body)
    form = {"code": code, "password1": NEW, "password2": NEW}
    assert client.post("/en/password/reset/code/", form).status_code == 302
    again = Client()
    session = again.session
    session["accounts_reset_ticket"] = {"token": "replayed", "user": personas.rosa.pk}
    session.save()
    replay = again.post(
        "/en/password/reset/code/",
        {**form, "password1": "x" * 12 + "yz", "password2": "x" * 12 + "yz"},
    )
    assert replay.status_code == 400 and "not right" in replay.content.decode()


def test_an_unknown_number_gets_the_same_answer_and_nothing_is_sent(personas):
    def answer(identifier: str) -> tuple[int, str, str]:
        client = Client()
        response = _reset(client, identifier, "en")
        page = client.get(response["Location"]).content.decode()
        return response.status_code, response["Location"], re.sub(r'value="[^"]{40,}"', "", page)

    assert answer("+52 55 9999 0000") == answer(personas.rosa.phone)
    assert outbox_messages("+525599990000") == []


def test_an_email_account_gets_the_code_by_email(personas):
    client = Client()
    _reset(client, "Carl@OkanaganOrchards.example.com", "en")
    [message] = mail.outbox
    assert message.to == ["carl@okanaganorchards.example.com"]
    code = _code(str(message.body))
    form = {"code": code, "password1": NEW, "password2": NEW}
    assert client.post("/en/password/reset/code/", form).status_code == 302
    assert User.objects.get(pk=personas.carl.pk).check_password(NEW)


def test_wrong_codes_are_limited_and_the_password_stays(personas):
    client = Client()
    _reset(client, personas.rosa.phone)
    right = _code(outbox_one(personas.rosa.phone, channel="sms").body)
    wrong = "000001" if right != "000001" else "000002"
    for _ in range(5):
        client.post("/en/password/reset/code/", {"code": wrong, "password1": NEW, "password2": NEW})
    page = client.post(
        "/en/password/reset/code/", {"code": right, "password1": NEW, "password2": NEW}
    ).content.decode()
    assert "Too many wrong codes" in page
    assert User.objects.get(pk=personas.rosa.pk).check_password(DEMO_PASSWORD)


def test_requests_for_one_number_are_limited_whoever_asks(personas):
    for _ in range(3):
        _reset(Client(), personas.rosa.phone)
    page = _reset(Client(), "250-555-0101", "en").content.decode()
    assert "We already sent several codes" in page
    assert len(outbox_messages(personas.rosa.phone, channel="sms")) == 3


def test_a_weak_new_password_is_refused_and_the_code_kept(personas):
    client = Client()
    _reset(client, personas.rosa.phone)
    code = _code(outbox_one(personas.rosa.phone, channel="sms").body)
    weak = client.post(
        "/fr/password/reset/code/", {"code": code, "password1": "123", "password2": "123"}
    )
    assert weak.status_code == 400
    assert AccountCode.objects.filter(user=personas.rosa).exists()


def test_a_deactivated_account_is_not_reopened(personas):
    User.objects.filter(pk=personas.dana.pk).update(is_active=False)
    _reset(Client(), personas.dana.email, "en")
    assert not mail.outbox and not AccountCode.objects.exists()


def test_the_login_page_offers_the_reset(client):
    page = client.get("/fr/login/").content.decode()
    assert 'href="/fr/password/reset/"' in page and "Mot de passe oublié" in page
