"""Writes about network members and working groups."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor, SignedIn
from juntos.accounts.choices import Sector
from juntos.core.crypto import keyed_hash
from juntos.core.services import audit_record
from juntos.network.choices import MemberKind
from juntos.network.models import GroupMembership, NetworkMember, WorkingGroup
from juntos.network.policies import forget_network_member
from juntos.network.services._common import require_coordinator, require_member, require_text

FEED_TOKEN_PURPOSE = "network-calendar-feed"


def member_add(
    *,
    actor: Actor | None,
    user: SignedIn,
    kind: str = MemberKind.PERSON,
    organisation_id: int | None = None,
    name: str = "",
    sector: str = "",
    is_voting: bool = True,
    is_interpreter: bool = False,
) -> NetworkMember:
    """Admit a person (or an organisation through its representative) to the network.

    An interpreter also adds the other languages of what members write (the translations
    page).
    """
    require_coordinator(actor)
    sector = sector or user.sector
    if sector not in Sector.values:
        raise ValidationError({"sector": _("Choose the member's sector.")})
    if (kind == MemberKind.ORGANISATION) != (organisation_id is not None):
        raise ValidationError({"kind": _("An organisation member needs its organisation.")})
    wanted = {
        "kind": kind,
        "organisation_id": organisation_id,
        "name": name or user.display_name,
        "sector": sector,
        "is_voting": is_voting,
        "is_interpreter": is_interpreter,
        "is_active": True,
    }
    existing = NetworkMember.objects.filter(user=user).first()
    if existing and all(getattr(existing, field) == value for field, value in wanted.items()):
        return existing  # nothing changes, so nothing to audit
    with transaction.atomic():
        member, created = NetworkMember.objects.update_or_create(user=user, defaults=wanted)
        audit_record(
            actor=actor,
            action="network.member_add" if created else "network.member_update",
            target=member,
            details={"sector": sector, "kind": kind},
        )
    forget_network_member(user)  # this user object now sees its membership
    return member


def group_create(
    *,
    actor: Actor | None,
    name: str,
    mandate: str,
    co_chairs: Iterable[NetworkMember],
    decision_quorum: int | None = None,
) -> WorkingGroup:
    """Create a working group with its mandate, (usually two) co-chairs and its quorum for
    deciding on drafts (None: a majority of its members)."""
    require_coordinator(actor)
    name = require_text(name, field="name", limit=200)
    mandate = require_text(mandate, field="mandate", limit=5000)
    chairs = list(co_chairs)
    if not chairs:
        raise ValidationError({"co_chairs": _("A working group needs at least one co-chair.")})
    _check_quorum(decision_quorum)
    base = slugify(name)[:40] or "group"
    with transaction.atomic():
        slug, n = base, 1
        while WorkingGroup.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        group = WorkingGroup.objects.create(
            name=name, slug=slug, mandate=mandate, decision_quorum=decision_quorum
        )
        GroupMembership.objects.bulk_create(
            [GroupMembership(group=group, member=m, is_co_chair=True) for m in chairs]
        )
        audit_record(
            actor=actor,
            action="network.group_create",
            target=group,
            details={"co_chairs": [m.pk for m in chairs]},
        )
    return group


def _check_quorum(decision_quorum: int | None) -> None:
    if decision_quorum is not None and not 1 <= decision_quorum <= 1000:
        raise ValidationError(
            {"decision_quorum": _("Give a number of answers from 1 to 1000, or leave it empty.")}
        )


def group_quorum_set(
    *, actor: Actor | None, group: WorkingGroup, decision_quorum: int | None
) -> WorkingGroup:
    """Change how many answers the group needs to decide on a draft (None: a majority of its
    members). It counts from the next answer given: no draft is decided by the change alone."""
    require_coordinator(actor)
    _check_quorum(decision_quorum)
    with transaction.atomic():
        locked = WorkingGroup.objects.select_for_update().get(pk=group.pk)
        if locked.decision_quorum == decision_quorum:
            raise ValidationError({"decision_quorum": _("The group already has this quorum.")})
        previous = locked.decision_quorum
        locked.decision_quorum = decision_quorum
        locked.save(update_fields=["decision_quorum"])
        audit_record(
            actor=actor,
            action="network.group_quorum_set",
            target=locked,
            details={"quorum": decision_quorum, "previous": previous},
        )
    return locked


def group_member_add(
    *, actor: Actor | None, group: WorkingGroup, member: NetworkMember, is_co_chair: bool = False
) -> GroupMembership:
    """Add a member to a working group, or change whether she co-chairs it."""
    require_coordinator(actor)
    with transaction.atomic():
        membership, _created = GroupMembership.objects.update_or_create(
            group=group, member=member, defaults={"is_co_chair": is_co_chair}
        )
        audit_record(
            actor=actor,
            action="network.group_member_add",
            target=group,
            details={"member": member.pk, "co_chair": is_co_chair},
        )
    return membership


def feed_token_reset(*, actor: Actor) -> str:
    """Give the member a new secret calendar-feed token (shown once; the old link stops)."""
    member = require_member(actor)
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        NetworkMember.objects.filter(pk=member.pk).update(
            feed_token_hash=keyed_hash(FEED_TOKEN_PURPOSE, token)
        )
        audit_record(actor=actor, action="network.feed_token_reset", target=member)
    return token
