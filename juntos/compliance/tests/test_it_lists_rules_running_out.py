"""Rules whose known period ends soon or has ended are listed on the rules page and by a
daily command, so a coordinator knows what to check against a newer source."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from juntos.compliance.selectors import rules_running_out
from juntos.testing.queries import assert_max_queries


@pytest.mark.django_db
def test_rules_within_60_days_of_their_last_known_day_are_listed(rules):
    soon = {r.rule_id for r in rules_running_out(today=dt.date(2026, 7, 5))}
    assert soon == {"MW-NT", "MW-NU"}  # known until 2026-08-31
    later = {r.rule_id for r in rules_running_out(today=dt.date(2026, 8, 15))}
    assert {"MW-NT", "MW-NU", "MW-SK"} <= later and "MW-ON" not in later
    assert "MW-ON" in {r.rule_id for r in rules_running_out(today=dt.date(2026, 11, 15))}


@pytest.mark.django_db
def test_the_command_says_which_ended_and_which_end_soon(rules):
    out = StringIO()
    call_command("compliance_running_out", "--today", "2026-09-15", stdout=out)
    lines = out.getvalue().splitlines()
    assert "MW-NU\tNU\tended 2026-08-31" in lines
    assert "MW-SK\tSK\tends 2026-09-30" in lines


@pytest.mark.django_db
def test_the_rules_page_lists_them_in_spanish(client, rules):
    with assert_max_queries(10):
        page = client.get("/es/compliance/rules/").content.decode()
    assert "Reglas que hay que volver a revisar" in page
