"""Five wrong passwords per account and client, however the account is typed; the client is
the real one behind our proxy, so one guesser cannot lock out everyone behind it."""

import pytest
from django.test import Client

from juntos.demo.personas import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

ROSA_TYPED = [
    "+12505550101",
    "250 555 0101",
    "250-555-0101",
    "(250) 555-0101",
    "250.555.0101",
    "1 250 555 0101",
    "1-250-555-0101",
    "+1 (250) 555 0101",
    "001 250 555 0101",
    "00 1 250 555 0101",
    "011 1 250 555 0101",
    " 2505550101 ",
]


def _login(client, identifier, password="guess", **meta):
    meta.setdefault("REMOTE_ADDR", "203.0.113.5")
    return client.post("/en/login/", {"identifier": identifier, "password": password}, **meta)


def _refused(response) -> bool:
    return "Too many attempts" in response.content.decode()


def test_one_number_typed_twelve_ways_gives_five_guesses(personas):
    client = Client()
    refused = [_refused(_login(client, typed)) for typed in ROSA_TYPED]
    assert refused == [False] * 5 + [True] * 7


def test_a_mexican_number_typed_with_the_old_mobile_prefix_is_the_same_account(personas):
    personas.rosa.phone = "+525512345678"
    personas.rosa.save(update_fields=["phone"])
    client = Client()
    for typed in ("+52 1 55 1234 5678", "0052 55 1234 5678", "52 1 55-1234-5678", "+525512345678"):
        assert not _refused(_login(client, typed))
    assert not _refused(_login(client, "00 52 1 (55) 1234 5678"))
    assert _refused(_login(client, "+52 55 1234 5678", password=DEMO_PASSWORD))


def test_an_email_typed_in_capitals_and_spaces_is_the_same_account(personas):
    client = Client()
    for typed in (
        "carl@okanaganorchards.example.com",
        " CARL@okanaganorchards.example.com",
        "Carl@OkanaganOrchards.Example.com",
        "carl@OKANAGANORCHARDS.EXAMPLE.COM ",
        "cArL@okanaganorchards.example.com",
    ):
        assert not _refused(_login(client, typed))
    assert _refused(_login(client, "carl@okanaganorchards.example.com", password=DEMO_PASSWORD))


def test_behind_the_proxy_each_real_client_has_its_own_counter(personas, settings):
    settings.JUNTOS_TRUSTED_PROXY_COUNT = 1
    settings.JUNTOS_LOGIN_FAILURES_PER_ADDRESS = 100
    attacker, rosa = Client(), Client()
    for n in range(100):
        _login(
            attacker,
            f"person{n}@example.org",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="198.51.100.66",
        )
    assert _refused(
        _login(
            attacker,
            "anyone@example.org",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="198.51.100.66",
        )
    )
    # Everyone reaches Django from the proxy's address; Rosa's real address is her own.
    response = _login(
        rosa,
        "+12505550101",
        password=DEMO_PASSWORD,
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert response.status_code == 302


def test_a_client_cannot_escape_its_counter_by_writing_its_own_forwarded_header(personas, settings):
    settings.JUNTOS_TRUSTED_PROXY_COUNT = 1
    client = Client()
    for n in range(5):
        _login(
            client,
            "+12505550101",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.66",
        )
    assert _refused(
        _login(
            client,
            "+12505550101",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.66",
        )
    )
