"""Every page and API operation of the reports app, and who may use it.

Reports are seen only by the organisations they were routed, referred or transferred to; carl
(employer), rita (recruiter), ben (network secretariat), dana (another support organisation) and
the platform operator see none of amina's, and the inspectorate (ines) only what was consented.
"""

from __future__ import annotations

from typing import Any

from juntos.testing.access import EVERYONE, Access

AMINA = frozenset({"amina"})
STAFF = frozenset({"amina", "dana"})


def _submission(**kwargs: Any) -> Any:
    from juntos.reports.tests.factories import SubmissionFactory

    return SubmissionFactory.create(**kwargs)


def _report(p: Any, **kwargs: Any) -> dict[str, Any]:
    return {"report_id": _submission(**kwargs).report.pk}


def _case(p: Any, *, contact: bool = False) -> Any:
    from juntos.reports import selectors, services

    extra = (
        {
            "contact_mode": "confidential",
            "contact_channel": "sms",
            "contact_address": "+12505550177",
        }
        if contact
        else {}
    )
    report = _submission(**extra).report
    opened = selectors.get_report_for(p.amina, report.pk)
    case = services.case_open(actor=p.amina, opened=opened)
    services.case_assign(actor=p.amina, case=case, assignee_id=p.amina.pk)
    return case


def _case_kwargs(p: Any) -> dict[str, Any]:
    return {"case_id": _case(p).pk}


def _closed_case_kwargs(p: Any) -> dict[str, Any]:
    from juntos.reports import services

    case = _case(p)
    services.case_close(actor=p.amina, case=case, outcome="resolved")
    return {"case_id": case.pk}


def _close_request(p: Any) -> dict[str, Any]:
    """A caseworker of amina's organisation asked to close; amina is made its supervisor, so
    she (and no one else among the personas) decides it."""
    import uuid

    from juntos.accounts.choices import Channel, Role, Sector
    from juntos.accounts.services import membership_grant, person_create
    from juntos.reports import services

    fraser = _org("fraser-valley-support")
    asker = person_create(
        actor=None,
        display_name="Caseworker",
        password="juntos-demo-2026",
        email=f"asker-{uuid.uuid4().hex[:8]}@fraser-valley-support.example.org",
        language="en",
        channel=Channel.EMAIL,
        sector=Sector.CIVIL_SOCIETY,
    )
    membership_grant(actor=None, user=asker, organisation=fraser, role=Role.CASEWORKER)
    membership_grant(actor=None, user=p.amina, organisation=fraser, role=Role.SUPERVISOR)
    case = _case(p)
    asked = services.case_close_request(actor=asker, case=case, outcome="resolved")
    return {"case_id": case.pk, "request_id": asked.pk}


def _linked_pair(p: Any) -> dict[str, Any]:
    from juntos.reports import selectors, services

    first, second = _case(p), _case(p)
    case, opened = selectors.get_case_for(p.amina, first.pk)
    other, other_opened = selectors.get_case_for(p.amina, second.pk)
    services.case_link(
        actor=p.amina, case=case, opened=opened, other=other, other_opened=other_opened
    )
    return {"case_id": first.pk, "other_id": second.pk}


def _org(slug: str) -> Any:
    from juntos.accounts.selectors import organisations_by_slug

    return organisations_by_slug([slug])[slug]


def _pending_consent(p: Any) -> tuple[str, Any]:
    from juntos.reports import selectors, services

    submission = _submission()
    opened = selectors.get_report_for(p.amina, submission.report.pk)
    case = services.case_open(actor=p.amina, opened=opened)
    consent = services.consent_request(
        actor=p.amina, case=case, opened=opened, inspectorate_id=_org("tfw-integrity").pk
    )
    return submission.receipt_code, consent


def _inspector_referral(p: Any) -> dict[str, Any]:
    from juntos.reports import selectors, services

    code, consent = _pending_consent(p)
    services.consent_answer(code=code, consent_id=consent.pk, give=True)
    return {"referral_id": selectors.inspector_referrals_for(p.ines).get(consent=consent).pk}


def _offer(p: Any) -> dict[str, Any]:
    from juntos.reports import selectors, services

    case = _case(p)
    opened = selectors.get_report_for(p.amina, case.report_id)
    referral = services.referral_create(
        actor=p.amina,
        case=case,
        opened=opened,
        to_organisation_id=_org("niagara-workers-centre").pk,
        kind="referral",
    )
    return {"referral_id": referral.pk}


def _attachment(p: Any) -> dict[str, Any]:
    from juntos.reports.attachments import clean_file
    from juntos.reports.tests.factories import jpeg_with_exif

    report = _submission(files=[clean_file(filename="a.jpg", data=jpeg_with_exif())]).report
    return {"attachment_id": report.attachments.get().pk}


def _amina_supervises(p: Any) -> dict[str, Any]:
    from juntos.accounts.services import membership_grant

    membership_grant(
        actor=None, user=p.amina, organisation=_org("fraser-valley-support"), role="supervisor"
    )
    return {}


def _rule(p: Any) -> dict[str, Any]:
    from juntos.reports.models import RoutingRule

    _amina_supervises(p)
    rule, _ = RoutingRule.objects.get_or_create(
        organisation=_org("fraser-valley-support"), province="YT"
    )
    return {"rule_id": rule.pk}


def _code(p: Any, k: dict[str, Any]) -> dict[str, Any]:
    return {"code": _submission().receipt_code}


def _code_and_photo(p: Any, k: dict[str, Any]) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from juntos.reports.tests.factories import jpeg_with_exif

    photo = SimpleUploadedFile("casa.jpg", jpeg_with_exif(), content_type="image/jpeg")
    return _code(p, k) | {"file": photo}


def _consent_answer(p: Any, k: dict[str, Any]) -> dict[str, Any]:
    code, consent = _pending_consent(p)
    return {"code": code, "consent": str(consent.pk), "answer": "no"}


def _api_consent(p: Any, k: dict[str, Any]) -> dict[str, Any]:
    code, consent = _pending_consent(p)
    return {"code": code, "consent_id": str(consent.pk), "agree": False}


INTAKE = {
    "category": "housing",
    "details": "La casa no tiene calefacción.",
    "contact_mode": "anonymous",
    "province": "BC",
}

ACCESS = [
    Access("reports:intake", allow=EVERYONE, worker_page=True, key_page=True),
    Access("reports:intake", method="POST", allow=EVERYONE, data=lambda p, k: INTAKE),
    Access("reports:status", allow=EVERYONE, worker_page=True, key_page=True),
    Access(
        "reports:status", method="POST", allow=EVERYONE, data=_code, note="the code is the only key"
    ),
    Access(
        "reports:status_message",
        method="POST",
        allow=EVERYONE,
        data=lambda p, k: _code(p, k) | {"body": "Gracias"},
    ),
    Access("reports:status_consent", method="POST", allow=EVERYONE, data=_consent_answer),
    Access("reports:queue", allow=STAFF, note="each caseworker sees her own organisation's queue"),
    Access(
        "reports:on_call",
        method="POST",
        allow=AMINA,
        data=lambda p, k: {"organisation": _org("fraser-valley-support").pk, "on_call": "on"},
    ),
    Access(
        "reports:report",
        allow=AMINA,
        kwargs=_report,
        note="a BC report is routed to fraser-valley-support only",
    ),
    Access("reports:case_open", method="POST", allow=AMINA, kwargs=_report),
    Access(
        "reports:case_list",
        allow=STAFF,
        note="each caseworker lists her own organisations' cases; dana sees none of amina's",
    ),
    Access("reports:case", allow=AMINA, kwargs=_case_kwargs),
    Access(
        "reports:case_plan",
        method="POST",
        allow=AMINA,
        kwargs=_case_kwargs,
        data=lambda p, k: {"priority": "high", "due_on": "2099-01-31"},
    ),
    Access("reports:case_reopen", method="POST", allow=AMINA, kwargs=_closed_case_kwargs),
    Access(
        "reports:case_link",
        method="POST",
        allow=AMINA,
        kwargs=_case_kwargs,
        data=lambda p, k: {"other": _case(p).pk},
        note="both cases must be ones she works on",
    ),
    Access("reports:case_unlink", method="POST", allow=AMINA, kwargs=_linked_pair),
    Access(
        "reports:case_assign",
        method="POST",
        allow=AMINA,
        kwargs=_case_kwargs,
        data=lambda p, k: {"assignee": p.amina.pk},
    ),
    Access(
        "reports:case_status",
        method="POST",
        allow=AMINA,
        kwargs=_case_kwargs,
        data=lambda p, k: {"status": "in-progress"},
    ),
    Access(
        "reports:case_note",
        method="POST",
        allow=AMINA,
        kwargs=_case_kwargs,
        data=lambda p, k: {"body": "nota"},
    ),
    Access(
        "reports:case_message",
        method="POST",
        allow=AMINA,
        kwargs=_case_kwargs,
        data=lambda p, k: {"body": "¿Hola?"},
    ),
    Access(
        "reports:case_refer",
        method="POST",
        allow=AMINA,
        kwargs=_case_kwargs,
        data=lambda p, k: {
            "kind": "referral",
            "to_organisation": _org("niagara-workers-centre").pk,
        },
    ),
    Access(
        "reports:case_consent",
        method="POST",
        allow=AMINA,
        kwargs=_case_kwargs,
        data=lambda p, k: {"inspectorate": _org("tfw-integrity").pk},
    ),
    Access(
        "reports:case_close",
        method="POST",
        allow=AMINA,
        kwargs=_case_kwargs,
        data=lambda p, k: {"outcome": "resolved"},
    ),
    Access(
        "reports:case_request_decide",
        method="POST",
        allow=AMINA,
        kwargs=_close_request,
        data=lambda p, k: {f"r{k['request_id']}-decision": "approve"},
        note="a supervisor of the owning organisation who did not ask",
    ),
    Access(
        "reports:case_contact",
        method="POST",
        allow=AMINA,
        kwargs=lambda p: {"case_id": _case(p, contact=True).pk},
        note="the assigned caseworker only; each reading audited",
    ),
    Access(
        "reports:offer_answer",
        method="POST",
        allow=frozenset({"dana"}),
        kwargs=_offer,
        data=lambda p, k: {"accept": "no"},
    ),
    Access("reports:attachment", allow=AMINA, kwargs=_attachment),
    Access("reports:inspector_list", allow=frozenset({"ines"})),
    Access(
        "reports:inspector_detail",
        allow=frozenset({"ines"}),
        kwargs=_inspector_referral,
        note="only what the worker consented to",
    ),
    Access(
        "reports:inspector_message",
        method="POST",
        allow=frozenset({"ines"}),
        kwargs=_inspector_referral,
        data=lambda p, k: {"body": "¿Tiene los recibos de pago?", "asks_more": "on"},
        note="the inspectorate the worker consented to; the referring caseworkers only read",
    ),
    Access(
        "reports:inspector_outcome",
        method="POST",
        allow=frozenset({"ines"}),
        kwargs=_inspector_referral,
        data=lambda p, k: {"outcome": "inspection-opened", "outcome_on": ""},
        note="recorded and corrected by the inspectorate only, never by the caseworker",
    ),
    Access(
        "reports:routing",
        allow=AMINA,
        kwargs=_amina_supervises,
        note="amina is made a supervisor for this row",
    ),
    Access("reports:routing_delete", method="POST", allow=AMINA, kwargs=_rule),
    Access("POST /api/reports/intake", allow=EVERYONE, data=lambda p, k: INTAKE),
    Access("POST /api/reports/status", allow=EVERYONE, data=_code),
    Access(
        "POST /api/reports/messages",
        allow=EVERYONE,
        data=lambda p, k: _code(p, k) | {"body": "Gracias"},
    ),
    Access("POST /api/reports/consents", allow=EVERYONE, data=_api_consent),
    Access("reports:status_attach", method="POST", allow=EVERYONE, data=_code_and_photo),
    Access("POST /api/reports/attachments", allow=EVERYONE, data=_code_and_photo, multipart=True),
]
