"""Demo data for the compliance app: the rules, and one pay-slip check Rosa kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from juntos.compliance.selectors import saved_checks_for
from juntos.compliance.services import check_document, rules_load, saved_check_create

if TYPE_CHECKING:
    from juntos.accounts.models import User

ROSA_PAY_SLIP = {
    "province": "BC",
    "program": "sawp-mx",
    "start_date": "2025-07-01",
    "end_date": "2025-07-14",
    "working_days": 12,
    "hours_worked": "96",
    "hourly_rate": "17.85",
    "gross_pay": "1713.60",
    "deductions": {"housing": "120.00", "statutory": "210.00"},
}


def seed(people: dict[str, User]) -> None:
    """Load the rules; give Rosa one kept check (once)."""
    rules_load()
    rosa = people["rosa"]
    if saved_checks_for(rosa).exists():
        return
    result = check_document(kind="payslip", facts=ROSA_PAY_SLIP, language="es", record_facts=False)
    saved_check_create(actor=rosa, result=result)
