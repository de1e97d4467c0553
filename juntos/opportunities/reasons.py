"""Each part of a match score put into plain words, in the reader's language."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from juntos.opportunities.matching import Part
from juntos.opportunities.noc import occupation


def explain(part: Part) -> str:
    """One sentence saying why this part gave its points."""
    figures = part.figures
    if part.reason == "same-occupation":
        occ = occupation(str(figures["code"]))
        return _("Same occupation: %(occupation)s.") % {
            "occupation": occ.label() if occ else figures["code"]
        }
    if part.reason.startswith("credential-"):
        return _credential(part)
    if part.reason == "no-skills-listed":
        return _("The vacancy lists no skills, so the occupation decides.")
    if part.reason == "skills-shared":
        return _("Skills in common: %(skills)s.") % {"skills": figures["shared"]}
    if part.reason == "skills-none":
        return _("None of the skills listed appears in the profile.")
    if part.reason == "no-languages-listed":
        return _("The vacancy asks for no particular language.")
    if part.reason == "speaks":
        return _("Speaks a language the vacancy asks for.")
    if part.reason == "speaks-none":
        return _("Does not speak the languages the vacancy asks for.")
    if part.reason == "available-all":
        return _("Available for the whole period.")
    if part.reason == "available-part":
        return _("Available for %(days)s of the %(period)s days.") % {
            "days": figures["days"],
            "period": figures["period"],
        }
    if part.reason == "worked-here-before":
        return _("Worked for this employer before.")
    if part.reason == "returning-pool":
        return _("In the returning-worker pool after a good season.")
    return _("Has not worked for this employer before.")


def _standard(figures: dict[str, object]) -> str:
    """The standard a credential is for, in the reader's language: its title and its code
    (never the credential, its issuer or anything else about it)."""
    titles = figures.get("titles")
    titles = titles if isinstance(titles, dict) else {}
    language = (get_language() or "en")[:2]
    title = titles.get(language) or titles.get("en") or next(iter(titles.values()), "")
    return _("%(title)s (%(code)s)") % {"title": title, "code": figures.get("code", "")}


def _credential(part: Part) -> str:
    figures = part.figures
    if part.reason == "credential-none":
        return _("No credential for this occupation.")
    standard = _standard(figures)
    if part.reason == "credential-held":
        return _("Holds a verified credential for this occupation: %(standard)s.") % {
            "standard": standard
        }
    if part.reason == "credential-official":
        return _(
            "Holds a verified credential officially recognised for this occupation by "
            "%(body)s: %(standard)s."
        ) % {"standard": standard, "body": figures["endorsed_by"]}
    if part.reason == "credential-endorsed":
        return _(
            "Holds a verified credential that %(body)s endorses for this occupation: "
            "%(standard)s (not an official recognition)."
        ) % {"standard": standard, "body": figures["endorsed_by"]}
    return _(
        "Holds a credential the network proposes as related: %(standard)s (not an official "
        "recognition)."
    ) % {"standard": standard}
