"""Interpreters add the other languages of what people wrote in the network."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record
from juntos.network.models.texts import ContentText, Translatable, source_digest
from juntos.network.policies import can_translate_network
from juntos.network.services._common import require_text
from juntos.network.texts import TEXT_MODELS


def content_text_set(
    *, actor: Actor | None, source: Translatable, language: str, title: str, body: str = ""
) -> ContentText:
    """Give a group, recommendation or meeting its text in one more language.

    The text is recorded as made from the source as it reads now; when the source changes
    later, readers are told the translation may be out of date until it is given again.
    """
    # actor None is the system (demo data, imports).
    if actor is not None and not can_translate_network(actor):
        raise PermissionDenied
    model = TEXT_MODELS.get(type(source))
    if model is None:
        raise ValidationError(_("This cannot be translated here."))
    if language not in dict(settings.LANGUAGES) or language == source.language:
        raise ValidationError({"language": _("Choose a language other than the original.")})
    title = require_text(title, field="title", limit=300)
    body = require_text(body, field="body", limit=20000) if source.source_fields()[1] else ""
    with transaction.atomic():
        text = text_save(source=source, language=language, title=title, body=body)
        audit_record(
            actor=actor,
            action="network.text_set",
            target=source,
            details={"language": language},
        )
    return text


def text_save(*, source: Translatable, language: str, title: str, body: str) -> ContentText:
    """Store one language's text as made from the source as it reads now (the caller checked
    the text and the actor, and audits)."""
    model = TEXT_MODELS[type(source)]
    text, _created = model.objects.update_or_create(
        source=source,
        language=language,
        defaults={
            "title": title,
            "body": body,
            "source_digest": source_digest(*source.source_fields()),
        },
    )
    return text
