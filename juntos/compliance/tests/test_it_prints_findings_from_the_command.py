"""`manage.py check_document file.json` prints the same findings as the page and the API."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from juntos.compliance.services import check_document
from juntos.monitoring.models import Fact

FACTS = {
    "province": "BC",
    "program": "sawp-mx",
    "start_date": "2025-07-01",
    "end_date": "2025-07-14",
    "working_days": 12,
    "hours_worked": "96",
    "hourly_rate": "17.85",
    "gross_pay": "1713.60",
    "deductions": {"housing": "120"},
}


@pytest.mark.django_db
def test_the_command_prints_each_finding_with_figures_and_source(tmp_path, rules):
    path = tmp_path / "slip.json"
    path.write_text(json.dumps({"kind": "payslip", "facts": FACTS}))
    out = StringIO()
    call_command("check_document", str(path), "--language", "es", stdout=out)
    printed = out.getvalue()
    expected = check_document(kind="payslip", facts=FACTS, language="es", record_facts=False)
    for finding in expected.findings:
        assert f"[{finding.severity}] {finding.rule_id}: {finding.title}" in printed
        assert finding.summary in printed
    assert "Máximo permitido en este periodo de pago: 85,32 $" in printed
    assert "requirements/caribbean/agreements.html" in printed
    assert Fact.objects.count() == 0


@pytest.mark.django_db
def test_the_command_prints_json_too(tmp_path, rules):
    path = tmp_path / "slip.json"
    path.write_text(json.dumps({"kind": "payslip", "facts": FACTS}))
    out = StringIO()
    call_command("check_document", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue())["outcome"] == "violation"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "slip.json"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps({"kind": "payslip", "facts": {**FACTS, "hourly_rate": "x"}}), "hourly_rate"),
    ],
)
def test_a_bad_file_is_explained(tmp_path, rules, content, message):
    path = tmp_path / "slip.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        call_command("check_document", str(path))


@pytest.mark.django_db
def test_the_load_command_is_idempotent():
    out = StringIO()
    call_command("compliance_load_rules", stdout=out)
    call_command("compliance_load_rules", stdout=out)
    assert out.getvalue().splitlines()[-1] == "0 new rule versions loaded."
