import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Your rights and your support, in your language"),
        ("es", "Sus derechos y su apoyo, en su idioma"),
        ("fr", "Vos droits et votre soutien, dans votre langue"),
    ],
)
def test_home_page_speaks_each_language(client, language, heading):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html


@pytest.mark.django_db
def test_root_redirects_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302
    assert response["Location"] == "/es/"
