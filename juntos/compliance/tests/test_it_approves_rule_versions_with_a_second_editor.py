"""The rules desk: a version proposed by one editor applies nowhere until a second editor
approves it; then the checker uses it, the articles naming the rule show its figure and
their subscribers are alerted. The running-out list goes to the editors every day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from juntos.accounts.choices import OrganisationKind, Role
from juntos.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from juntos.compliance.loader import TextSpec
from juntos.compliance.models import Rule, RuleVersion
from juntos.compliance.policies import can_approve_rule_version, can_manage_rules
from juntos.compliance.selectors import rule_figure
from juntos.compliance.services import (
    check_document,
    rule_version_add,
    rule_version_approve,
    rule_version_reject,
    rules_running_out_send,
)
from juntos.core.models import AuditEntry
from juntos.rights.models import Article
from juntos.rights.services import content_load
from juntos.rights.tests.factories import make_subscription
from juntos.testing.outbox import outbox_messages
from juntos.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
TEXTS = {
    code: TextSpec(f"Minimum wage ({code})", "At least the new rate.", "Pay the new rate.")
    for code in ("en", "es", "fr")
}


def _propose(actor, *, rule_id="MW-MB", hourly="16.90", day=None, **fields):
    today = timezone.localdate()
    return rule_version_add(
        actor=actor,
        rule=Rule.objects.get(rule_id=rule_id),
        effective_from=day or today,
        certainty=fields.pop("certainty", "confirmed"),
        params={"hourly": hourly},
        source_url="https://www.gov.mb.ca/labour/standards/minimum-wage.html",
        source_title="Manitoba Employment Standards",
        source_date=today,
        source_kind="official",
        texts=TEXTS,
        known_until=(day or today) + dt.timedelta(days=120),
        **fields,
    )


def _pay_slip(hourly: str) -> dict[str, str]:
    today = timezone.localdate().isoformat()
    return {
        "province": "MB",
        "program": "low-wage",
        "start_date": today,
        "end_date": today,
        "hours_worked": "8",
        "hourly_rate": hourly,
        "gross_pay": str(8 * float(hourly)),
    }


def test_a_proposed_version_applies_nowhere_until_a_second_editor_approves_it(
    rules, personas, client, django_capture_on_commit_callbacks
):
    content_load(notify_subscribers=False)
    subscriber = make_subscription(province="MB", programs="", language="en")
    before = rule_figure("MW-MB", "hourly", timezone.localdate())
    version = _propose(personas.ben)

    assert version.status == "proposed"
    assert rule_figure("MW-MB", "hourly", timezone.localdate()) == before
    result = check_document(kind="payslip", facts=_pay_slip("16.50"), language="en")
    assert result.outcome != "violation"  # the proposed $16.90 is not applied
    assert "16.90" not in client.get("/en/rights/articles/minimum-wage-mb/").content.decode()

    with pytest.raises(ValidationError):  # she cannot approve her own
        rule_version_approve(actor=personas.ben, version=version)
    with django_capture_on_commit_callbacks(execute=True):
        rule_version_approve(actor=personas.admin, version=version)

    version.refresh_from_db()
    assert (version.status, version.reviewed_by) == ("approved", personas.admin)
    entry = AuditEntry.objects.get(action="compliance.rule_version_approved")
    assert entry.actor_id == personas.admin.pk
    assert entry.details["articles"] == ["minimum-wage-mb"]
    figure = rule_figure("MW-MB", "hourly", timezone.localdate())
    assert (figure.value, figure.certainty) == ("16.90", "confirmed")
    result = check_document(kind="payslip", facts=_pay_slip("16.50"), language="en")
    assert result.outcome == "violation"
    page = client.get("/en/rights/articles/minimum-wage-mb/").content.decode()
    assert "$16.90 since" in page and "[[" not in page
    spanish = client.get("/es/rights/articles/minimum-wage-mb/").content.decode()
    assert "16,90 $" in spanish
    article = Article.objects.get(slug="minimum-wage-mb")
    assert article.current_version is not None
    assert article.current_version.texts.get(language="en").what_changed.count("[[MW-MB.") == 1
    assert outbox_messages(subscriber.address, contains="Minimum wage in Manitoba")


def test_a_secondary_figure_says_so_and_a_day_no_version_covers_says_ask(rules, client):
    content_load(notify_subscribers=False)
    manitoba = client.get("/fr/rights/articles/minimum-wage-mb/").content.decode()
    saskatchewan = client.get("/en/rights/articles/minimum-wage-sk/").content.decode()
    if timezone.localdate() < dt.date(2027, 1, 1):
        assert "16,40 $" in manitoba and "source non officielle" in manitoba
    assert "$15.35" in saskatchewan  # the known period, stated with its dates
    if timezone.localdate() > dt.date(2026, 9, 30):
        assert "an amount we do not know for today (ask a caseworker)" in saskatchewan


def test_a_rejected_version_never_applies_and_frees_its_day(rules, personas):
    version = _propose(personas.ben)
    rule_version_reject(actor=personas.admin, version=version)
    version.refresh_from_db()
    assert version.status == "rejected"
    assert AuditEntry.objects.filter(action="compliance.rule_version_rejected").count() == 1
    assert rule_figure("MW-MB", "hourly", timezone.localdate()).value != "16.90"
    with pytest.raises(ValidationError):  # decided once
        rule_version_approve(actor=personas.admin, version=version)
    again = _propose(personas.ben, hourly="16.95")
    assert again.status == "proposed"


@pytest.mark.parametrize("persona", ["rosa", "amina", "carl", "rita", "ines", "dana"])
def test_only_editors_propose_and_only_another_editor_approves(rules, personas, persona):
    person = getattr(personas, persona)
    assert not can_manage_rules(person)
    with pytest.raises(PermissionDenied):
        _propose(person)
    version = _propose(personas.ben)
    assert not can_approve_rule_version(person, version)
    assert not can_approve_rule_version(personas.ben, version)
    assert can_approve_rule_version(personas.admin, version)
    with pytest.raises(PermissionDenied):
        rule_version_approve(actor=person, version=version)
    with pytest.raises(PermissionDenied):
        rule_version_reject(actor=person, version=version)


def test_the_desk_lists_proposals_and_offers_approval_to_another_editor(rules, personas, client_as):
    _propose(personas.ben)
    desk = reverse("compliance:rules_desk")
    own = client_as("ben").get(desk).content.decode()
    assert "MW-MB" in own and "another editor checks it" in own
    other = client_as("admin").get(desk).content.decode()
    assert ">Approve<" in other and ">Reject<" in other
    version = RuleVersion.objects.get(status="proposed")
    response = client_as("ben").post(
        reverse("compliance:rule_version_approve", kwargs={"version_id": version.pk})
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == "proposed"  # refused, with the reason on the desk

    counter = iter(range(1, 1000))
    admin = client_as("admin")
    assert_queries_do_not_grow(
        add_items=lambda n: [
            _propose(personas.ben, day=dt.date(2030, 1, 1) + dt.timedelta(days=next(counter)))
            for _ in range(n)
        ],
        fetch=lambda: admin.get(desk),
        limit=20,
    )


def test_the_daily_job_tells_each_editor_in_her_language(
    rules, personas, django_capture_on_commit_callbacks, mailoutbox
):
    secretariat = OrganisationFactory(kind=OrganisationKind.NETWORK_SECRETARIAT)
    french = UserFactory(preferred_language="fr")
    MembershipFactory(user=french, organisation=secretariat, role=Role.COORDINATOR)
    spanish = personas.ben
    spanish.preferred_language = "es"
    spanish.save(update_fields=["preferred_language"])

    with django_capture_on_commit_callbacks(execute=True):
        told = rules_running_out_send(today=dt.date(2026, 8, 15))

    assert told >= 2
    sent = {message.to[0]: message for message in mailoutbox}
    fr, es = sent[french.email], sent[spanish.email]
    assert "MW-NT" in fr.body and "MW-SK" in fr.body and "MW-BC" not in fr.body
    assert "/fr/" in fr.body and "Règles à vérifier de nouveau" in fr.subject
    assert "MW-NU" in es.body and "/es/" in es.body and "reglas" in es.body.lower()
    assert AuditEntry.objects.filter(action="compliance.rules_running_out_sent").count() == 1
    assert rules_running_out_send(today=dt.date(2026, 1, 2)) == 0  # nothing to say
