"""Staff read names, not stored codes: "español" and "WhatsApp", never a bare "es" or "whatsapp"."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from juntos.testing.personas import logged_in_client
from tests.browser.pages import page_rows

pytestmark = pytest.mark.django_db
STAFF = ("amina", "ben", "ines", "admin")
CODES = ("es", "en", "fr", "sms", "whatsapp", "email")
# A cell, definition or item whose whole text is a code.
BARE_CODE = re.compile(r"<(td|dd|li|span|p)\b[^>]*>\s*(" + "|".join(CODES) + r")\s*</\1>")


def bare_codes(html: str) -> list[str]:
    return [match.group(0) for match in BARE_CODE.finditer(html)]


def test_no_staff_page_shows_a_bare_language_or_channel_code(personas: Any) -> None:
    problems = []
    clients = {who: logged_in_client(getattr(personas, who)) for who in STAFF}
    for row in page_rows():
        staff = [who for who in STAFF if who in row.allow]
        if not staff:
            continue
        kwargs = row.kwargs(personas) if row.kwargs else {}
        with translation.override("es"):
            url = reverse(row.name, kwargs=kwargs) + row.query
        for who in staff:
            response = clients[who].get(url)
            if not response.get("Content-Type", "").startswith("text/html"):
                break
            problems += [f"{url} as {who}: {code}" for code in bare_codes(response.text)]
    assert not problems, "\n".join(problems)


def test_it_spots_a_bare_code() -> None:
    assert bare_codes("<dd>whatsapp</dd><dd>WhatsApp Business</dd><td> es </td>") == [
        "<dd>whatsapp</dd>",
        "<td> es </td>",
    ]


# A language code standing alone in English running text: "…: es, fr.", "(fr)", a legend "ES".
CODE_IN_TEXT = re.compile(r"\b(es|fr|en)\b", re.IGNORECASE)


def test_the_rights_desk_names_the_languages_of_stale_and_differing_translations(
    personas: Any,
) -> None:
    from juntos.rights.models import ArticleVersion
    from juntos.rights.tests.factories import published_article
    from juntos.rights.tests.test_it_runs_the_editorial_workflow import _edit_form

    article = published_article(slug="bc-housing")
    ben = logged_in_client(personas.ben)
    ben.post(reverse("rights:editor_article", kwargs={"slug": article.slug}))
    version = ArticleVersion.objects.get(article=article, number=2)
    edit_url = reverse("rights:editor_version", kwargs={"version_id": version.pk})
    changed = _edit_form(version, en_summary="Your employer may take up to $7.50 a day.")
    assert ben.post(edit_url, changed).status_code == 302
    names = {"en": ("Spanish", "French"), "es": ("Español", "Francés"), "fr": ("Espagnol",)}
    for language, expected in names.items():
        with translation.override(language):
            urls = [edit_url, reverse("rights:editor")]
            urls[0] = reverse("rights:editor_version", kwargs={"version_id": version.pk})
        for url in urls:
            html = ben.get(url).content.decode()
            main = html[html.index("<main") : html.index("</main>")]
            assert all(name in main for name in expected), (url, expected)
            if language == "en":  # "es" and "en" are words in Spanish and French
                text = re.sub(r"<[^>]+>", " ", main)  # codes in attributes (lang="es") are fine
                found = [
                    text[max(0, m.start() - 40) : m.end() + 10] for m in CODE_IN_TEXT.finditer(text)
                ]
                assert not found, (url, found)
