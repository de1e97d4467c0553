import pytest
from django.test import Client

from juntos.demo.personas import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, identifier, password=DEMO_PASSWORD, language="en", address="203.0.113.5"):
    return client.post(
        f"/{language}/login/",
        {"identifier": identifier, "password": password},
        REMOTE_ADDR=address,
    )


def test_a_worker_logs_in_with_her_number_as_she_types_it(client, personas):
    response = _login(client, "250 555 0101")
    assert response.status_code == 302
    assert response["Location"] == "/es/account/"  # her own language
    assert response.cookies["juntos_language"].value == "es"


def test_an_employer_logs_in_by_email_in_any_case(client, personas):
    response = _login(client, "Carl@OkanaganOrchards.example.com")
    assert response["Location"] == "/en/account/"


def test_a_wrong_password_is_explained_in_the_page_language_and_keeps_the_identifier(
    client, personas
):
    html = _login(client, "+12505550101", password="nope", language="es").content.decode()
    assert "El número de celular, el correo o la contraseña no son correctos" in html
    assert 'value="+12505550101"' in html
    assert "_auth_user_id" not in client.session


def test_an_unknown_person_gets_the_same_message(client, personas):
    html = _login(client, "nobody@example.org", password="nope").content.decode()
    assert "The mobile number, email or password is not right" in html


def test_repeated_failures_slow_down_that_account_from_that_address(client, personas):
    for _ in range(5):
        _login(client, "carl@okanaganorchards.example.com", password="guess")
    html = _login(client, "carl@okanaganorchards.example.com").content.decode()
    assert "Too many attempts" in html
    assert "_auth_user_id" not in client.session


def test_a_shared_address_does_not_lock_out_everyone_behind_it(personas):
    attacker, colleague = Client(), Client()
    for _ in range(5):
        _login(attacker, "carl@okanaganorchards.example.com", password="guess")
    # Rosa, on the same farm connection, still gets in.
    assert _login(colleague, "+12505550101")["Location"] == "/es/account/"
    # And Carl himself can still log in from home.
    assert (
        _login(colleague, "carl@okanaganorchards.example.com", address="198.51.100.1").status_code
        == 302
    )


def test_the_address_ceiling_stops_broad_guessing(client, personas, settings):
    settings.JUNTOS_LOGIN_FAILURES_PER_ADDRESS = 3
    for n in range(3):
        _login(client, f"person{n}@example.org", password="guess")
    html = _login(client, "+12505550101").content.decode()
    assert "Too many attempts" in html


def test_logging_out_needs_a_post(client, personas):
    client.force_login(personas.rosa)
    assert client.get("/en/logout/").status_code == 405
    assert client.post("/en/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_next_is_followed_only_within_the_site(client, personas):
    response = client.post(
        "/en/login/?next=https://evil.example.com/",
        {"identifier": "+12505550101", "password": DEMO_PASSWORD},
    )
    assert response["Location"] == "/es/account/"
