"""A gap in competence becomes a step of her training plan, in her language, once; filling it
closes the step. The mapping's gap towards the other country's standard becomes one too."""

from __future__ import annotations

from juntos.credentials.choices import UnitResult
from juntos.credentials.models import Assessment
from juntos.credentials.services import assessment_decide, standard_course_link
from juntos.credentials.tests.helpers import issue_to
from juntos.learning.models import Objective
from juntos.learning.services import profile_start
from juntos.learning.tests.factories import CourseFactory


def _decide(personas, standard, fraser, failed_first: bool):
    assessment = Assessment.objects.create(
        candidate=personas.rosa, standard=standard, organisation_id=fraser.pk
    )
    units = list(standard.units.all())
    results = {u.pk: UnitResult.COMPETENT for u in units}
    if failed_first:
        results[units[0].pk] = UnitResult.NOT_YET
    assessment_decide(actor=personas.amina, assessment=assessment, results=results)
    return units


def test_a_unit_not_yet_competent_becomes_an_objective_once(personas, authorised, fraser):
    personas.rosa.preferred_language = "es"
    personas.rosa.save(update_fields=["preferred_language"])
    profile = profile_start(actor=personas.rosa)
    course = CourseFactory.create(organisation_id=fraser.pk)
    standard_course_link(actor=personas.ben, standard=authorised, course_id=course.pk)

    units = _decide(personas, authorised, fraser, failed_first=True)
    _decide(personas, authorised, fraser, failed_first=True)  # a second try, same gap

    steps = list(Objective.objects.filter(profile=profile))
    assert len(steps) == 1
    step = steps[0]
    assert step.title.startswith("Alcanzar la competencia en")
    assert units[0].titles["es"] in step.title
    assert step.course_id == course.pk and step.done_at is None


def test_the_credential_closes_the_unit_step_and_adds_the_mapping_gap(personas, authorised, fraser):
    profile = profile_start(actor=personas.rosa)
    _decide(personas, authorised, fraser, failed_first=True)
    issue_to(personas, authorised, fraser.pk)

    unit_step = Objective.objects.get(profile=profile, source_key__startswith="credentials:unit:")
    assert unit_step.done_at is not None
    bridge = Objective.objects.get(profile=profile, source_key__startswith="credentials:bridge:")
    assert bridge.title.startswith("Cubrir lo que falta para")  # rosa reads Spanish
    assert "Faltan la poda y la instalación de jardines." in bridge.title
    assert bridge.done_at is None
    # A mapping with no gap note and no bridging course adds nothing.
    assert not Objective.objects.filter(source_key__endswith="plaguicidas-to-noc-85101").exists()


def test_no_profile_no_objective_and_the_decision_still_stands(personas, authorised, fraser):
    _decide(personas, authorised, fraser, failed_first=True)
    assert not Objective.objects.exists()
    assert Assessment.objects.get().status == "decided"
