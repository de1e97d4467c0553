"""The template loader writes a template's fixed words in once per language: every page renders
the same bytes as with Django's own cached loader, in every language, script prefix and
setting, and a tag that reads the context is never folded."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.template import Context, Engine, engines
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.urls import set_script_prefix
from django.utils import translation
from django.utils.safestring import mark_safe

from juntos.core.template_loader import FoldedNode, RememberedURLNode

LANGUAGES = ("en", "es", "fr")
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')

CASES = "\n".join(
    [
        "{% load i18n static %}",
        '[{% translate "Log in" %}] [{% translate "Log in" context "button" %}]',
        '[{% translate "Log in" noop %}] [{% translate "Tom & <Jerry>" %}]',
        '[{% translate greeting %}] [{% translate "Home" as said %}{{ said }}]',
        '[{% translate "Log in"|upper %}] [{% translate "Home" context where %}]',
        "[{% blocktranslate %}Sign up{% endblocktranslate %}]",
        "[{% blocktranslate trimmed %}",
        "   Sign",
        "   up {% endblocktranslate %}]",
        "[{% blocktranslate with n=name %}Hi {{ n }}{% endblocktranslate %}]",
        "[{% blocktranslate %}100% of {{ name }}{% endblocktranslate %}]",
        "[{% blocktranslate %}50% off{% endblocktranslate %}]",
        "[{% blocktranslate asvar hi %}Sign up{% endblocktranslate %}{{ hi }}]",
        "[{% url 'core:home' %}] [{% url 'compliance:check_kind' kind='payslip' %}]",
        "[{% url 'compliance:check_kind' kind=kind %}] [{% url 'core:home' as home %}{{ home }}]",
        "[{% url 'nowhere:at-all' as nowhere %}{{ nowhere|default:'none' }}]",
        "[{% url 'opportunities:invite' number code %}] [{% url 'opportunities:invite' 7 code %}]",
        "[{% url 'opportunities:invite' vacancy_id=number pseudonym=code as invite %}{{ invite }}]",
        "[{% url 'compliance:check_kind' kind=marked %}]",
        "[{% static 'core/site.css' %}] [{% static path %}]",
        "[{% static 'core/site.css' as css %}{{ css }}]",
        "{% autoescape off %}",
        "[{% translate \"Tom & <Jerry>\" %}] [{% url 'core:home' %}]",
        "{% endautoescape %}",
        '{% if flag %}[{% translate "Home" %}]',
        '{% elif other %}[{% translate "Main" %}]',
        '{% else %}[{% translate "Language" %}]{% endif %}',
        '{% for x in items %}[{% translate "Home" %}]',
        '{% empty %}[{% translate "Main" %}]{% endfor %}',
        '{% with y=1 %}[{% translate "Language" %}]{% endwith %}',
        '{% language "fr" %}[{% translate "Log in" %}] [{% url \'core:home\' %}]{% endlanguage %}',
        '{% for code in codes %}{% language code %}{% include "inc.html" %}',
        "{% endlanguage %}{% endfor %}",
        '{% block words %}[{% translate "Sign up" %}]{% endblock %}',
        "",
    ]
)
CHILD = """{% extends "cases.html" %}{% load i18n %}
{% block words %}[{% translate "Log out" %}] {{ block.super }}{% endblock %}"""
INCLUDED = """<{% load i18n %}{% translate "Log in" %} {% url 'core:home' %}>"""
CONTEXTS: list[dict[str, Any]] = [
    {
        "greeting": "Home",
        "name": "Ana <3",
        "kind": "contract",
        "path": "core/site.css",
        "where": "nav",
        "flag": True,
        "items": [1, 2],
        "codes": ["es", "en", "fr"],
        "number": 42,
        "code": "AB12CD",
        "marked": mark_safe("payslip"),
    },
    {
        "greeting": "",
        "name": "",
        "kind": "offer",
        "path": "x.css",
        "other": True,
        "codes": [],
        "number": 7,
        "code": "Z9",
        "marked": "contract",
    },
]


@pytest.fixture
def both(tmp_path: Path) -> tuple[Engine, Engine]:
    """The folding loader and Django's cached loader over the same templates."""
    for name, text in {"cases.html": CASES, "child.html": CHILD, "inc.html": INCLUDED}.items():
        (tmp_path / name).write_text(text)
    inner = ["django.template.loaders.filesystem.Loader"]
    libraries = {"i18n": "django.templatetags.i18n", "static": "django.templatetags.static"}
    return tuple(  # type: ignore[return-value]
        Engine(dirs=[str(tmp_path)], loaders=[(loader, inner)], libraries=libraries)
        for loader in (
            "juntos.core.template_loader.Loader",
            "django.template.loaders.cached.Loader",
        )
    )


def _tag(node: Any) -> str:
    return str(node.token.contents)


def _folded(template: Any) -> list[FoldedNode]:
    return template.nodelist.get_nodes_by_type(FoldedNode)


@pytest.mark.parametrize("name", ["cases.html", "child.html"])
def test_each_language_renders_what_django_renders(both, name):
    folding, stock = both
    pages = {}
    for language in LANGUAGES:
        with translation.override(language):
            for index, values in enumerate(CONTEXTS):
                ours = folding.get_template(name).render(Context(dict(values)))
                assert ours == stock.get_template(name).render(Context(dict(values)))
                pages[language, index] = ours
    # The languages differ, so a fold kept from another language would have been seen.
    assert len({pages[language, 0] for language in LANGUAGES}) == 3
    assert "Iniciar sesión" in pages["es", 0] or "Entrar" in pages["es", 0]


def test_only_tags_that_read_nothing_from_the_context_are_folded(both):
    folding, _ = both
    with translation.override("es"):
        folded = [_tag(node.original) for node in _folded(folding.get_template("cases.html"))]
    assert 'translate "Log in"' in folded
    assert 'translate "Log in" context "button"' in folded
    assert "blocktranslate trimmed" in folded
    assert "url 'compliance:check_kind' kind='payslip'" in folded
    assert "static 'core/site.css'" in folded
    assert 'translate "Home" as said' in folded  # `as` still sets the name (rendered above)
    assert "url 'core:home' as home" in folded
    for reads_the_context in (
        "translate greeting",
        'translate "Log in"|upper',
        'translate "Home" context where',
        "blocktranslate with n=name",
        "url 'compliance:check_kind' kind=kind",
        "static path",
    ):
        assert reads_the_context not in folded
    assert folded.count("blocktranslate") == 2  # "Sign up" and "50% off", not "100% of {{ name }}"
    # Inside {% language %} the words are another language's: never folded.
    assert folded.count("url 'core:home'") == 2  # the plain one and the one under autoescape off


def test_a_url_of_variables_is_remembered_per_language_and_arguments(both):
    folding, stock = both
    with translation.override("es"):
        template = folding.get_template("cases.html")
    remembered = template.nodelist.get_nodes_by_type(RememberedURLNode)
    assert len(remembered) == 5
    for language in LANGUAGES:
        for values in CONTEXTS * 2:  # the second time from what each tag remembered
            with translation.override(language):
                expected = stock.get_template("cases.html").render(Context(dict(values)))
                assert template.render(Context(dict(values))) == expected
    invite = next(n for n in remembered if "number code" in _tag(n.original))
    assert len(invite.urls) == 6  # two workers' addresses in three languages
    marked = next(n for n in remembered if "kind=marked" in _tag(n.original))
    assert {key[-1] for key in marked.urls} == {("kind", "contract")}  # not the marked-safe one


def test_a_template_fetched_in_one_language_and_rendered_in_another_says_the_other(both):
    folding, stock = both
    with translation.override("es"):
        template = folding.get_template("cases.html")
    assert _folded(template)
    for language in LANGUAGES:
        with translation.override(language):
            expected = stock.get_template("cases.html").render(Context(dict(CONTEXTS[0])))
            assert template.render(Context(dict(CONTEXTS[0]))) == expected


def test_a_url_folded_under_one_script_prefix_follows_another(both):
    folding, stock = both
    with translation.override("fr"):
        template = folding.get_template("cases.html")
        try:
            set_script_prefix("/juntos/")
            ours = template.render(Context(dict(CONTEXTS[0])))
            assert "/juntos/fr/" in ours
            assert ours == stock.get_template("cases.html").render(Context(dict(CONTEXTS[0])))
        finally:
            set_script_prefix("/")


def test_the_project_uses_the_folding_loader_and_forgets_on_a_setting_change():
    project: Any = engines["django"]
    assert _folded(project.engine.get_template("base.html"))
    assert 'href="/static/core/site.css"' in render_to_string("base.html")
    with override_settings(STATIC_URL="/elsewhere/"):
        assert 'href="/elsewhere/core/site.css"' in render_to_string("base.html")
    assert 'href="/static/core/site.css"' in render_to_string("base.html")


def _stock_templates() -> list[dict[str, Any]]:
    """The project's template settings with Django's own loaders."""
    project: dict[str, Any] = settings.TEMPLATES[0]
    options = {k: v for k, v in project["OPTIONS"].items() if k != "loaders"}
    return [{**project, "APP_DIRS": True, "OPTIONS": options}]


def _page(client: Client, path: str) -> str:
    return CSRF.sub(r'\1…"', client.get(path).content.decode())


@pytest.mark.django_db
def test_the_product_s_pages_are_the_same_bytes_as_with_django_s_loader(personas, client):
    paths = [
        "/{}/",
        "/{}/compliance/check/",
        "/{}/compliance/check/payslip/",
        "/{}/compliance/check/season/",
        "/{}/credentials/verify/",
        "/{}/accounts/login/",
        "/{}/accounts/signup/",
        "/{}/rights/",
        "/{}/learning/",
    ]
    rosa = personas.client_for("rosa")
    for language in LANGUAGES:
        for path in (p.format(language) for p in paths):
            for reader in (client, rosa):
                ours = _page(reader, path)
                with override_settings(TEMPLATES=_stock_templates()):
                    assert _page(reader, path) == ours, path
