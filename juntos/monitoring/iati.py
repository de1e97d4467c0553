"""The network's results as an IATI 2.03 activity file, from the same figures as the dashboard.

One `iati-activity` stands for the network's program. Each public indicator of the logic model
becomes a `result` (its level mapped to the IATI ResultType codelist) holding one `indicator`
(measure 1, unit) with its baseline where one is set and one `period` per calendar quarter of the
year. Actuals are the published totals (suppressed and rounded): a hidden figure is never written
as 0, its `actual` has no value and a `comment` says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from lxml import etree

from juntos.monitoring.models import Indicator
from juntos.monitoring.selectors import (
    PeriodResult,
    first_counted_month,
    indicator_results,
    year_quarters,
)

IATI_VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGES = [code for code, _name in settings.LANGUAGES]

# IATI ResultType: 1 output, 2 outcome, 3 impact. An activity-level indicator counts what the
# network delivered (meetings held), which IATI calls an output.
RESULT_TYPE: dict[str, str] = {
    Indicator.Level.IMPACT: "3",
    Indicator.Level.OUTCOME: "2",
    Indicator.Level.OUTPUT: "1",
    Indicator.Level.ACTIVITY: "1",
}
ACTIVITY_STATUS_IMPLEMENTATION = "2"  # ActivityStatus
DATE_PLANNED_START, DATE_ACTUAL_START = "1", "2"  # ActivityDateType
ROLE_IMPLEMENTING = "4"  # OrganisationRole
MEASURE_UNIT = "1"  # IndicatorMeasure: a count
MEASURE_PERCENTAGE = "2"  # a ratio, in percent
DESCRIPTION_GENERAL = "1"  # DescriptionType


def activity_identifier() -> str:
    """The activity's identifier: the reporting organisation's reference and a suffix."""
    return f"{settings.JUNTOS_IATI_REPORTING_ORG_REF}-{settings.JUNTOS_IATI_ACTIVITY_SUFFIX}"


def _narratives(parent: etree._Element, text_in: Callable[[str], str]) -> None:
    """One narrative per language, each in its own words: an untranslated text (the same as
    the English one) is left out rather than labelled with a language it is not in."""
    with translation.override("en"):
        english = text_in("en")
    for language in LANGUAGES:
        with translation.override(language):
            text = text_in(language)
        if text and (language == "en" or text != english):
            etree.SubElement(parent, "narrative", {XML_LANG: language}).text = text


def _text(
    parent: etree._Element, tag: str, text_in: Callable[[str], str], **attributes: str
) -> etree._Element:
    element = etree.SubElement(parent, tag, attributes)
    _narratives(element, text_in)
    return element


def _start_date(year: int) -> tuple[str, dt.date]:
    """The activity's start: the configured date, else the first month counted (actual)."""
    if settings.JUNTOS_IATI_START_DATE:
        return DATE_ACTUAL_START, dt.date.fromisoformat(settings.JUNTOS_IATI_START_DATE)
    first = first_counted_month()
    if first is not None:
        return DATE_ACTUAL_START, first
    return DATE_PLANNED_START, dt.date(year, 1, 1)  # nothing counted yet: planned, not actual


def iati_activities(year: int, *, today: dt.date) -> etree._Element:
    """The `iati-activities` element for a year, without its generated-datetime."""
    root = etree.Element("iati-activities", {"version": IATI_VERSION})
    activity = etree.SubElement(root, "iati-activity", {XML_LANG: "en"})
    etree.SubElement(activity, "iati-identifier").text = activity_identifier()
    org = {
        "ref": settings.JUNTOS_IATI_REPORTING_ORG_REF,
        "type": settings.JUNTOS_IATI_REPORTING_ORG_TYPE,
    }
    name = settings.JUNTOS_IATI_REPORTING_ORG_NAME
    # An organisation's name is not translated: the same narrative stands for every language.
    etree.SubElement(
        etree.SubElement(activity, "reporting-org", org), "narrative", {XML_LANG: "en"}
    ).text = name
    _text(
        activity,
        "title",
        lambda language: _("Juntos: a support network for migrant workers"),
    )
    _text(
        activity,
        "description",
        lambda language: (
            _(
                "Rights information, anonymous reports referred to inspectors with consent, "
                "contract checks, courses and network meetings for migrant workers in Canada. "
                "Figures are counted by the platform; counts from 1 to %(hidden)s are hidden and "
                "the others rounded to a multiple of %(base)s, so that no person can be recognised."
            )
            % {
                "hidden": settings.JUNTOS_SUPPRESSION_THRESHOLD - 1,
                "base": settings.JUNTOS_ROUNDING_BASE,
            }
        ),
        type=DESCRIPTION_GENERAL,
    )
    participant = etree.SubElement(
        activity, "participating-org", {**org, "role": ROLE_IMPLEMENTING}
    )
    etree.SubElement(participant, "narrative", {XML_LANG: "en"}).text = name
    etree.SubElement(activity, "activity-status", {"code": ACTIVITY_STATUS_IMPLEMENTATION})
    date_type, start = _start_date(year)
    etree.SubElement(activity, "activity-date", {"type": date_type, "iso-date": start.isoformat()})
    for result in indicator_results(year_quarters(year), language="en"):
        _result(activity, result.indicator, result.results, today=today)
    return root


def _result(
    activity: etree._Element, indicator: Indicator, periods: list[PeriodResult], *, today: dt.date
) -> None:
    def title(language: str) -> str:
        return indicator.title_in(language)[0] if indicator.title_in(language)[1] else ""

    element = etree.SubElement(activity, "result", {"type": RESULT_TYPE[indicator.level]})
    _text(element, "title", title)
    measure = MEASURE_PERCENTAGE if indicator.is_ratio else MEASURE_UNIT
    measured = etree.SubElement(element, "indicator", {"measure": measure})
    _text(measured, "title", title)
    if indicator.baseline is not None and indicator.baseline_period[:4].isdigit():
        etree.SubElement(
            measured,
            "baseline",
            {"year": indicator.baseline_period[:4], "value": str(indicator.baseline)},
        )
    for result in periods:
        started = result.period.start <= today
        if result.target is None and not started:
            continue  # a quarter still to come, with nothing aimed for: nothing to say
        period = etree.SubElement(measured, "period")
        etree.SubElement(period, "period-start", {"iso-date": result.period.start.isoformat()})
        last_day = result.period.end - dt.timedelta(days=1)
        etree.SubElement(period, "period-end", {"iso-date": last_day.isoformat()})
        if result.target is not None:
            etree.SubElement(period, "target", {"value": str(result.target)})
        if not started:
            continue  # no actual for a quarter that has not begun
        actual = etree.SubElement(period, "actual")
        if result.actual is None:
            # Hidden, never written as 0: no value, and a comment that says why.
            _text(
                actual,
                "comment",
                lambda language: (
                    _(
                        "Not published: between 1 and %(hidden)s, too few to show without risk "
                        "of recognising someone."
                    )
                    % {"hidden": settings.JUNTOS_SUPPRESSION_THRESHOLD - 1}
                ),
            )
        else:
            actual.set("value", str(result.actual))
            if last_day >= today:
                _text(actual, "comment", partial(_running, ends=last_day))


def _running(language: str, *, ends: dt.date) -> str:
    return _("Counted so far: the quarter ends on %(date)s.") % {"date": ends.isoformat()}


def iati_xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def iati_document(year: int, *, today: dt.date, now: dt.datetime) -> tuple[bytes, bytes]:
    """The file's bytes, and the bytes of its figures alone (for the ETag).

    The generated-datetime changes with every request; the figures at most daily, so the
    validator is computed without it.
    """
    root = iati_activities(year, today=today)
    figures = iati_xml(root)
    root.set("generated-datetime", now.replace(microsecond=0).isoformat())
    return iati_xml(root), figures
