"""Checks shared by the network's services."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.network.models import NetworkMember
from juntos.network.policies import can_manage_network, network_member_of


def require_coordinator(actor: Actor | None) -> None:
    """Refuse unless the actor runs the network (actor None is the system: seeds, commands)."""
    if actor is not None and not can_manage_network(actor):
        raise PermissionDenied


def require_member(actor: Actor) -> NetworkMember:
    """The actor's network membership, or refusal."""
    member = network_member_of(actor)
    if member is None:
        raise PermissionDenied
    return member


def require_text(value: str, *, field: str, limit: int) -> str:
    """Trimmed text that is neither empty nor longer than the limit."""
    cleaned = (value or "").strip()
    if not cleaned:
        raise ValidationError({field: _("This cannot be empty.")})
    if len(cleaned) > limit:
        raise ValidationError(
            {field: _("Please keep this under %(limit)s characters.") % {"limit": limit}}
        )
    return cleaned


def site_link(url_name: str, language: str, **kwargs: str | int) -> str:
    """An absolute link to one of the network's pages, in the recipient's language."""
    with translation.override(language):
        return settings.SITE_URL + reverse(url_name, kwargs=kwargs or None)
