"""Every compliance URL and API operation, and who may use it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from juntos.accounts.choices import OrganisationKind, Role
from juntos.accounts.tests.factories import MembershipFactory, OrganisationFactory
from juntos.compliance.choices import VersionStatus
from juntos.compliance.tests.factories import RuleVersionFactory, SavedCheckFactory, explained_rule
from juntos.testing.access import EVERYONE, SIGNED_IN, Access

PAY_SLIP = {
    "province": "BC",
    "program": "sawp-mx",
    "start_date": "2025-07-01",
    "end_date": "2025-07-14",
    "working_days": "12",
    "hours_worked": "96",
    "hourly_rate": "17.85",
    "gross_pay": "1713.60",
    "deduction_housing": "120",
}
SEASON = {
    "province": "BC",
    "program": "sawp-mx",
    "rows": "3",
    **{f"slip-0-{k}": v for k, v in PAY_SLIP.items() if k not in ("province", "program")},
}
OFFER = {
    "province": "BC",
    "program": "sawp-mx",
    "employer_name": "Okanagan Orchards Ltd.",
    "start_date": "2026-05-01",
    "end_date": "2026-10-31",
    "hourly_rate": "18.25",
    "guaranteed_weekly_hours": "40",
    "recruiter_licensed": "unknown",
}


def rosas_check(p: Any) -> dict[str, Any]:
    return {"check_id": SavedCheckFactory.create(owner=p.rosa).pk}


def a_rule(p: Any) -> dict[str, Any]:
    return {"rule_id": explained_rule().rule_id}


def a_proposed_version(p: Any) -> dict[str, Any]:
    """A version proposed by another editor, so that ben and the operator may both review it."""
    rule = explained_rule()
    proposer = MembershipFactory(
        organisation=OrganisationFactory(kind=OrganisationKind.NETWORK_SECRETARIAT),
        role=Role.COORDINATOR,
    ).user
    version = RuleVersionFactory.create(
        rule=rule,
        effective_from=dt.date(2027, 1, 1),
        status=VersionStatus.PROPOSED,
        created_by=proposer,
    )
    return {"version_id": version.pk}


def new_version(p: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    texts: dict[str, str] = {}
    for code in ("en", "es", "fr"):
        texts |= {f"title_{code}": "Title", f"worker_{code}": "Text", f"employer_{code}": "Text"}
    return {
        "effective_from": "2027-01-01",
        "certainty": "uncertain",
        "params": '{"hourly": "19.00"}',
        "source_url": "https://example.org/new",
        "source_title": "New source",
        **texts,
    }


ACCESS = [
    Access("compliance:check", allow=EVERYONE, worker_page=True, key_page=True),
    Access(
        "compliance:check_kind",
        allow=EVERYONE,
        kwargs=lambda p: {"kind": "payslip"},
        worker_page=True,
        key_page=True,
    ),
    Access(
        "compliance:check_kind",
        method="POST",
        allow=EVERYONE,
        kwargs=lambda p: {"kind": "payslip"},
        data=lambda p, kw: PAY_SLIP,
        note="anonymous checks keep nothing; the result page is the response",
    ),
    Access("compliance:check_season", allow=EVERYONE, worker_page=True),
    Access(
        "compliance:check_season",
        method="POST",
        allow=EVERYONE,
        data=lambda p, kw: SEASON,
        note="several pay slips of one season; anonymous checks keep nothing",
    ),
    Access(
        "compliance:employer_check",
        allow=frozenset({"carl"}),
        note="members of employer organisations check their own offers",
    ),
    Access(
        "compliance:employer_check",
        method="POST",
        allow=frozenset({"carl"}),
        data=lambda p, kw: OFFER,
    ),
    Access("compliance:saved_list", allow=SIGNED_IN, worker_page=True),
    Access(
        "compliance:saved_detail",
        allow=frozenset({"rosa"}),
        kwargs=rosas_check,
        worker_page=True,
        note="a kept result is visible to its owner only",
    ),
    Access(
        "compliance:saved_delete",
        method="POST",
        allow=frozenset({"rosa"}),
        kwargs=rosas_check,
    ),
    Access("compliance:rules", allow=EVERYONE),
    Access("compliance:rule", allow=EVERYONE, kwargs=a_rule),
    Access(
        "compliance:rule_version_add",
        allow=frozenset({"ben", "admin"}),
        kwargs=a_rule,
        note="network coordinators and platform operators",
    ),
    Access(
        "compliance:rule_version_add",
        method="POST",
        allow=frozenset({"ben", "admin"}),
        kwargs=a_rule,
        data=new_version,
    ),
    Access(
        "compliance:rules_desk",
        allow=frozenset({"ben", "admin"}),
        note="the rights library's editors: secretariat coordinators, operators",
    ),
    Access(
        "compliance:rule_version_approve",
        method="POST",
        allow=frozenset({"ben", "admin"}),
        kwargs=a_proposed_version,
        note="any editor but the one who proposed it",
    ),
    Access(
        "compliance:rule_version_reject",
        method="POST",
        allow=frozenset({"ben", "admin"}),
        kwargs=a_proposed_version,
    ),
    Access(
        "POST /api/compliance/check",
        allow=EVERYONE,
        data=lambda p, kw: {
            "kind": "payslip",
            "language": "es",
            "facts": {**PAY_SLIP, "deductions": {"housing": "120"}},
        },
    ),
    Access("GET /api/compliance/rules", allow=EVERYONE),
    Access("GET /api/compliance/rules/{rule_id}", allow=EVERYONE, kwargs=a_rule),
]
