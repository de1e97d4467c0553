"""The match page's candidates, written in Python.

Ten candidates with five reasons each made the template loop (two `blocktranslate` per
candidate, a nested loop per reason) most of the page's time; the same HTML is written here
with the fixed words translated and escaped once per language, each candidate's list of
reasons written once while the match holds (a page shows the same top ten until it changes)
and the invitation's address reversed once per page.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from django import template
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from juntos.core.forms import escaped, page_csrf_token, row_urls

register = template.Library()


class _Words(NamedTuple):
    """The section's fixed words in one language, escaped (the formats keep their slots)."""

    nobody: str
    pseudonymous: str  # with %(code)s
    points: str  # with %(score)s
    invited: str
    invite: str


@lru_cache(maxsize=8)
def _words(language: str) -> _Words:
    with override(language):
        return _Words(
            nobody=html.escape(_("No worker who chose to be found fits yet.")),
            pseudonymous=html.escape(_("Candidate %(code)s")),
            points=html.escape(_("%(score)s points of 100")),
            invited=html.escape(_("Invited. You will see who this is only if the worker applies.")),
            invite=html.escape(_("Invite to apply")),
        )


@lru_cache(maxsize=2048)
def _reasons(lines: tuple[tuple[int, int, str], ...]) -> str:
    """A candidate's parts as list items: points of the maximum, and the reason in words."""
    return "".join(
        f"<li>{points}/{maximum}: {escaped(said)}</li>" for points, maximum, said in lines
    )


@register.simple_tag(takes_context=True)
def candidate_sections(
    context: template.Context, candidates: Sequence[Any], vacancy: Any
) -> SafeString:
    """One section per candidate: the pseudonym (the name once the worker applied), the score,
    each part's points with its reason, and the invitation (a button, or that it was sent); or
    the sentence saying nobody fits yet."""
    words = _words(get_language() or settings.LANGUAGE_CODE)
    if not candidates:
        return mark_safe(f"<p>{words.nobody}</p>")  # noqa: S308 - escaped
    token = html.escape(page_csrf_token(context))
    # A pseudonym is six capitals and digits, so it goes into the address as it is.
    invite_url = row_urls("opportunities:invite", vacancy.pk)
    after_url = (
        f'"><input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        f'<button type="submit">{words.invite}</button></form>'
    )
    written = []
    for candidate in candidates:
        if candidate.applied:
            name = html.escape(candidate.name)
        else:
            name = words.pseudonymous % {"code": html.escape(candidate.pseudonym)}
        score = words.points % {"score": int(candidate.match.score)}
        reasons = _reasons(
            tuple(
                (int(part.points), int(part.maximum), said)
                for part, said in zip(candidate.match.parts, candidate.reasons, strict=True)
            )
        )
        if candidate.invited:
            action = f"<p>{words.invited}</p>"
        elif not candidate.applied:
            url = html.escape(invite_url(candidate.pseudonym))
            action = f'<form method="post" action="{url}{after_url}'
        else:
            action = ""
        written.append(
            f"<section><h3>{name} — {score}</h3>\n<ul>{reasons}</ul>\n{action}</section>\n"
        )
    return mark_safe("".join(written))  # noqa: S308 - every value above is escaped
