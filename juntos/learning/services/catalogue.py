"""Writes of the course catalogue: a course, what it covers and its texts in each language."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record
from juntos.learning.models import Course, CourseText
from juntos.learning.policies import can_manage_course, can_run_workshops
from juntos.learning.services._common import apply_changes, save_valid


def course_create(
    *,
    actor: Actor,
    organisation_id: int,
    topic: str,
    format: str,
    language: str,
    texts: dict[str, tuple[str, str]],
    completion_rule: str,
    province: str = "",
    place: str = "",
    min_attendance_percent: int = 75,
) -> Course:
    """Add a course of one's own organisation; texts maps a language to (title, summary)."""
    if not can_run_workshops(actor, organisation_id):
        raise PermissionDenied
    if language not in texts:
        raise ValidationError({"title": _("Give the title in the language it is taught in.")})
    _check_attendance_percent(min_attendance_percent)
    with transaction.atomic():
        course = Course(
            organisation_id=organisation_id,
            topic=topic,
            format=format,
            language=language,
            province=province,
            place=place.strip(),
            completion_rule=completion_rule,
            min_attendance_percent=min_attendance_percent,
        )
        save_valid(course)
        for lang, (title, summary) in texts.items():
            CourseText.objects.create(course=course, language=lang, title=title, summary=summary)
        audit_record(
            actor=actor,
            action="learning.course_created",
            target=course,
            organisation_id=organisation_id,
        )
    return course


def _check_attendance_percent(percent: int) -> None:
    if not 1 <= percent <= 100:
        raise ValidationError(
            {"min_attendance_percent": _("Give a share of the classes between 1 and 100.")}
        )


def course_update(
    *,
    actor: Actor,
    course: Course,
    topic: str,
    format: str,
    language: str,
    completion_rule: str,
    province: str = "",
    place: str = "",
    min_attendance_percent: int = 75,
) -> Course:
    """Change a course's topic, format, language, place and the rule that completes it."""
    if not can_manage_course(actor, course):
        raise PermissionDenied
    _check_attendance_percent(min_attendance_percent)
    with transaction.atomic():
        # A fresh, locked row: a rejected change leaves the caller's course as it was, and a
        # language change cannot race the removal of that language's text.
        course = Course.objects.select_for_update().get(pk=course.pk)
        if language != course.language and not course.texts.filter(language=language).exists():
            raise ValidationError(
                {
                    "language": _(
                        "The course has no title in this language yet. Add it under Texts in "
                        "each language first."
                    )
                }
            )
        changes = {
            "topic": topic, "format": format, "language": language, "province": province,
            "place": place.strip(), "completion_rule": completion_rule,
            "min_attendance_percent": min_attendance_percent,
        }  # fmt: skip
        changed = apply_changes(course, changes)
        save_valid(course)
        audit_record(
            actor=actor,
            action="learning.course_updated",
            target=course,
            organisation_id=course.organisation_id,
            details={"changed": changed},
        )
    return course


def course_text_set(
    *, actor: Actor, course: Course, language: str, title: str, summary: str = ""
) -> CourseText | None:
    """Give a course's title and summary in one language; an empty title removes a translation."""
    if not can_manage_course(actor, course):
        raise PermissionDenied
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose English, Spanish or French.")})
    title, summary = title.strip(), summary.strip()
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=course.pk)
        existing = course.texts.filter(language=language).first()
        if not title:
            _course_text_remove(actor, course, existing, language, summary)
            return None
        text = existing or CourseText(course=course, language=language)
        text.title, text.summary = title, summary
        save_valid(text)
        audit_record(
            actor=actor,
            action="learning.course_text_set",
            target=course,
            organisation_id=course.organisation_id,
            details={"language": language},
        )
    return text


def _course_text_remove(
    actor: Actor, course: Course, existing: CourseText | None, language: str, summary: str
) -> None:
    if language == course.language:
        raise ValidationError(
            {
                "title": _(
                    "The course is taught in this language, so its title here cannot be "
                    "removed. To remove it, first change the language the course is taught in."
                )
            }
        )
    if summary:
        raise ValidationError(
            {"title": _("Give a title with the summary, or clear both to remove this language.")}
        )
    if existing is None:
        return
    existing.delete()
    audit_record(
        actor=actor,
        action="learning.course_text_removed",
        target=course,
        organisation_id=course.organisation_id,
        details={"language": language},
    )
