"""Writes of the research app: approve a project, request and build an extract, issue a link,
download through it. Every one is audited."""

from __future__ import annotations

import datetime as dt
import gzip
import secrets

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor, SignedIn
from juntos.core.crypto import decrypt, unwrap_key
from juntos.core.services import audit_record
from juntos.research.choices import ExtractStatus, Variable
from juntos.research.extracts import KEY_PURPOSE, extract_build
from juntos.research.models import LINK_VALID_FOR, DownloadLink, Extract, Project
from juntos.research.policies import can_run_research
from juntos.research.tasks import build_extract

TOKEN_SALT = "juntos.research.download"
LONGEST_APPROVAL_DAYS = 5 * 366


__all__ = [
    "LinkError",
    "extract_build",
    "extract_download",
    "extract_request",
    "link_issue",
    "link_token",
    "project_approve",
    "variables_check",
]


class LinkError(Exception):
    """A download link that cannot be used; the message is translated, with an HTTP status."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


def _require(actor: Actor | None) -> None:
    if actor is not None and not can_run_research(actor):
        raise PermissionDenied


def _text(value: str, *, field: str, limit: int) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        raise ValidationError({field: _("This cannot be empty.")})
    if len(cleaned) > limit:
        raise ValidationError(
            {field: _("Please keep this under %(limit)s characters.") % {"limit": limit}}
        )
    return cleaned


def variables_check(variables: list[str], *, allowed: list[str] | None = None) -> list[str]:
    """Known variables only (and, for an extract, only those its project was approved for)."""
    known = {str(v) for v in Variable}
    unknown = [name for name in variables if name not in known]
    if unknown:
        raise ValidationError(
            {
                "variables": _("Unknown variable: %(names)s. Choose from: %(allowed)s.")
                % {
                    "names": ", ".join(n[:40] for n in unknown[:5]),
                    "allowed": ", ".join(sorted(known)),
                }
            }
        )
    if allowed is not None:
        refused = [name for name in variables if name not in allowed]
        if refused:
            raise ValidationError(
                {
                    "variables": _("Not approved for this project: %(names)s.")
                    % {"names": ", ".join(refused)}
                }
            )
    if not variables:
        raise ValidationError({"variables": _("Choose at least one variable.")})
    return [str(v) for v in Variable if v in set(variables)]


def project_approve(
    *,
    actor: SignedIn,
    title: str,
    purpose: str,
    ethics_reference: str,
    expires_on: dt.date,
    variables: list[str],
) -> Project:
    """The coordinator approves a study: its purpose, ethics reference, end and variables."""
    _require(actor)
    today = timezone.localdate()
    if expires_on <= today:
        raise ValidationError({"expires_on": _("The approval must end after today.")})
    if expires_on > today + dt.timedelta(days=LONGEST_APPROVAL_DAYS):
        raise ValidationError({"expires_on": _("Approve a study for five years at most.")})
    project = Project(
        title=_text(title, field="title", limit=200),
        purpose=_text(purpose, field="purpose", limit=3000),
        ethics_reference=_text(ethics_reference, field="ethics_reference", limit=100),
        expires_on=expires_on,
        variables=variables_check(list(variables)),
        key_salt=secrets.token_hex(16),
        approved_by=actor,
        approved_at=timezone.now(),
    )
    with transaction.atomic():
        project.save()
        audit_record(
            actor=actor,
            action="research.project_approved",
            target=project,
            details={"variables": project.variables, "expires_on": expires_on.isoformat()},
        )
    return project


def extract_request(
    *, actor: SignedIn, project: Project, variables: list[str] | None = None
) -> Extract:
    """Ask for an extract of an approved, unexpired project; it is made in the background."""
    _require(actor)
    if project.is_expired:
        raise ValidationError(
            {"__all__": _("This project's approval has ended; approve a new project.")}
        )
    chosen = variables_check(
        list(project.variables if variables is None else variables), allowed=project.variables
    )
    with transaction.atomic():
        extract = Extract.objects.create(project=project, variables=chosen, requested_by=actor)
        audit_record(
            actor=actor,
            action="research.extract_requested",
            target=extract,
            details={"project": project.pk, "variables": chosen},
        )
        transaction.on_commit(lambda: build_extract.enqueue(extract.pk))
    return extract


def link_issue(*, actor: SignedIn, extract: Extract) -> DownloadLink:
    """A download link for a ready extract, valid seven days (never past the approval)."""
    _require(actor)
    if extract.status != ExtractStatus.READY:
        raise ValidationError({"__all__": _("This extract is not ready yet.")})
    if extract.project.is_expired:
        raise ValidationError(
            {"__all__": _("This project's approval has ended; approve a new project.")}
        )
    now = timezone.now()
    end_of_approval = dt.datetime.combine(
        extract.project.expires_on + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC
    )
    with transaction.atomic():
        link = DownloadLink.objects.create(
            extract=extract,
            created_by=actor,
            created_at=now,
            expires_at=min(now + LINK_VALID_FOR, end_of_approval),
        )
        audit_record(actor=actor, action="research.link_issued", target=link)
    return link


def link_token(link: DownloadLink) -> str:
    """The signed token of a link; it carries the link and its end, so neither can be forged."""
    return signing.Signer(salt=TOKEN_SALT).sign_object(
        {"link": link.pk, "until": int(link.expires_at.timestamp())}
    )


def _link_from(token: str) -> DownloadLink:
    try:
        signed = signing.Signer(salt=TOKEN_SALT).unsign_object(token[:300])
        link_id, until = int(signed["link"]), int(signed["until"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise LinkError(
            _("This download link is not valid. Check that it was copied whole."), status=404
        ) from error
    link = DownloadLink.objects.select_related("extract__project").filter(pk=link_id).first()
    if link is None or int(link.expires_at.timestamp()) != until:
        raise LinkError(
            _("This download link is not valid. Check that it was copied whole."), status=404
        )
    if link.is_expired or link.extract.project.is_expired:
        raise LinkError(
            _(
                "This download link expired on %(date)s. Ask the network's coordinator for a "
                "new one."
            )
            % {"date": timezone.localtime(link.expires_at).date().isoformat()},
            status=410,
        )
    return link


def extract_download(*, actor: Actor, token: str) -> tuple[Extract, bytes]:
    """Open an extract through its link: the CSV, and an audit entry for the download."""
    link = _link_from(token)
    extract = link.extract
    data_key = unwrap_key(
        bytes(extract.wrapped_key), purpose=KEY_PURPOSE, version=extract.key_version or 0
    )
    packed = decrypt(data_key, bytes(extract.content), context=f"research-extract:{extract.pk}")
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="research.extract_downloaded",
            target=extract,
            details={"link": link.pk, "project": extract.project_id},
        )
    return extract, gzip.decompress(packed)
