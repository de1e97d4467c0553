"""Each part of a match score put into plain words, in the reader's language."""

from __future__ import annotations

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
