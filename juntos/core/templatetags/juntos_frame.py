"""The site's header and footer, which every page carries.

Rendering the header (language switcher, every app's navigation links, the log-in links) costs
more than most pages' own content. Apart from the request's CSRF token and path, it depends
only on the language and on whether the person is signed in, so each process renders that
shell once per language and kind of reader, with marks where the token and the path go. A
signed-in person's app links depend on her roles: the app that knows roles (accounts) names
them with `sections.nav_key`, and each process renders the links once per language and set of
roles (a person whose roles no app names gets hers rendered for her on each request). The
footer depends only on the language.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from juntos.core.forms import page_csrf_token
from juntos.core.sections import nav_key, section_templates

register = template.Library()

# Marks that survive HTML escaping unchanged and never occur in a page's own text.
_CSRF_MARK = "juntosframecsrfmark0"
_PATH_MARK = "juntosframepathmark0"
_NAV_MARK = "juntosframenavmark0"
_headers: dict[tuple[str, bool], str] = {}
_footers: dict[str, str] = {}
# Signed-in people's app links by (language, the roles that decide them); a few sets of roles.
_navs: dict[tuple[str, object], str] = {}
_MOST_NAVS = 256


@receiver(setting_changed)
def _forget_frames(**kwargs: object) -> None:
    """A changed setting (the quick-exit address, the languages) changes the frame."""
    _headers.clear()
    _footers.clear()
    _navs.clear()


def _nav_items(user: object) -> str:
    return render_to_string(
        "core/_nav_items.html", {"juntos_nav": section_templates("nav"), "user": user}
    )


def _signed_in_nav(language: str, user: object) -> str:
    """Her app links: rendered once per language and set of roles, or for her alone."""
    roles = nav_key(user)
    if roles is None:
        return _nav_items(user)
    key = (language, roles)
    found = _navs.get(key)
    if found is None:
        if len(_navs) >= _MOST_NAVS:
            _navs.clear()
        found = _navs[key] = _nav_items(user)
    return found


def _shell(language: str, user: object, signed_in: bool) -> str:
    shell = _headers.get((language, signed_in))
    if shell is None:
        # A visitor's app links are the same for every visitor: they go in the shell.
        nav = _NAV_MARK if signed_in else _nav_items(user)
        context = {
            "user": user,
            "nav_items": mark_safe(nav),  # noqa: S308 - a mark or a rendered template
            "quick_exit_url": settings.QUICK_EXIT_URL,
            "csrf_token": _CSRF_MARK,
            "next_path": _PATH_MARK,
        }
        shell = _headers[(language, signed_in)] = render_to_string(
            "core/_site_header.html", context
        )
    return shell


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    """The header: brand, quick exit, language switcher and navigation."""
    request: HttpRequest | None = context.get("request")
    user = context.get("user") or AnonymousUser()
    signed_in = bool(user.is_authenticated)
    token = page_csrf_token(context)
    path = escape(request.get_full_path()) if request is not None else ""
    html = _shell(get_language(), user, signed_in).replace(_CSRF_MARK, token)
    html = html.replace(_PATH_MARK, path)
    if signed_in:
        html = html.replace(_NAV_MARK, _signed_in_nav(get_language(), user))
    return mark_safe(html)  # noqa: S308 - rendered templates; the path is escaped


@register.simple_tag
def site_footer() -> SafeString:
    """The default footer: what Juntos is and the privacy page."""
    language = get_language()
    footer = _footers.get(language)
    if footer is None:
        footer = _footers[language] = render_to_string("core/_site_footer.html")
    return mark_safe(footer)  # noqa: S308 - a rendered template
