import pytest

pytestmark = pytest.mark.django_db


def test_a_worker_switches_to_whatsapp_and_french(client_as, personas):
    client = client_as("rosa")
    response = client.post(
        "/es/account/",
        {"preferred_language": "fr", "preferred_channel": "whatsapp", "province": "ON"},
    )
    assert response["Location"] == "/fr/account/"
    personas.rosa.refresh_from_db()
    assert (personas.rosa.preferred_language, personas.rosa.preferred_channel) == ("fr", "whatsapp")
    assert "Vos préférences sont enregistrées." in client.get("/fr/account/").content.decode()


def test_email_channel_without_an_email_is_refused_in_her_language(client_as, personas):
    html = (
        client_as("rosa")
        .post(
            "/es/account/",
            {"preferred_language": "es", "preferred_channel": "email", "province": "BC"},
        )
        .content.decode()
    )
    assert "Para recibir mensajes por correo, dé su dirección de correo." in html
    personas.rosa.refresh_from_db()
    assert personas.rosa.preferred_channel == "sms"
