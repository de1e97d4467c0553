"""The site's header and footer, which every page carries.

Rendering the header (language switcher, every app's navigation links, the log-in links) costs
more than most pages' own content. For a visitor who is not signed in it depends only on the
language, so it is rendered once per language and process, with two marks where the request's
CSRF token and path go; a signed-in person's header is rendered for her each time, since the
links depend on her roles. The footer depends only on the language.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from juntos.core.sections import section_templates

register = template.Library()

# Marks that survive HTML escaping unchanged and never occur in a page's own text.
_CSRF_MARK = "juntosframecsrfmark0"
_PATH_MARK = "juntosframepathmark0"
_anonymous_headers: dict[str, str] = {}
_footers: dict[str, str] = {}


@receiver(setting_changed)
def _forget_frames(**kwargs: object) -> None:
    """A changed setting (the quick-exit address, the languages) changes the frame."""
    _anonymous_headers.clear()
    _footers.clear()


def _header_context(csrf_token: str, next_path: str) -> dict[str, object]:
    return {
        "juntos_nav": section_templates("nav"),
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "csrf_token": csrf_token,
        "next_path": next_path,
    }


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    """The header: brand, quick exit, language switcher and navigation."""
    request: HttpRequest | None = context.get("request")
    user = context.get("user")
    if request is None or user is None or user.is_authenticated:
        page: dict[str, object] = {str(key): value for key, value in context.flatten().items()}
        token = str(page.get("csrf_token", "NOTPROVIDED"))
        path = request.get_full_path() if request is not None else ""
        return SafeString(
            render_to_string("core/_site_header.html", page | _header_context(token, path))
        )
    language = get_language()
    shell = _anonymous_headers.get(language)
    if shell is None:
        shell = render_to_string(
            "core/_site_header.html", {"user": user, **_header_context(_CSRF_MARK, _PATH_MARK)}
        )
        _anonymous_headers[language] = shell
    html = shell.replace(_CSRF_MARK, get_token(request)).replace(
        _PATH_MARK, escape(request.get_full_path())
    )
    return mark_safe(html)  # noqa: S308 - the shell is a rendered template; the path is escaped


@register.simple_tag
def site_footer() -> SafeString:
    """The default footer: what Juntos is and the privacy page."""
    language = get_language()
    footer = _footers.get(language)
    if footer is None:
        footer = _footers[language] = render_to_string("core/_site_footer.html")
    return mark_safe(footer)  # noqa: S308 - a rendered template
