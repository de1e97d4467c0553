import pytest
from django.apps import apps
from django.core.management import call_command

from juntos.accounts.models import User
from juntos.core.audit import audit_verify_chain

pytestmark = pytest.mark.django_db


def _row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "django_tasks_database"}
    }


def test_seed_demo_creates_every_persona_with_their_organisations(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for name in ("rosa", "amina", "ben", "carl", "rita", "ines", "dana"):
        assert name in out
    rosa = User.objects.get(phone="+12505550101")
    assert (rosa.preferred_language, rosa.sector, rosa.province) == ("es", "migrant-worker", "BC")
    amina = User.objects.get(email="amina@fraservalley.example.org")
    assert amina.memberships.get().organisation.province == "BC"
    dana = User.objects.get(email="dana@niagaraworkers.example.org")
    assert dana.memberships.get().organisation.province == "ON"
    assert {u.preferred_language for u in User.objects.all()} == {"en", "es", "fr"}
    assert audit_verify_chain() is None


def test_running_seed_demo_twice_changes_nothing():
    call_command("seed_demo", "--quiet")
    before = _row_counts()
    call_command("seed_demo", "--quiet")
    assert _row_counts() == before


def test_demo_code_prints_a_staff_personas_current_code(capsys):
    call_command("seed_demo", "--quiet")
    call_command("demo_code", "amina")
    assert capsys.readouterr().out.strip().isdigit()


def test_demo_code_accepts_the_name_seed_demo_prints_for_other_staff(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "tom    tom@valleylearning.example.org" in out
    for who in ("tom", "Tom", "tom@valleylearning.example.org"):
        call_command("demo_code", who)
        assert capsys.readouterr().out.strip().isdigit(), who


def test_demo_code_names_the_logins_it_knows_when_it_cannot_find_one():
    from django.core.management.base import CommandError

    call_command("seed_demo", "--quiet")
    with pytest.raises(CommandError, match=r"known: .*amina.*tom"):
        call_command("demo_code", "nobody")


def test_the_demo_has_an_open_online_course_rosa_can_take_now(client):
    """rosa's demo login lands on a course she can work through at once: lessons and quizzes in
    Spanish, English and French, and the session already running."""
    from juntos.learning.models import Enrolment

    call_command("seed_demo", "--quiet")
    rosa = User.objects.get(phone="+12505550101")
    enrolment = Enrolment.objects.get(user=rosa, session__course__completion_rule="lessons")
    lessons = list(enrolment.session.course.lessons.order_by("position"))
    assert len(lessons) == 2
    client.force_login(rosa)
    for language, word in (("es", "talón"), ("en", "pay slip"), ("fr", "bulletin")):
        page = client.get(
            f"/{language}/learning/enrolments/{enrolment.pk}/lessons/{lessons[0].pk}/"
        )
        assert page.status_code == 200
        assert word in page.content.decode()
    answered = client.post(
        f"/es/learning/enrolments/{enrolment.pk}/lessons/{lessons[0].pk}/quiz/",
        {f"q{lessons[0].questions.get().pk}": "2"},
        follow=True,
    )
    assert "Aprobaste las preguntas." in answered.content.decode()


def test_demo_code_says_when_a_login_has_no_second_step():
    from django.core.management.base import CommandError

    call_command("seed_demo", "--quiet")
    with pytest.raises(CommandError, match="password alone") as refused:
        call_command("demo_code", "carl")
    assert "known" not in str(refused.value)
