"""The employer invites a pseudonymous candidate through her channel, changes a vacancy (the
gate runs again when pay, dates, housing or fees change) and closes it; candidates are told."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from juntos.core.models import AuditEntry, OutboxMessage
from juntos.opportunities import selectors, services
from juntos.opportunities.choices import ApplicationStatus, VacancyStatus
from juntos.opportunities.models import Application
from juntos.opportunities.tests.factories import facts, opted_in, org_id, profile_for
from juntos.testing.personas import logged_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def vacancy(personas, rules):
    draft = services.vacancy_create(
        actor=personas.carl, employer_organisation_id=org_id("okanagan-orchards"), facts=facts()
    )
    return services.vacancy_publish(actor=personas.carl, vacancy=draft)


@pytest.fixture
def rosa_findable(personas):
    profile_for(personas.rosa)
    return opted_in(personas.rosa)


def _pseudonym_of_rosa(personas, vacancy) -> str:
    (candidate,) = [c for c in selectors.candidates_for(personas.carl, vacancy.pk) if not c.applied]
    return candidate.pseudonym


def _bodies(django_capture_on_commit_callbacks, action) -> list[str]:
    before = set(OutboxMessage.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        action()
    return [m.body for m in OutboxMessage.objects.exclude(pk__in=before)]


def test_carl_invites_a_candidate_who_stays_pseudonymous_until_she_applies(
    personas, vacancy, rosa_findable, django_capture_on_commit_callbacks
):
    assert vacancy.status == VacancyStatus.PUBLISHED, vacancy.check_findings
    carl = logged_in_client(personas.carl)
    code = _pseudonym_of_rosa(personas, vacancy)

    bodies = _bodies(
        django_capture_on_commit_callbacks,
        lambda: carl.post(f"/en/opportunities/mine/{vacancy.pk}/candidates/{code}/invite/"),
    )
    assert len(bodies) == 1 and "Apple harvest" in bodies[0]  # in Spanish, on her channel
    assert "/es/opportunities/invitations/" in bodies[0]
    page = carl.get(f"/en/opportunities/mine/{vacancy.pk}/").content.decode()
    assert f"Candidate {code}" in page and personas.rosa.display_name not in page
    assert "Invited." in page
    api = carl.get(f"/api/opportunities/vacancies/{vacancy.pk}/candidates").json()
    assert api[0]["invited"] and api[0]["name"] == ""

    # Inviting twice tells her once.
    again = _bodies(
        django_capture_on_commit_callbacks,
        lambda: carl.post(f"/en/opportunities/mine/{vacancy.pk}/candidates/{code}/invite/"),
    )
    assert again == []

    rosa = logged_in_client(personas.rosa)
    listed = rosa.get("/es/opportunities/invitations/").content.decode()
    assert "Apple harvest" in listed
    invitation = Application.objects.get(worker=personas.rosa, vacancy=vacancy)
    rosa.post(f"/es/opportunities/invitations/{invitation.pk}/answer/", {"accept": "1"})
    invitation.refresh_from_db()
    assert invitation.status == ApplicationStatus.APPLIED
    assert (
        personas.rosa.display_name
        in carl.get(f"/en/opportunities/mine/{vacancy.pk}/").content.decode()
    )


def test_saying_no_keeps_her_unknown(personas, vacancy, rosa_findable):
    worker_id = selectors.candidate_worker_id(
        personas.carl, vacancy, _pseudonym_of_rosa(personas, vacancy)
    )
    invitation = services.application_invite(
        actor=personas.carl, vacancy=vacancy, worker_id=worker_id
    )
    rosa = logged_in_client(personas.rosa)
    rosa.post(f"/es/opportunities/invitations/{invitation.pk}/answer/", {"accept": "0"})
    invitation.refresh_from_db()
    assert invitation.status == ApplicationStatus.WITHDRAWN
    page = logged_in_client(personas.carl).get(f"/en/opportunities/mine/{vacancy.pk}/")
    assert personas.rosa.display_name not in page.content.decode()


def test_only_a_shown_candidate_can_be_invited_and_only_by_the_employer(
    personas, vacancy, rosa_findable
):
    with pytest.raises(Http404):
        selectors.candidate_worker_id(personas.carl, vacancy, "ZZZZZZ")
    code = _pseudonym_of_rosa(personas, vacancy)
    with pytest.raises(Http404):
        selectors.candidate_worker_id(personas.rita, vacancy, code)
    dana = logged_in_client(personas.dana)
    answer = dana.post(f"/en/opportunities/mine/{vacancy.pk}/candidates/{code}/invite/")
    assert answer.status_code == 404
    assert not Application.objects.exists()


def test_a_change_of_wording_keeps_it_published_without_a_new_check(personas, vacancy):
    checks = AuditEntry.objects.filter(action="opportunities.vacancy_checked").count()
    changed = services.vacancy_update(
        actor=personas.carl, vacancy=vacancy, facts=facts(description="Manzanas Gala.")
    )
    assert changed.status == VacancyStatus.PUBLISHED
    assert AuditEntry.objects.filter(action="opportunities.vacancy_checked").count() == checks
    edited = AuditEntry.objects.filter(action="opportunities.vacancy_edited").get()
    assert edited.details == {"fields": ["description"], "rechecked": False}


def test_a_wage_cut_below_the_minimum_runs_the_gate_again_and_blocks_it(
    personas, vacancy, django_capture_on_commit_callbacks
):
    Application.objects.create(vacancy=vacancy, worker=personas.rosa, status="applied")
    low = facts(
        hourly_wage=Decimal("12.00"), starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 5, 31)
    )
    bodies = _bodies(
        django_capture_on_commit_callbacks,
        lambda: services.vacancy_update(actor=personas.carl, vacancy=vacancy, facts=low),
    )
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.BLOCKED
    assert "MW-BC" in {f["rule_id"] for f in vacancy.check_findings}
    assert len(bodies) == 1  # rosa, who applied, is told the terms changed
    assert vacancy.pk not in set(selectors.published_vacancies().values_list("pk", flat=True))


def test_the_edit_page_keeps_what_was_typed_and_says_why(personas, vacancy):
    carl = logged_in_client(personas.carl)
    url = f"/es/opportunities/mine/{vacancy.pk}/edit/"
    assert 'value="Apple harvest"' in carl.get(url).content.decode()
    data = {
        "title": "Cosecha", "occupation": "99999", "province": "BC", "program": "sawp-mx",
        "starts_on": "2026-06-15", "ends_on": "2026-06-01", "hours_per_week": "40",
        "hourly_wage": "diecinueve", "housing": "free",
    }  # fmt: skip
    refused = carl.post(url, data)
    page = refused.content.decode()
    assert refused.status_code == 200
    assert 'value="diecinueve"' in page and 'value="Cosecha"' in page
    assert "99999 no es un código de ocupación que conozcamos" in page
    assert "Escriba una cantidad en números" in page
    vacancy.refresh_from_db()
    assert vacancy.title == "Apple harvest"


def test_a_recruiter_without_a_licence_cannot_move_it_and_nothing_is_kept(personas, vacancy):
    vacancy.posted_by_organisation_id = org_id("pacific-agri-recruitment")
    vacancy.save()
    with pytest.raises(ValidationError):
        services.vacancy_update(actor=personas.rita, vacancy=vacancy, facts=facts(province="ON"))
    vacancy.refresh_from_db()
    assert vacancy.province == "BC" and vacancy.status == VacancyStatus.PUBLISHED


def test_closing_tells_the_candidates_and_takes_it_off_the_list(
    personas, vacancy, django_capture_on_commit_callbacks
):
    Application.objects.create(vacancy=vacancy, worker=personas.rosa, status="invited")
    carl = logged_in_client(personas.carl)
    bodies = _bodies(
        django_capture_on_commit_callbacks,
        lambda: carl.post(f"/en/opportunities/mine/{vacancy.pk}/close/"),
    )
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.CLOSED
    assert len(bodies) == 1 and "Apple harvest" in bodies[0]
    assert AuditEntry.objects.filter(action="opportunities.vacancy_closed").exists()
    assert (
        logged_in_client(personas.rosa)
        .get("/es/opportunities/invitations/")
        .content.decode()
        .count("Apple harvest")
        == 0
    )
    assert carl.get(f"/en/opportunities/mine/{vacancy.pk}/edit/").status_code == 404
    with pytest.raises(ValidationError):
        services.vacancy_update(
            actor=personas.carl, vacancy=vacancy, facts=dataclasses.replace(facts(), title="x")
        )


def test_the_reasons_are_in_each_page_language_and_follow_his_change_at_once(
    personas, vacancy, rosa_findable
):
    """The top candidates and their reasons are remembered a few seconds per process: each
    language still gets its own words, and the employer's own change shows on the next page."""
    carl = logged_in_client(personas.carl)
    url = f"/opportunities/mine/{vacancy.pk}/"
    api = f"/api/opportunities/vacancies/{vacancy.pk}/candidates"
    english = carl.get(f"/en{url}").content.decode()
    spanish = carl.get(f"/es{url}").content.decode()
    french = carl.get(f"/fr{url}").content.decode()
    assert "Skills in common: picking." in english
    assert "Habilidades en común: picking." in spanish and "Skills in common" not in spanish
    assert "Compétences en commun : picking." in french and "Habilidades" not in french
    assert "Skills in common: picking." in carl.get(f"/en{url}").content.decode()

    def reasons(language: str) -> list[str]:
        (row,) = carl.get(api, HTTP_ACCEPT_LANGUAGE=language).json()
        return [p["reason"] for p in row["parts"]]

    assert "Habilidades en común: picking." in reasons("es")
    assert "Compétences en commun : picking." in reasons("fr")

    services.vacancy_update(actor=personas.carl, vacancy=vacancy, facts=facts(skills=("pruning",)))
    changed = carl.get(f"/en{url}").content.decode()
    assert "None of the skills listed appears in the profile." in changed
    assert "Skills in common" not in changed
    assert "Ninguna de las habilidades pedidas aparece en el perfil." in reasons("es")
