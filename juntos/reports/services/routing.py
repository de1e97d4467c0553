"""Routing rules and on-call duty, set by each support organisation."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor, SignedIn
from juntos.accounts.policies import has_role
from juntos.core.services import audit_record
from juntos.reports import policies
from juntos.reports.choices import SUPPORT_STAFF_ROLES
from juntos.reports.models import OnCall, RoutingRule
from juntos.reports.selectors import forget_routing


def routing_rule_add(
    *, actor: Actor, organisation_id: int, province: str, language: str, category: str
) -> RoutingRule:
    """Send reports matching these (blank = any) to the organisation."""
    if not policies.can_manage_routing(actor, organisation_id):
        raise PermissionDenied
    if RoutingRule.objects.filter(
        organisation_id=organisation_id, province=province, language=language, category=category
    ).exists():
        raise ValidationError(_("This rule exists already."))
    with transaction.atomic():
        rule = RoutingRule.objects.create(
            organisation_id=organisation_id, province=province, language=language, category=category
        )
        audit_record(
            actor=actor,
            action="reports.routing_added",
            target=rule,
            organisation_id=organisation_id,
            details={"province": province, "language": language, "category": category},
        )
    forget_routing()
    return rule


def routing_rule_remove(*, actor: Actor, rule: RoutingRule) -> None:
    """Stop routing reports by this rule."""
    if not policies.can_manage_routing(actor, rule.organisation_id):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="reports.routing_removed",
            target=rule,
            organisation_id=rule.organisation_id,
        )
        rule.delete()
    forget_routing()


def on_call_set(*, actor: Actor, organisation_id: int, person: SignedIn, on_call: bool) -> None:
    """Put a caseworker on or off call for emergencies."""
    if not policies.can_set_on_call(actor, organisation_id, person):
        raise PermissionDenied
    if not has_role(person, organisation_id, SUPPORT_STAFF_ROLES):
        raise ValidationError(_("Only caseworkers of the organisation can be on call."))
    with transaction.atomic():
        if on_call:
            OnCall.objects.get_or_create(organisation_id=organisation_id, user=person)
        else:
            OnCall.objects.filter(organisation_id=organisation_id, user=person).delete()
        audit_record(
            actor=actor,
            action="reports.on_call" if on_call else "reports.off_call",
            organisation_id=organisation_id,
            details={"person": person.pk},
        )
