"""Recruitment rules: no fees charged to the worker, and licensed recruiters where required."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from juntos.compliance.choices import DeductionType, RecruiterLicensed, Severity
from juntos.compliance.documents import Document
from juntos.compliance.engine import Context, Finding, VersionData, evaluator, in_force_on
from juntos.compliance.evaluators.common import money, money_figure, relevant_day


@evaluator("no-worker-fees", params={})
def no_worker_fees(
    document: Document, versions: Sequence[VersionData], ctx: Context
) -> list[Finding]:
    """Nobody may charge the worker for recruiting her, directly or through deductions."""
    fees = document.recruiter_fees + document.deduction(DeductionType.RECRUITMENT_FEE)
    if not fees:
        return []
    findings = []
    for version in in_force_on(versions, relevant_day(document)):
        figures = [money_figure(_("Recruitment fees paid by the worker"), fees)]
        summary = _("$%(fees)s in recruitment fees were charged to the worker.") % {
            "fees": money(fees)
        }
        findings.append(
            ctx.finding(
                version, summary=summary, figures=figures, report_category="recruitment-fees"
            )
        )
    return findings


@evaluator("recruiter-licence", params={})
def recruiter_licence(
    document: Document, versions: Sequence[VersionData], ctx: Context
) -> list[Finding]:
    """Where the province licenses recruiters, the recruiter used must hold a licence."""
    if not document.recruiter_used or document.recruiter_licensed == RecruiterLicensed.YES:
        return []
    findings = []
    for version in in_force_on(versions, relevant_day(document)):
        if version.jurisdiction != document.province:
            continue
        if document.recruiter_licensed == RecruiterLicensed.NO:
            summary = _("A recruiter without a licence was used where a licence is required.")
            severity = Severity.VIOLATION
        else:
            summary = _(
                "Recruiters need a licence in this province. Look the recruiter up in the "
                "registry before you pay or sign anything."
            )
            severity = Severity.INFO
        findings.append(
            ctx.finding(
                version,
                summary=summary,
                figures=(),
                report_category="recruitment-fees",
                severity=severity,
            )
        )
    return findings
