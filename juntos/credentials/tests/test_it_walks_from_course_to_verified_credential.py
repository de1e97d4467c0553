"""The issue's walk: rosa completes the course, is assessed competent, gets and shows her
credential; a verifier with the QR sees it valid and its equivalence; ben revokes it."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation

from juntos.accounts.choices import Role
from juntos.accounts.services import membership_grant
from juntos.credentials.models import Credential
from juntos.credentials.services import standard_course_link
from juntos.learning.choices import CompletionRule
from juntos.learning.models import Enrolment
from juntos.learning.services import enrolment_create, enrolment_sign_off
from juntos.learning.tests.factories import CourseFactory, SessionFactory, today
from juntos.testing.personas import logged_in_client


def _first(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    assert found, pattern
    return found.group(1)


def _url(language: str, name: str, *args: object) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _complete_course(personas, fraser):
    """Amina's organisation runs a sign-off course that has started; rosa completes it."""
    course = CourseFactory.create(
        organisation_id=fraser.pk, completion_rule=CompletionRule.SIGN_OFF, topic="health-safety"
    )
    session = SessionFactory.create(
        course=course, starts_on=today(), enrolment_opens=today(), enrolment_closes=today()
    )
    enrolment = enrolment_create(actor=personas.rosa, session=session)
    enrolment_sign_off(actor=personas.amina, enrolment=Enrolment.objects.get(pk=enrolment.pk))
    return course


def test_rosa_walks_from_course_to_a_credential_ben_revokes(personas, authorised, fraser):
    course = CourseFactory.create(organisation_id=fraser.pk)
    standard_course_link(actor=personas.ben, standard=authorised, course_id=course.pk)
    rosa = logged_in_client(personas.rosa)
    with translation.override("es"):
        request_url = reverse("credentials:request")
    choice = f"{authorised.pk}:{fraser.pk}"

    # Before she completes a course that prepares for the standard, she cannot ask.
    refused = rosa.post(request_url, {"choice": choice})
    assert refused.status_code == 400
    assert "Completa uno de los cursos" in refused.content.decode()

    done = _complete_course(personas, fraser)
    standard_course_link(actor=personas.ben, standard=authorised, course_id=done.pk)
    assert rosa.post(request_url, {"choice": choice}).status_code == 302

    amina = logged_in_client(personas.amina)
    queue = amina.get(_url("en", "credentials:queue"))
    link = _first(r'href="(/en/credentials/assess/\d+/)"', queue.content.decode())
    form = amina.get(link)
    units = re.findall(r'name="(unit_\d+)"', form.content.decode())
    assert len(set(units)) == authorised.units.count()
    decided = amina.post(link, {name: "competent" for name in units})
    assert decided.status_code == 302

    credential = Credential.objects.get(holder=personas.rosa)
    with translation.override("es"):
        mine = rosa.get(reverse("credentials:mine"))
        pdf = rosa.get(reverse("credentials:certificate", args=[credential.pk]))
    assert authorised.titles["es"] in mine.content.decode()
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    # The QR carries the short URL; it leads to the verify page in the reader's language.
    short = f"/credentials/v/{credential.short_id}"
    verifier = logged_in_client(personas.carl)
    landed = verifier.get(short, follow=True, HTTP_ACCEPT_LANGUAGE="fr")
    page = landed.content.decode()
    assert landed.redirect_chain[-1][0] == f"/fr/credentials/v/{credential.short_id}/"
    assert "Valide" in page
    assert "Horticulteur-paysagiste" in page and "Pas une reconnaissance officielle" in page

    ben = logged_in_client(personas.ben)
    manage = _url("en", "credentials:manage", credential.short_id)
    assert ben.post(manage, {"action": "revoke", "reason": "Error de captura"}).status_code == 302
    again = verifier.get(f"/fr/credentials/v/{credential.short_id}/").content.decode()
    assert "Révoquée" in again and "Valide<" not in again


def test_an_assessor_of_an_organisation_not_authorised_cannot_decide(personas, authorised, fraser):
    from juntos.accounts.selectors import organisations_by_slug

    niagara = organisations_by_slug(["niagara-workers-centre"])["niagara-workers-centre"]
    membership_grant(actor=None, user=personas.dana, organisation=niagara, role=Role.CASEWORKER)
    from juntos.credentials.services import assessment_request

    assessment = assessment_request(
        actor=personas.rosa, standard=authorised, organisation_id=fraser.pk
    )
    dana = logged_in_client(personas.dana)
    url = _url("en", "credentials:decide", assessment.pk)
    assert dana.get(url).status_code == 404
    assert dana.post(url, {}).status_code == 404


def test_the_demo_walk_from_the_seeded_data(db):
    """The same walk on the seeded demo: Tom signs rosa off and assesses her; ben revokes."""
    from django.core.management import call_command

    from juntos.accounts.selectors import user_by_identifier
    from juntos.demo.seed_credentials import TEACHER

    call_command("seed_demo", "--quiet")
    rosa_user = user_by_identifier("+12505550101")
    tom_user = user_by_identifier(TEACHER)
    ben_user = user_by_identifier("ben@mwsn.example.org")
    enrolment = Enrolment.objects.get(user=rosa_user, session__course__topic="health-safety",
                                      session__starts_on__lte=today())  # fmt: skip
    tom = logged_in_client(tom_user)
    signed = tom.post(_url("en", "learning:sign_off", enrolment.pk))
    assert signed.status_code in (200, 302)
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"

    rosa = logged_in_client(rosa_user)
    form = rosa.get(_url("es", "credentials:request")).content.decode()
    choice = _first(r'<option value="(\d+:\d+)"', form)
    assert rosa.post(_url("es", "credentials:request"), {"choice": choice}).status_code == 302

    queue = tom.get(_url("en", "credentials:queue")).content.decode()
    link = _first(r'href="(/en/credentials/assess/\d+/)"', queue)
    units = set(re.findall(r'name="(unit_\d+)"', tom.get(link).content.decode()))
    assert tom.post(link, {name: "competent" for name in units}).status_code == 302

    credential = Credential.objects.get(holder=rosa_user)
    pdf = rosa.get(_url("es", "credentials:certificate", credential.pk))
    assert pdf.content.startswith(b"%PDF")
    verifier = logged_in_client(user_by_identifier("carl@okanaganorchards.example.com"))
    page = verifier.get(f"/credentials/v/{credential.short_id}", follow=True).content.decode()
    assert ">Valid<" in page and "Landscape Horticulturist" in page
    assert "Not an official recognition." in page

    ben = logged_in_client(ben_user)
    ben.post(_url("en", "credentials:manage", credential.short_id),
             {"action": "revoke", "reason": "Demo"})  # fmt: skip
    page = verifier.get(f"/credentials/v/{credential.short_id}", follow=True).content.decode()
    assert ">Revoked<" in page
