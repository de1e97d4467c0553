"""The header and footer every page carries: kept per language for visitors, made for each
signed-in person, and never one person's header on another's page."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _switcher_token(html: str) -> str:
    match = CSRF.search(html)
    assert match, "the language switcher carries a CSRF token"
    return match.group(1)


def test_each_visitor_gets_her_own_token_and_it_is_accepted():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    tokens = [_switcher_token(c.get("/es/").content.decode()) for c in (first, second)]
    assert tokens[0] != tokens[1]
    response = first.post(
        "/i18n/setlang/",
        {"language": "fr", "next": "/es/", "csrfmiddlewaretoken": tokens[0]},
    )
    assert response.status_code == 302
    refused = second.post(
        "/i18n/setlang/",
        {"language": "fr", "next": "/es/", "csrfmiddlewaretoken": "x" * 64},
    )
    assert refused.status_code == 403


def test_the_page_address_goes_back_escaped(client):
    html = client.get("/es/", QUERY_STRING='q="><b>x</b>&a=1').content.decode()
    assert "<b>x</b>" not in html
    assert 'name="next" type="hidden" value="/es/?q=%22%3E%3Cb%3Ex%3C/b%3E&amp;a=1"' in html


def test_the_header_follows_the_page_language(client):
    assert 'aria-current="true">Español' in client.get("/es/").content.decode()
    assert 'aria-current="true">Français' in client.get("/fr/").content.decode()
    assert "Signaler un problème" in client.get("/fr/").content.decode()


def test_a_signed_in_persons_links_never_reach_a_visitor(personas, client):
    visitor_before = client.get("/en/").content.decode()
    amina = personas.client_for("amina").get("/en/").content.decode()
    visitor_after = client.get("/en/").content.decode()
    assert 'href="/en/reports/queue/"' in amina and "Log out" in amina
    for page in (visitor_before, visitor_after):
        assert 'href="/en/reports/queue/"' not in page
        assert "Log out" not in page and "Log in" in page


def test_a_changed_setting_changes_the_frame(client, settings):
    client.get("/en/")
    settings.QUICK_EXIT_URL = "https://example.org/weather"
    assert 'href="https://example.org/weather"' in client.get("/en/").content.decode()


def test_links_are_kept_per_set_of_roles_never_across_them(personas):
    """The links are remembered per language and roles: a worker after a caseworker and an
    inspector sees only her own, and a new role shows at once."""
    amina = personas.client_for("amina").get("/en/").content.decode()
    ines = personas.client_for("ines").get("/en/").content.decode()
    rosa = personas.client_for("rosa").get("/en/").content.decode()
    assert 'href="/en/reports/queue/"' in amina
    assert 'href="/en/reports/inspector/"' in ines or "Referred reports" in ines
    assert 'href="/en/reports/queue/"' not in rosa and "Referred reports" not in rosa
    assert "Signaler un problème" in personas.client_for("rosa").get("/fr/").content.decode()
