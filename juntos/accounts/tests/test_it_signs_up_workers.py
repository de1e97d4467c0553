import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from juntos.accounts.models import AccountCode, User
from juntos.core.models import AuditEntry
from juntos.testing.outbox import outbox_messages, outbox_one

# Real commits, so that the codes sent on commit reach the outbox during the request.
pytestmark = pytest.mark.django_db(transaction=True)

GOOD = {
    "display_name": "Lupita Ramírez",
    "phone": "+52 55 1234 5678",
    "email": "",
    "preferred_channel": "sms",
    "province": "BC",
    "password1": "mi casa en oaxaca",
    "password2": "mi casa en oaxaca",
}


def test_the_language_is_chosen_first(client):
    html = client.get("/en/signup/").content.decode()
    for code in ("en", "es", "fr"):
        assert f'href="/{code}/signup/details/"' in html


def _code_in(body: str) -> str:
    return re.search(r"\b(\d{6})\b", body).group(1)  # type: ignore[union-attr]


def test_a_worker_signs_up_by_phone_in_spanish_and_proves_the_number(client):
    response = client.post("/es/signup/details/", GOOD)
    assert response.status_code == 302 and response["Location"] == "/es/signup/code/"
    user = User.objects.get(phone="+525512345678")
    assert not user.is_active and not user.phone_verified  # not until the code comes back
    assert user.preferred_language == "es"
    assert user.sector == "migrant-worker"
    assert user.email is None
    assert user.check_password("mi casa en oaxaca")
    assert AuditEntry.objects.filter(
        action="accounts.person_created", object_id=str(user.pk)
    ).exists()
    sms = outbox_one("+525512345678", channel="sms")
    assert "para terminar de crear su cuenta" in sms.body
    page = client.get("/es/signup/code/").content.decode()
    assert "Escriba el código que le enviamos" in page
    wrong = client.post(
        "/es/signup/code/", {"code": "000000" if "000000" not in sms.body else "111111"}
    )
    assert wrong.status_code == 400 and "no es correcto" in wrong.content.decode()
    done = client.post("/es/signup/code/", {"code": _code_in(sms.body)})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.phone_verified
    assert "Le damos la bienvenida a Juntos" in client.get(done["Location"]).content.decode()


def test_a_taken_number_gets_the_same_answer_and_its_owner_is_told(client, personas):
    rosa_phone = personas.rosa.phone
    response = client.post("/en/signup/details/", {**GOOD, "phone": "(250) 555-0101"})
    assert response.status_code == 302 and response["Location"] == "/en/signup/code/"
    assert not User.objects.filter(display_name="Lupita Ramírez").exists()
    notice = outbox_one(rosa_phone, channel="sms")
    assert "alguien" in notice.body.lower()  # in Rosa's language, not the asker's
    assert "password/reset" in notice.body
    # Whatever is typed on the code page, nothing opens, exactly as for a wrong code.
    page = client.post("/en/signup/code/", {"code": "123456"})
    assert page.status_code == 400 and "This code is not right" in page.content.decode()


def test_a_new_number_and_a_taken_one_cannot_be_told_apart(client, personas):
    def answer(phone: str) -> tuple[int, str, str]:
        fresh = Client()
        response = fresh.post("/en/signup/details/", {**GOOD, "phone": phone})
        page = fresh.get(response["Location"]).content.decode()
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
        return response.status_code, response["Location"], page

    assert answer("(250) 555-0101") == answer("+52 55 9876 5432")


def test_a_taken_email_gets_the_same_answer_and_its_owner_an_email(client, personas):
    data = {
        **GOOD,
        "phone": "",
        "email": "AMINA@fraservalley.example.org",
        "preferred_channel": "email",
    }
    response = client.post("/es/signup/details/", data)
    assert response.status_code == 302
    assert User.objects.filter(display_name="Lupita Ramírez").count() == 0
    [notice] = mail.outbox
    assert notice.to == ["amina@fraservalley.example.org"] and "tried" in notice.subject


def test_an_unfinished_sign_up_does_not_hold_the_number(client):
    Client().post("/en/signup/details/", {**GOOD, "display_name": "Someone else"})
    client.post("/en/signup/details/", GOOD)
    [user] = User.objects.filter(phone="+525512345678")
    assert user.display_name == "Lupita Ramírez"
    code = _code_in(outbox_messages("+525512345678", channel="sms")[-1].body)
    assert client.post("/en/signup/code/", {"code": code}).status_code == 302


def test_an_unfinished_sign_up_cannot_log_in(client):
    client.post("/en/signup/details/", GOOD)
    response = client.post(
        "/en/login/", {"identifier": "+52 55 1234 5678", "password": "mi casa en oaxaca"}
    )
    assert "_auth_user_id" not in client.session and response.status_code == 200


def test_five_wrong_codes_spend_the_code(client):
    client.post("/en/signup/details/", GOOD)
    right = _code_in(outbox_one("+525512345678", channel="sms").body)
    wrong = "000001" if right != "000001" else "000002"
    for _ in range(5):
        client.post("/en/signup/code/", {"code": wrong})
    page = client.post("/en/signup/code/", {"code": right}).content.decode()
    assert "Too many wrong codes" in page
    assert not User.objects.get(phone="+525512345678").is_active


def test_codes_sent_to_one_number_are_limited(client):
    for _ in range(3):
        assert Client().post("/en/signup/details/", GOOD).status_code == 302
    html = client.post("/en/signup/details/", GOOD).content.decode()
    assert "We already sent several codes" in html and 'value="Lupita Ramírez"' in html


def test_the_code_is_kept_only_as_a_keyed_hash(client):
    client.post("/en/signup/details/", GOOD)
    code = _code_in(outbox_one("+525512345678", channel="sms").body)
    stored = AccountCode.objects.get()
    assert code not in stored.code_hash and stored.expires_at > timezone.now()


def test_a_malformed_phone_is_explained_in_french(client):
    html = client.post("/fr/signup/details/", {**GOOD, "phone": "12ab"}).content.decode()
    assert "ne ressemble pas à un numéro de cellulaire" in html
    assert 'value="12ab"' in html
    assert 'aria-invalid="true"' in html
    assert not User.objects.exists()


def test_sms_without_a_number_is_refused(client):
    html = client.post(
        "/en/signup/details/", {**GOOD, "phone": "", "email": "l@example.org"}
    ).content.decode()
    assert "To be contacted by SMS or WhatsApp, give your mobile number." in html
    assert not User.objects.exists()


def test_mismatched_and_weak_passwords_are_refused(client):
    html = client.post("/es/signup/details/", {**GOOD, "password2": "otra cosa"}).content.decode()
    assert "Las dos contraseñas no son iguales." in html
    weak = {**GOOD, "password1": "12345678901", "password2": "12345678901"}
    html = client.post("/es/signup/details/", weak).content.decode()
    assert "numérica" in html  # Django's own Spanish message for an all-digit password
    assert not User.objects.exists()
