"""A worker's own data: export everything about her, and delete her account."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from juntos.accounts.actors import Actor, SignedIn
from juntos.accounts.services import person_delete
from juntos.core.services import audit_record
from juntos.learning.choices import EnrolmentStatus
from juntos.learning.models import (
    DocumentShare,
    Enrolment,
    LessonProgress,
    VaultDocument,
    WorkerProfile,
)
from juntos.learning.selectors import organisation_names
from juntos.learning.services.courses import enrolment_withdraw
from juntos.learning.services.vault import document_plaintext

Exported = dict[str, object]  # one JSON object of the export


def _rows(
    queryset: models.QuerySet[models.Model] | models.Manager[models.Model], *fields: str
) -> list[Exported]:
    return [{k: _plain(v) for k, v in row.items()} for row in queryset.values(*fields)]


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, (dt.date, dt.time)) else value


def _profile_data(profile: WorkerProfile | None) -> Exported | None:
    if profile is None:
        return None
    grants = _rows(profile.grants, "organisation_id", "granted_at", "revoked_at")
    ids = {g["organisation_id"] for g in grants}
    names = organisation_names({pk for pk in ids if isinstance(pk, int)})
    for grant in grants:
        pk = grant["organisation_id"]
        grant["organisation"] = names.get(pk, "") if isinstance(pk, int) else ""
    return {
        "name": profile.display_name,
        "home_country": profile.home_country,
        "home_state": profile.home_state,
        "home_municipality": profile.home_municipality,
        "gender": profile.gender,
        "marginalised_group": profile.marginalised_group,
        "languages": _rows(profile.languages, "language", "level"),
        "seasons": _rows(
            profile.seasons, "employer_name", "province", "program", "started_on", "ended_on"
        ),
        "skills": _rows(profile.skills, "occupation", "description", "years"),
        "goals": _rows(profile.goals, "kind", "note"),
        "grants": grants,
        "training_plan": _rows(profile.objectives, "title", "target_on", "course_id", "done_at"),
        "workshops": _rows(
            profile.workshops, "workshop__title", "workshop__held_on", "workshop__place", "attended"
        ),
    }


def _person_data(user: SignedIn) -> Exported:
    return {
        "account": {
            "name": user.display_name,
            "email": user.email,
            "phone": user.phone,
            "language": user.preferred_language,
            "channel": user.preferred_channel,
            "province": user.province,
            "joined": user.date_joined.isoformat(),
        },
        "profile": _profile_data(WorkerProfile.objects.filter(user=user).first()),
        **_activity_data(user),
    }


ENROLMENT_FIELDS = (
    "session__course_id", "session__starts_on", "session__schedule", "status", "queued_at",
    "assessment_passed", "signed_off",
)  # fmt: skip
COMPLETION_FIELDS = ("course_title", "topic", "rule", "evidence", "completed_on", "organisation_id")
PROGRESS_FIELDS = (
    "enrolment_id", "lesson_id", "read_at", "attempts", "last_score", "quiz_passed_at",
)  # fmt: skip
DOCUMENT_FIELDS = ("id", "kind", "content_type", "size", "uploaded_at")
SHARE_FIELDS = (
    "document_id", "caseworker__display_name", "organisation_id", "shared_at", "revoked_at",
)  # fmt: skip


def _activity_data(user: SignedIn) -> Exported:
    return {
        "enrolments": _rows(Enrolment.objects.filter(user=user), *ENROLMENT_FIELDS),
        "completions": _rows(user.learning_completions, *COMPLETION_FIELDS),
        "lesson_progress": _rows(
            LessonProgress.objects.filter(enrolment__user=user).order_by("pk"), *PROGRESS_FIELDS
        ),
        "documents": _documents(user),
        "document_shares": _rows(DocumentShare.objects.filter(document__owner=user), *SHARE_FIELDS),
    }


def _documents(user: SignedIn) -> list[Exported]:
    """Her documents' details, with the title and file name unsealed (not the files)."""
    documents = VaultDocument.objects.filter(owner=user).defer("ciphertext").order_by("pk")
    return [
        {
            **{field: _plain(getattr(document, field)) for field in DOCUMENT_FIELDS},
            "title": document.title,
            "filename": document.filename,
        }
        for document in documents
    ]


def person_export(*, actor: Actor) -> bytes:
    """A zip of everything the learning app holds about her: data.json and her files, decrypted."""
    if not actor.is_authenticated:
        raise PermissionDenied
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        data = {"exported_at": timezone.now().isoformat(), **_person_data(actor)}
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        for document in VaultDocument.objects.filter(owner=actor).iterator(chunk_size=20):
            archive.writestr(
                f"files/{document.pk}-{document.filename}", document_plaintext(document)
            )
    audit_record(actor=actor, action="learning.person_exported", target=actor)
    return buffer.getvalue()


def person_erase(*, actor: Actor, user: SignedIn) -> None:
    """Delete her learning data (giving up her places fairly), then her account."""
    if not (actor.pk == user.pk or actor.is_superuser):
        raise PermissionDenied
    with transaction.atomic():
        active = Enrolment.objects.filter(
            user=user, status__in=(EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED)
        ).select_related("session__course")
        for enrolment in active:
            # Withdrawing first hands each place she held to the next person waiting.
            enrolment_withdraw(actor=user, enrolment=enrolment)
        VaultDocument.objects.filter(owner=user).delete()
        Enrolment.objects.filter(user=user).delete()
        user.learning_completions.all().delete()
        WorkerProfile.objects.filter(user=user).delete()
        audit_record(actor=actor, action="learning.person_erased", details={"person": user.pk})
        person_delete(actor=actor, user=user)
