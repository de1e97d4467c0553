"""The match page's candidates, written in Python.

Ten candidates with five reasons each made the template loop (two `blocktranslate` per
candidate, a nested loop per reason) most of the page's time; the same HTML is written here
with each phrase translated once per page, each reason escaped once and the invitation's
address reversed once (each was a tenth of the page again).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from juntos.core.forms import escaped, page_csrf_token, row_urls

register = template.Library()


@register.simple_tag(takes_context=True)
def candidate_sections(
    context: template.Context,
    candidates: Sequence[tuple[Any, Sequence[tuple[Any, str]]]],
    vacancy: Any,
) -> SafeString:
    """One section per candidate: the pseudonym (the name once the worker applied), the score,
    each part's points with its reason, and the invitation (a button, or that it was sent); or
    the sentence saying nobody fits yet."""
    if not candidates:
        nobody = conditional_escape(_("No worker who chose to be found fits yet."))
        return mark_safe(f"<p>{nobody}</p>")  # noqa: S308 - escaped
    pseudonymous, points = _("Candidate %(code)s"), _("%(score)s points of 100")
    invited = conditional_escape(_("Invited. You will see who this is only if the worker applies."))
    invite = conditional_escape(_("Invite to apply"))
    token = conditional_escape(page_csrf_token(context))
    # A pseudonym is six capitals and digits, so it goes into the address as it is.
    invite_url = row_urls("opportunities:invite", vacancy.pk)
    html = []
    for candidate, parts in candidates:
        if candidate.applied:
            name: str = conditional_escape(candidate.name)
        else:
            name = pseudonymous % {"code": conditional_escape(candidate.pseudonym)}
        score = points % {"score": conditional_escape(candidate.match.score)}
        reasons = "".join(
            f"<li>{int(part.points)}/{int(part.maximum)}: {escaped(reason)}</li>"
            for part, reason in parts
        )
        if candidate.invited:
            action = f"<p>{invited}</p>"
        elif not candidate.applied:
            url = invite_url(candidate.pseudonym)
            action = (
                f'<form method="post" action="{conditional_escape(url)}">'
                f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
                f'<button type="submit">{invite}</button></form>'
            )
        else:
            action = ""
        html.append(f"<section><h3>{name} — {score}</h3>\n<ul>{reasons}</ul>\n{action}</section>\n")
    return mark_safe("".join(html))  # noqa: S308 - every value above is escaped
