"""The one action from a finding: a confidential report, pre-filled through the reports
module's intake page (see the interfaces between apps)."""

from __future__ import annotations

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from juntos.compliance.choices import Severity
from juntos.compliance.engine import Finding
from juntos.compliance.templatetags.compliance_tags import format_figure

# What `urlencode` writes for each byte of a UTF-8 text: unreserved bytes as they are, a space
# as "+", every other byte as %XX. Looked up in C per byte; `urlencode` loops in Python per
# byte, and a finding's details (a few hundred characters) made it a tenth of the results page.
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")
_QUOTED = tuple(
    chr(byte) if byte in _UNRESERVED else "+" if byte == 0x20 else f"%{byte:02X}"
    for byte in range(256)
)

REPORT_CATEGORIES = {"deductions", "wage-theft", "unpaid-hours", "recruitment-fees", "other"}
MAX_DETAILS = 1500


def report_details(finding: Finding) -> str:
    """The finding in the current language, as the start of a report's details."""
    lines = [f"{finding.title} ({finding.rule_id})", finding.summary]
    lines += [f"- {f.label}: {format_figure(f.value, f.unit)}" for f in finding.figures]
    lines.append(
        _("Source: %(title)s %(url)s") % {"title": finding.source_title, "url": finding.source_url}
    )
    return "\n".join(lines)[:MAX_DETAILS]


def report_intake_url(
    *,
    finding: Finding,
    province: str,
    program: str,
    employer_name: str = "",
    intake: str | None = None,
) -> str | None:
    """The intake page pre-filled with the finding, or None where no report fits.

    None too while the reports module is not installed; the worker can still keep the result.
    `intake`: the page's address, when the caller looked it up once for several findings.
    """
    if finding.severity == Severity.INFO:
        return None
    intake = intake or intake_page()
    if intake is None:
        return None
    category = finding.report_category if finding.report_category in REPORT_CATEGORIES else "other"
    query = {
        "category": category,
        "province": province,
        "program": program,
        "details": report_details(finding),
        "source": "compliance",
    }
    if employer_name:
        query["employer_name"] = employer_name
    return f"{intake}?{query_string(query)}"


def query_string(query: dict[str, str]) -> str:
    """The same text as `urllib.parse.urlencode(query)` for texts (tested against it)."""
    return "&".join(f"{_quoted(name)}={_quoted(value)}" for name, value in query.items())


def _quoted(text: str) -> str:
    return "".join(map(_QUOTED.__getitem__, text.encode()))


def intake_page() -> str | None:
    """The reports module's intake page in the current language, or None if not installed."""
    return _intake_page(get_language(), get_script_prefix(), get_urlconf())


# Reversed once per language, script prefix and URL configuration in a process (each results
# page asks for it); forgotten when the URL settings change.
@lru_cache(maxsize=64)
def _intake_page(language: str, prefix: str, urlconf: str | None) -> str | None:
    try:
        return reverse("reports:intake")
    except NoReverseMatch:
        return None


@receiver(setting_changed)
def _forget_intake_page(*, setting: str, **kwargs: object) -> None:
    if setting in ("ROOT_URLCONF", "INSTALLED_APPS", "LANGUAGES", "FORCE_SCRIPT_NAME"):
        _intake_page.cache_clear()
