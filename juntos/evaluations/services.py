"""Every write of the evaluations app: the liaison's key (set up, unlocked for a short while,
locked), sealed evaluations and amendments, opening them (audited), and the "would rehire, not
named" watch.

An unlock keeps the private key only encrypted under a random key that is handed to the
liaison's browser as an HttpOnly cookie and then forgotten by the server: a copy of the
database with the server's keys holds the wrapped key and the sealed unlock, and opens neither.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from juntos.accounts.actors import Actor, SignedIn
from juntos.accounts.choices import Role
from juntos.accounts.selectors import people_with_role
from juntos.core.crypto import DecryptionError
from juntos.core.ratelimit import rate_hit, rate_limited, rate_reset
from juntos.core.services import audit_record, fact_record, notify_person
from juntos.evaluations.choices import WORKER_KINDS, Answers, EvaluationKind
from juntos.evaluations.models import LiaisonKey, LiaisonUnlock, RehireWatch, SealedEvaluation
from juntos.evaluations.policies import (
    can_evaluate_own_season,
    can_evaluate_workers,
    can_manage_liaison_key,
    can_open_evaluation,
)
from juntos.evaluations.sealing import (
    WrappedKey,
    WrongPassphrase,
    cookie_value,
    hpke_info,
    key_pair_create,
    open_sealed,
    parse_cookie,
    private_key_unwrap,
    seal,
    session_open,
    session_seal,
    unlock_context,
)
from juntos.evaluations.selectors import (
    first_evaluation,
    liaison_key_of,
    live_unlock_of,
    season_ref,
)
from juntos.opportunities import selectors as opportunities
from juntos.opportunities import services as opportunities_services

if TYPE_CHECKING:
    from juntos.opportunities.models import SeasonEngagement

__all__ = [
    "MIN_PASSPHRASE",
    "TOO_MANY_ATTEMPTS",
    "WRONG_PASSPHRASE",
    "OpenedEvaluation",
    "evaluation_open",
    "evaluation_submit",
    "liaison_key_create",
    "liaison_lock",
    "liaison_unlock",
    "rehire_not_named_raise",
    "rehire_watch_start",
    "unlocks_purge_expired",
]

MIN_PASSPHRASE = 12
WRONG_PASSPHRASE = _(
    "This passphrase does not open your organisation's key. Check it and try again."
)
TOO_MANY_ATTEMPTS = _(
    "Too many attempts. Wait 15 minutes and try again, or ask your organisation for help."
)


def _refuse_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@transaction.atomic
def liaison_key_create(*, actor: Actor, organisation_id: int, passphrase: str) -> LiaisonKey:
    """Make the organisation's key pair; only this passphrase will unwrap its private half."""
    _refuse_unless(can_manage_liaison_key(actor, organisation_id))
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(
            {"passphrase": [_("Use at least %(n)s characters.") % {"n": MIN_PASSPHRASE}]}
        )
    if liaison_key_of(organisation_id) is not None:
        raise ValidationError(_("Your organisation already has a key."))
    wrapped = key_pair_create(
        passphrase,
        organisation_id=organisation_id,
        time_cost=settings.JUNTOS_EVALUATION_ARGON2_TIME_COST,
        memory_kib=settings.JUNTOS_EVALUATION_ARGON2_MEMORY_KIB,
    )
    key = LiaisonKey.objects.create(
        organisation_id=organisation_id,
        public_key=wrapped.public_key,
        wrapped_private_key=wrapped.wrapped_private_key,
        salt=wrapped.salt,
        argon2_time_cost=wrapped.time_cost,
        argon2_memory_kib=wrapped.memory_kib,
        created_on=timezone.localdate(),
    )
    audit_record(
        actor=actor, action="evaluations.key_created", target=key, organisation_id=organisation_id
    )
    return key


def _wrapped(key: LiaisonKey) -> WrappedKey:
    return WrappedKey(
        bytes(key.public_key),
        bytes(key.wrapped_private_key),
        bytes(key.salt),
        key.argon2_time_cost,
        key.argon2_memory_kib,
    )


def _throttle_keys(actor: Actor, address: str) -> list[tuple[str, str, int]]:
    return [
        ("evaluations-unlock-account", str(actor.pk), settings.JUNTOS_LOGIN_FAILURES_PER_ACCOUNT),
        ("evaluations-unlock-address", address, settings.JUNTOS_LOGIN_FAILURES_PER_ADDRESS),
    ]


def liaison_unlock(*, actor: SignedIn, organisation_id: int, passphrase: str, address: str) -> str:
    """Unlock the key for this liaison for a short while; returns the cookie's value.

    A wrong passphrase counts like a failed log-in (per account and per address)."""
    _refuse_unless(can_manage_liaison_key(actor, organisation_id))
    key = liaison_key_of(organisation_id)
    if key is None:
        raise ValidationError(_("Your organisation has no key yet: set a passphrase first."))
    limits = _throttle_keys(actor, address)
    if any(rate_limited(scope, value, limit=limit) for scope, value, limit in limits):
        raise ValidationError(TOO_MANY_ATTEMPTS)
    try:
        private = private_key_unwrap(_wrapped(key), passphrase, organisation_id=organisation_id)
    except WrongPassphrase:
        window = settings.JUNTOS_LOGIN_WINDOW_SECONDS
        for scope, value, _limit in limits:
            rate_hit(scope, value, window_seconds=window)
        audit_record(
            actor=actor,
            action="evaluations.unlock_refused",
            target=key,
            organisation_id=organisation_id,
        )
        raise ValidationError({"passphrase": [WRONG_PASSPHRASE]}) from None
    rate_reset("evaluations-unlock-account", str(actor.pk))
    expires = timezone.now() + dt.timedelta(seconds=settings.JUNTOS_EVALUATION_UNLOCK_SECONDS)
    with transaction.atomic():
        unlock = LiaisonUnlock.objects.create(
            user_id=actor.pk, liaison_key=key, sealed_private_key=b"", expires_at=expires
        )
        context = unlock_context(unlock_id=unlock.pk, user_id=actor.pk, key_id=key.pk)
        cookie_key, sealed = session_seal(private, context=context)
        unlock.sealed_private_key = sealed
        unlock.save(update_fields=["sealed_private_key"])
        audit_record(
            actor=actor, action="evaluations.unlocked", target=key, organisation_id=organisation_id
        )
    return cookie_value(unlock.pk, cookie_key)


@transaction.atomic
def liaison_lock(*, actor: Actor, cookie: str | None) -> None:
    """End the unlock at once (the cookie is cleared by the view)."""
    unlock = live_unlock_of(actor, cookie)
    if unlock is not None:
        unlock.delete()
        audit_record(actor=actor, action="evaluations.locked")


def unlocks_purge_expired() -> int:
    """Delete unlocks past their expiry (they open nothing without the cookie anyway)."""
    deleted, _ = LiaisonUnlock.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted


PAYLOAD_VERSION = 1


@dataclass(frozen=True)
class OpenedEvaluation:
    """What the liaison reads once the seal is opened."""

    evaluation: SealedEvaluation
    content: dict[str, object]

    @property
    def answers(self) -> Answers:
        answers = self.content.get("answers")
        return answers if isinstance(answers, dict) else {}


def _check_writer(actor: Actor, engagement: SeasonEngagement, kind: str) -> None:
    if kind == EvaluationKind.EMPLOYER_OF_WORKER:
        allowed = can_evaluate_workers(actor, engagement.employer_organisation_id)
    else:
        allowed = kind in WORKER_KINDS and can_evaluate_own_season(actor, engagement.worker_id)
    if not allowed:
        raise PermissionDenied


def _check_answers(kind: str, season_year: int, answers: Answers) -> None:
    if kind != EvaluationKind.EMPLOYER_OF_WORKER:
        return
    return_on = answers.get("return_on")
    if return_on and answers.get("would_rehire") != "yes":
        raise ValidationError(
            {"return_on": [_("A return date only fits an answer of “yes, I would rehire”.")]}
        )
    if isinstance(return_on, str) and dt.date.fromisoformat(return_on).year <= season_year:
        raise ValidationError(
            {
                "return_on": [
                    _("The estimated return date must be after the %(year)s season.")
                    % {"year": season_year}
                ]
            }
        )


def _payload(engagement: SeasonEngagement, kind: str, answers: Answers) -> bytes:
    employer = opportunities.organisation_names({engagement.employer_organisation_id})
    content = {
        "version": PAYLOAD_VERSION,
        "kind": kind,
        "season": engagement.year,
        "engagement_id": engagement.pk,
        "worker": engagement.worker.display_name,
        "employer": employer.get(engagement.employer_organisation_id, ""),
        "province": engagement.province,
        "program": engagement.program,
        "answers": answers,
        "written_in": get_language() or "",
    }
    return json.dumps(content, ensure_ascii=False, sort_keys=True).encode()


@transaction.atomic
def evaluation_submit(
    *,
    actor: Actor,
    engagement: SeasonEngagement,
    kind: str,
    answers: Answers,
    amend: bool = False,
) -> SealedEvaluation:
    """Seal an evaluation to the season's liaison organisation. Once sent it cannot be read or
    changed by who wrote it; `amend` adds a new sealed record linked to the first."""
    _check_writer(actor, engagement, kind)
    _check_answers(kind, engagement.year, answers)
    key = liaison_key_of(engagement.liaison_organisation_id)
    if key is None:
        raise ValidationError(
            _(
                "The liaison of this season has no key yet, so nothing can be sealed to it. Ask "
                "the consulate to set one up, then send it again."
            )
        )
    ref = season_ref(engagement.pk)
    first = first_evaluation(engagement.pk, kind)
    if first is not None and not amend:
        raise ValidationError(_("This evaluation is already sent. You can add an amendment."))
    if first is None and amend:
        raise ValidationError(_("There is no evaluation to amend yet."))
    info = hpke_info(kind=kind, season_year=engagement.year, season_ref=ref)
    encapsulated, ciphertext = seal(
        _payload(engagement, kind, answers), bytes(key.public_key), info=info
    )
    evaluation = SealedEvaluation.objects.create(
        kind=kind,
        season_year=engagement.year,
        liaison_organisation_id=key.organisation_id,
        liaison_key=key,
        season_ref=ref,
        encapsulated_key=encapsulated,
        ciphertext=ciphertext,
        amends=first,
        submitted_on=timezone.localdate(),
    )
    audit_record(
        actor=actor,
        action="evaluations.amended" if amend else "evaluations.submitted",
        target=evaluation,
    )
    fact_record(kind="evaluations.submitted", program=engagement.program, outcome=kind)
    return evaluation


@transaction.atomic
def evaluation_open(
    *, actor: SignedIn, evaluation: SealedEvaluation, cookie: str | None
) -> OpenedEvaluation:
    """Open one evaluation with the liaison's live unlock (her cookie); every opening is
    audited. Without the cookie's key, the database and the server's keys open nothing."""
    if not can_open_evaluation(actor, evaluation):
        raise PermissionDenied
    unlock = live_unlock_of(actor, cookie)
    parsed = parse_cookie(cookie or "")
    if unlock is None or parsed is None or unlock.liaison_key_id != evaluation.liaison_key_id:
        raise ValidationError(_("Unlock your organisation's key to read this evaluation."))
    context = unlock_context(unlock_id=unlock.pk, user_id=actor.pk, key_id=unlock.liaison_key_id)
    try:
        private = session_open(bytes(unlock.sealed_private_key), parsed[1], context=context)
        info = hpke_info(
            kind=evaluation.kind,
            season_year=evaluation.season_year,
            season_ref=evaluation.season_ref,
        )
        plaintext = open_sealed(
            bytes(evaluation.encapsulated_key), bytes(evaluation.ciphertext), private, info=info
        )
    except DecryptionError:
        raise ValidationError(
            _(
                "This evaluation could not be opened with your key. Unlock again; if it still "
                "fails, tell the platform's operators."
            )
        ) from None
    audit_record(
        actor=actor,
        action="evaluations.opened",
        target=evaluation,
        organisation_id=evaluation.liaison_organisation_id,
    )
    return OpenedEvaluation(evaluation, json.loads(plaintext))


@transaction.atomic
def rehire_watch_start(
    *, actor: SignedIn, evaluation: SealedEvaluation, cookie: str | None
) -> RehireWatch:
    """The liaison, having read "would rehire", watches whether the worker is named for the
    next season; the season is recorded as good, so the not-named-back flow covers it."""
    opened = evaluation_open(actor=actor, evaluation=evaluation, cookie=cookie)
    content = opened.content
    if evaluation.kind != EvaluationKind.EMPLOYER_OF_WORKER:
        raise ValidationError(_("Only an employer's evaluation says whether they would rehire."))
    engagement_id = content.get("engagement_id")
    if opened.answers.get("would_rehire") != "yes":
        raise ValidationError(_("This evaluation does not say “would rehire”."))
    assert isinstance(engagement_id, int), "every payload names its season"
    engagement = opportunities.season_by_id(engagement_id)
    if engagement is None:
        raise ValidationError(_("This season is no longer on the platform."))
    watch, created = RehireWatch.objects.get_or_create(
        engagement_id=engagement.pk,
        defaults={
            "evaluation": evaluation.amends or evaluation,
            "liaison_organisation_id": evaluation.liaison_organisation_id,
            "season_year": evaluation.season_year,
            "watched_on": timezone.localdate(),
        },
    )
    if created:
        opportunities_services.season_record(
            actor=actor,
            liaison_organisation_id=evaluation.liaison_organisation_id,
            engagement=engagement,
            good_season=True,
        )
        audit_record(
            actor=actor,
            action="evaluations.rehire_watched",
            target=watch,
            organisation_id=evaluation.liaison_organisation_id,
        )
    return watch


def _tell_worker(engagement: SeasonEngagement) -> None:
    year = engagement.year

    def render() -> tuple[str, str]:
        subject = _("Your employer said they would hire you again")
        body = _(
            "In the end-of-season evaluation of %(year)s your employer said they would hire you "
            "again, but did not name you for next season. See your options: %(path)s"
        ) % {"year": year, "path": reverse("opportunities:my_options")}
        return str(subject), str(body)

    notify_person(engagement.worker, render)


def _tell_liaison(watch: RehireWatch) -> None:
    year = watch.season_year

    def render() -> tuple[str, str]:
        subject = _("Would rehire, not named")
        body = _(
            "An employer who said they would rehire a worker after the %(year)s season did not "
            "name them by the deadline: %(path)s"
        ) % {"year": year, "path": reverse("evaluations:liaison")}
        return str(subject), str(body)

    for person in people_with_role(watch.liaison_organisation_id, [r.value for r in Role]):
        notify_person(person, render)


def rehire_not_named_raise(*, today: dt.date | None = None) -> int:
    """After the naming deadline, raise each watched "would rehire" season that was not named
    back: the worker gets her options and the liaison is told. Returns how many were raised."""
    today = today or timezone.localdate()
    raised = 0
    for watch in RehireWatch.objects.filter(named_back=None):
        if today <= opportunities_services.naming_deadline(watch.season_year + 1):
            continue
        engagement = opportunities.season_by_id(watch.engagement_id)
        with transaction.atomic():
            if engagement is None or not opportunities_services.not_named_back_offer_one(
                engagement=engagement, today=today
            ):
                watch.named_back = engagement is not None
                watch.save(update_fields=["named_back"])
                continue
            watch.named_back, watch.raised_on = False, today
            watch.save(update_fields=["named_back", "raised_on"])
            audit_record(
                actor=None,
                action="evaluations.rehire_not_named",
                target=watch,
                organisation_id=watch.liaison_organisation_id,
            )
            fact_record(
                kind="evaluations.rehire-not-named",
                province=engagement.province,
                program=engagement.program,
            )
            _tell_worker(engagement)
            _tell_liaison(watch)
        raised += 1
    return raised
