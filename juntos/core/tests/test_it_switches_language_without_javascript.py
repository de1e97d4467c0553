import pytest

pytestmark = pytest.mark.django_db


def test_the_switcher_is_a_plain_form_with_one_button_per_language(client):
    html = client.get("/en/").content.decode()
    assert 'action="/i18n/setlang/"' in html
    for code, name in (("en", "English"), ("es", "Español"), ("fr", "Français")):
        assert f'name="language" value="{code}" lang="{code}"' in html
        assert name in html


def test_switching_keeps_the_page_and_remembers_the_choice(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/en/privacy/"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/privacy/"
    assert response.cookies["juntos_language"].value == "fr"
    assert "Ce que nous gardons" in client.get(response["Location"]).content.decode()


def test_an_unknown_page_is_a_friendly_404_in_the_language(client):
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    assert "No encontramos esta página" in response.content.decode()
