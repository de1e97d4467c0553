"""Worker profiles, workshops, courses, enrolment, completion records and the document vault.

Organisations live in the accounts app and are referenced by plain ids (`*_organisation_id`),
never by foreign key, so this app depends on accounts only through its public modules.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from juntos.core.crypto import decrypt, encrypt, unwrap_key
from juntos.core.jurisdictions import Gender, MarginalisedGroup, Program, Province
from juntos.learning.choices import (
    CompletionRule,
    Country,
    CourseFormat,
    DocumentKind,
    EnrolmentStatus,
    GoalKind,
    LanguageLevel,
    Occupation,
    Schedule,
    Topic,
)
from juntos.learning.weekdays import describe_days_and_hours

USER = settings.AUTH_USER_MODEL


class WorkerProfile(models.Model):
    """A worker's electronic profile; made at a workshop (unclaimed) or by the worker herself."""

    user = models.OneToOneField(
        USER, on_delete=models.CASCADE, null=True, blank=True, related_name="learning_profile"
    )
    display_name = models.CharField(_("name"), max_length=150)
    # Keyed hash of the phone or email given at the workshop: finds the profile again without
    # keeping the contact itself (the code is sent at once; staff re-enter it to send again).
    contact_hash = models.CharField(max_length=64, blank=True, db_index=True)
    claim_code_hash = models.CharField(max_length=64, blank=True)
    claim_expires_at = models.DateTimeField(null=True, blank=True)
    created_by_organisation_id = models.PositiveBigIntegerField(null=True, blank=True)
    home_country = models.CharField(
        _("home country"), max_length=2, choices=Country.choices, blank=True
    )
    home_state = models.CharField(_("state or department"), max_length=100, blank=True)
    home_municipality = models.CharField(_("municipality or town"), max_length=100, blank=True)
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
    marginalised_group = models.CharField(
        _("group to be counted with"),
        max_length=20,
        choices=MarginalisedGroup.choices,
        blank=True,
    )
    # Only for age bands in totals and research extracts (never shown with her name).
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    # She chooses to be counted in research extracts (pseudonymous, k-anonymous); off unless
    # she turns it on, and she can turn it off at any time (later extracts leave her out).
    research_consent = models.BooleanField(_("count me in research"), default=False)
    research_consent_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("worker profile")
        verbose_name_plural = _("worker profiles")

    def __str__(self) -> str:
        return self.display_name


class ProfileLanguage(models.Model):
    profile = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=60)
    level = models.CharField(_("level"), max_length=20, choices=LanguageLevel.choices)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.language} ({self.level})"


class Season(models.Model):
    """One season worked abroad."""

    profile = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="seasons")
    employer_name = models.CharField(_("employer"), max_length=200)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices)
    program = models.CharField(_("program"), max_length=20, choices=Program.choices)
    occupation = models.CharField(
        _("occupation (NOC 2021)"), max_length=5, choices=Occupation.choices, blank=True
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "id"]

    def __str__(self) -> str:
        return f"{self.employer_name} {self.started_on:%Y}"


class Skill(models.Model):
    profile = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="skills")
    occupation = models.CharField(
        _("occupation (NOC 2021)"), max_length=5, choices=Occupation.choices, blank=True
    )
    description = models.CharField(_("what you did"), max_length=200)
    years = models.PositiveSmallIntegerField(_("years of experience"), default=0)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description


class Goal(models.Model):
    profile = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="goals")
    kind = models.CharField(_("goal"), max_length=20, choices=GoalKind.choices)
    note = models.CharField(_("in your words"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "kind"], name="learning_goal_once")
        ]

    def __str__(self) -> str:
        return self.kind


class ProfileGrant(models.Model):
    """The worker lets one organisation see her profile and plan, until she revokes it."""

    profile = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="grants")
    organisation_id = models.PositiveBigIntegerField(db_index=True)
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"profile {self.profile_id} → organisation {self.organisation_id}"


class Workshop(models.Model):
    """A pre-departure workshop run by a partner organisation, usually in a sending country."""

    organisation_id = models.PositiveBigIntegerField(db_index=True)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class WorkshopAttendance(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="attendees")
    profile = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="workshops")
    attended = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "profile"], name="learning_attendee_once")
        ]

    def __str__(self) -> str:
        return f"workshop {self.workshop_id} · profile {self.profile_id}"


class Course(models.Model):
    """A course offered by a provider organisation; its texts exist per language."""

    organisation_id = models.PositiveBigIntegerField(db_index=True)
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    format = models.CharField(_("format"), max_length=20, choices=CourseFormat.choices)
    language = models.CharField(_("taught in"), max_length=8, choices=settings.LANGUAGES)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    completion_rule = models.CharField(
        _("completed when"), max_length=20, choices=CompletionRule.choices
    )
    min_attendance_percent = models.PositiveSmallIntegerField(default=75)
    is_published = models.BooleanField(default=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"course {self.pk} ({self.topic})"


class CourseText(models.Model):
    """The title and summary of a course in one language."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "language"], name="learning_text_per_lang")
        ]

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    """One run of a course, with its schedule, capacity and enrolment window."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    schedule = models.CharField(_("when"), max_length=20, choices=Schedule.choices)
    # Days of the week the classes meet (0 = Monday … 6 = Sunday), and their hours: stored as
    # data, so that every page and message names them in the reader's language.
    weekdays = models.JSONField(_("days of the week"), default=list, blank=True)
    starts_at = models.TimeField(_("from"), null=True, blank=True)
    ends_at = models.TimeField(_("until"), null=True, blank=True)
    schedule_note = models.CharField(_("other details"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    meetings = models.PositiveSmallIntegerField(_("number of classes"), default=1)
    capacity = models.PositiveSmallIntegerField(_("places"))
    enrolment_opens = models.DateField(_("enrolment opens"))
    enrolment_closes = models.DateField(_("enrolment closes"))
    # The day the people enrolled were reminded that it starts (once per session).
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "id"]

    def __str__(self) -> str:
        return f"session {self.pk} of course {self.course_id}"

    @property
    def days_and_hours(self) -> str:
        """ "martes y jueves, 19:00–21:00" in the active language ("" when none are set)."""
        return describe_days_and_hours(self.weekdays, self.starts_at, self.ends_at)

    @property
    def places_left(self) -> int:
        """Free places, from the `taken` count the selectors annotate."""
        return max(0, self.capacity - getattr(self, "taken", 0))


class Enrolment(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="learning_enrolments")
    status = models.CharField(max_length=20, choices=EnrolmentStatus.choices)
    # Waiting-list order: the time she joined the list (ties broken by id).
    queued_at = models.DateTimeField()
    assessment_passed = models.BooleanField(null=True)
    signed_off = models.BooleanField(default=False)

    class Meta:
        ordering = ["queued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="learning_enrol_once")
        ]

    def __str__(self) -> str:
        return f"enrolment {self.pk} ({self.status})"


class AttendanceMark(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="marks")
    met_on = models.DateField()
    present = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "met_on"], name="learning_mark_once")
        ]

    def __str__(self) -> str:
        return f"{self.met_on}: {self.present}"


class CompletionRecord(models.Model):
    """Proof that a person completed a course; the credentials module will sign these."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="learning_completions")
    course = models.ForeignKey(Course, on_delete=models.SET_NULL, null=True)
    session_id_at_completion = models.PositiveBigIntegerField()
    organisation_id = models.PositiveBigIntegerField()
    course_title = models.CharField(max_length=200)
    topic = models.CharField(max_length=30, choices=Topic.choices)
    rule = models.CharField(max_length=20, choices=CompletionRule.choices)
    evidence = models.JSONField(default=dict)
    completed_on = models.DateField()

    class Meta:
        ordering = ["-completed_on", "-id"]

    def __str__(self) -> str:
        return self.course_title


class Lesson(models.Model):
    """One lesson of a course, in the order the teacher gives; its texts exist per language.

    The video and the material are links only: the page embeds nothing and runs no script, and
    course files are not stored here (the vault holds a worker's own papers, not a course's).
    """

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveSmallIntegerField(_("order"))
    video_url = models.URLField(_("video link"), blank=True, max_length=500)
    material_url = models.URLField(_("link to a file to download"), blank=True, max_length=500)
    # Share of the quiz's questions to answer right to pass (only if the lesson has questions).
    pass_percent = models.PositiveSmallIntegerField(_("pass mark (%)"), default=75)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"lesson {self.position} of course {self.course_id}"


class LessonText(models.Model):
    """The title and body of a lesson in one language."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["lesson", "language"], name="learning_lesson_text_per_lang"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """One single-choice question of a lesson's quiz; the right answer is an option's number."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="questions")
    correct = models.PositiveSmallIntegerField(_("number of the right answer"))

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"question {self.pk} of lesson {self.lesson_id}"


class QuestionText(models.Model):
    """A question and its options in one language, in the same order in every language."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    prompt = models.CharField(_("question"), max_length=300)
    options = models.JSONField(_("answers"), default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "language"], name="learning_question_text_per_lang"
            )
        ]

    def __str__(self) -> str:
        return self.prompt


class LessonProgress(models.Model):
    """How far one enrolled person is with one lesson: read, and the quiz's last result."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    read_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_score = models.PositiveSmallIntegerField(null=True, blank=True)
    quiz_passed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="learning_progress_once")
        ]

    def __str__(self) -> str:
        return f"enrolment {self.enrolment_id} · lesson {self.lesson_id}"


class Objective(models.Model):
    """One step of a worker's training plan."""

    profile = models.ForeignKey(WorkerProfile, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(_("objective"), max_length=200)
    target_on = models.DateField(_("target date"))
    course = models.ForeignKey(
        Course, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("course")
    )
    done_at = models.DateTimeField(null=True, blank=True)
    # Set when another module put the step in her plan (a unit not yet competent, the gap of an
    # equivalence): the same gap is added once, and closed when she fills it.
    source_key = models.CharField(max_length=80, blank=True, default="")

    class Meta:
        ordering = ["target_on", "id"]

    def __str__(self) -> str:
        return self.title


class VaultDocument(models.Model):
    """A file in the worker's vault, encrypted under its own data key.

    Its title and file name are sealed under the same key ("Denuncia contra el patrón.pdf" says
    as much as the file): `title` and `filename` decrypt them, `seal_names` sets them.
    """

    owner = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="vault_documents")
    kind = models.CharField(_("type"), max_length=20, choices=DocumentKind.choices)
    sealed_title = models.BinaryField()
    sealed_filename = models.BinaryField()
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    ciphertext = models.BinaryField()
    wrapped_key = models.BinaryField()
    key_version = models.PositiveSmallIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"document {self.pk}"

    def _data_key(self) -> bytes:
        return unwrap_key(
            bytes(self.wrapped_key), purpose=f"user:{self.owner_id}", version=self.key_version
        )

    def seal_names(self, data_key: bytes, *, title: str, filename: str) -> None:
        """Set the sealed title and file name (before saving)."""
        self.__dict__.pop("_opened_names", None)
        context = f"learning-vault-names:{self.owner_id}"
        self.sealed_title = encrypt(data_key, title.encode(), context=context + ":title")
        self.sealed_filename = encrypt(data_key, filename.encode(), context=context + ":filename")

    def _open(self, sealed: bytes, field: str) -> str:
        cache = self.__dict__.setdefault("_opened_names", {})
        if field not in cache:
            context = f"learning-vault-names:{self.owner_id}:{field}"
            cache[field] = decrypt(self._data_key(), bytes(sealed), context=context).decode()
        return str(cache[field])

    @property
    def title(self) -> str:
        return self._open(self.sealed_title, "title")

    @property
    def filename(self) -> str:
        return self._open(self.sealed_filename, "filename")


class DocumentShare(models.Model):
    document = models.ForeignKey(VaultDocument, on_delete=models.CASCADE, related_name="shares")
    caseworker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="shared_documents")
    organisation_id = models.PositiveBigIntegerField()
    shared_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-shared_at", "-id"]

    def __str__(self) -> str:
        return f"document {self.document_id} → {self.caseworker_id}"
