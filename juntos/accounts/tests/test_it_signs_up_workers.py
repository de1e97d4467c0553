import pytest

from juntos.accounts.models import User
from juntos.core.models import AuditEntry

pytestmark = pytest.mark.django_db

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


def test_a_worker_signs_up_by_phone_in_spanish(client):
    response = client.post("/es/signup/details/", GOOD)
    assert response.status_code == 302
    user = User.objects.get(phone="+525512345678")
    assert user.preferred_language == "es"
    assert user.sector == "migrant-worker"
    assert user.email is None
    assert user.check_password("mi casa en oaxaca")
    assert AuditEntry.objects.filter(
        action="accounts.person_created", object_id=str(user.pk)
    ).exists()
    assert "Le damos la bienvenida a Juntos" in client.get(response["Location"]).content.decode()


def test_a_taken_email_is_explained_in_spanish_and_keeps_what_was_typed(client, personas):
    data = {
        **GOOD,
        "phone": "",
        "email": "AMINA@fraservalley.example.org",
        "preferred_channel": "email",
    }
    html = client.post("/es/signup/details/", data).content.decode()
    assert "Ya existe una cuenta con este correo" in html
    assert 'value="Lupita Ramírez"' in html
    assert 'value="AMINA@fraservalley.example.org"' in html
    assert User.objects.filter(display_name="Lupita Ramírez").count() == 0


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


def test_a_taken_phone_written_differently_is_still_taken(client, personas):
    html = client.post("/en/signup/details/", {**GOOD, "phone": "(250) 555-0101"}).content.decode()
    assert "An account with this number already exists" in html
