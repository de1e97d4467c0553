"""Reads of standards, equivalences, assessments and credentials; the private ones authorise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone

from juntos.accounts.actors import Actor
from juntos.core.compiled import CompiledLookup
from juntos.core.memory import ShortMemory
from juntos.credentials.choices import AssessmentStatus, EquivalenceStatus, MatchKind
from juntos.credentials.models import (
    Assessment,
    AssessorAuthorisation,
    Credential,
    CredentialShare,
    Equivalence,
    Framework,
    IssuerKey,
    Standard,
    StatusEntry,
    StatusList,
)
from juntos.credentials.policies import (
    assessing_organisation_ids,
    can_assess,
    can_change_status,
    can_curate,
    is_holder,
)
from juntos.credentials.signing import verification_method
from juntos.credentials.verification import Sources

# Standards ------------------------------------------------------------------------------


def frameworks_with_standards() -> QuerySet[Framework]:
    """Every framework with its standards and their units, for the public list."""
    return Framework.objects.prefetch_related(
        Prefetch("standards", queryset=Standard.objects.prefetch_related("units"))
    )


def get_standard(framework: str, code: str) -> Standard:
    """A standard by its framework and code; 404 if unknown."""
    standard = (
        Standard.objects.select_related("framework")
        .prefetch_related("units")
        .filter(framework__code=framework, code=code)
        .first()
    )
    if standard is None:
        raise Http404
    return standard


INVERSE = {MatchKind.BROAD: MatchKind.NARROW, MatchKind.NARROW: MatchKind.BROAD}


@dataclass(frozen=True)
class Mapping_:
    """A mapping as seen from one standard: the other standard, the relation read from here."""

    equivalence: Equivalence
    other: Standard
    match: str
    inverse: bool

    @property
    def match_label(self) -> str:
        return str(MatchKind(self.match).label)


# Frameworks, standards, units and equivalences are public reference data: the same for every
# reader, changed only by loading the data files or a coordinator's edit. Every check of a
# credential reads them (its standard and what that corresponds to in the other country), so
# each process remembers what it read for a few seconds. A change in this process forgets at
# once (model signals in apps.py); other processes see it within the memory's seconds. Nothing
# about a person or a credential is remembered here.
REFERENCE_MEMORY_SECONDS = 5.0
_mappings_memory: ShortMemory[list[Mapping_]] = ShortMemory(seconds=REFERENCE_MEMORY_SECONDS)
_standards_memory: ShortMemory[tuple[Standard | None]] = ShortMemory(
    seconds=REFERENCE_MEMORY_SECONDS
)


_reference_generation = [0]


def forget_reference_data(*args: object, **kwargs: object) -> None:
    """Forget the remembered standards and mappings (a signal receiver)."""
    _reference_generation[0] += 1
    _mappings_memory.forget()
    _standards_memory.forget()


def reference_generation() -> int:
    """A number that changes whenever this process forgets the reference data: a key part for
    anything made from it and remembered elsewhere (the verify page's mappings)."""
    return _reference_generation[0]


def mappings_of(standard_id: int) -> list[Mapping_]:
    """Every mapping from or to the standard, each read from it (broad and narrow flipped).

    Shared as they are between requests of this process: read them, never change them.
    """
    found = _mappings_memory.get(standard_id)
    if found is not None:
        return found
    return _mappings_memory.put(standard_id, _read_mappings(standard_id))


def _read_mappings(standard_id: int) -> list[Mapping_]:
    rows = (
        Equivalence.objects.filter(Q(source_id=standard_id) | Q(target_id=standard_id))
        .select_related("source__framework", "target__framework")
        .prefetch_related("covered_units")
    )
    found = []
    for e in rows:
        if e.source_id == standard_id:
            found.append(Mapping_(e, e.target, e.match, False))
        else:
            found.append(Mapping_(e, e.source, INVERSE.get(MatchKind(e.match), e.match), True))
    return found


def all_equivalences() -> QuerySet[Equivalence]:
    return Equivalence.objects.select_related("source__framework", "target__framework")


def standard_for_achievement(achievement_id: str) -> Standard | None:
    """The standard an issued Achievement id names (urn:juntos:achievement:<framework>:<code>),
    remembered briefly like the mappings (public reference data)."""
    prefix = "urn:juntos:achievement:"
    if not achievement_id.startswith(prefix):
        return None
    found = _standards_memory.get(achievement_id)
    if found is not None:
        return found[0]
    framework, _sep, code = achievement_id[len(prefix) :].partition(":")
    standard = (
        Standard.objects.select_related("framework")
        .filter(framework__code=framework, code=code)
        .first()
    )
    return _standards_memory.put(achievement_id, (standard,))[0]


def standards_for_courses(course_ids: set[int]) -> list[Standard]:
    """Standards that one of these (completed) courses prepares for."""
    return [
        s
        for s in Standard.objects.select_related("framework").exclude(course_ids=[])
        if course_ids & set(s.course_ids)
    ]


def authorised_organisation_ids(standard_id: int) -> set[int]:
    return set(
        AssessorAuthorisation.objects.filter(standard_id=standard_id, revoked_at=None).values_list(
            "organisation_id", flat=True
        )
    )


def assessable_standards() -> QuerySet[Standard]:
    """Standards some organisation is authorised to assess."""
    return (
        Standard.objects.filter(authorisations__revoked_at=None)
        .select_related("framework")
        .distinct()
    )


def authorisations() -> QuerySet[AssessorAuthorisation]:
    return AssessorAuthorisation.objects.filter(revoked_at=None).select_related(
        "standard__framework"
    )


# Assessments ----------------------------------------------------------------------------


def own_assessments(actor: Actor) -> QuerySet[Assessment]:
    if not actor.is_authenticated:
        return Assessment.objects.none()
    return Assessment.objects.filter(candidate_id=actor.pk).select_related("standard__framework")


def assessment_queue_for(actor: Actor) -> QuerySet[Assessment]:
    """Requests waiting at the organisations where the actor may assess them."""
    if not actor.is_authenticated:
        return Assessment.objects.none()
    pairs = AssessorAuthorisation.objects.filter(revoked_at=None).values_list(
        "organisation_id", "standard_id"
    )
    orgs = assessing_organisation_ids(actor, {o for o, _s in pairs})
    wanted = Q(pk__in=[])
    for organisation_id, standard_id in pairs:
        if organisation_id in orgs:
            wanted |= Q(organisation_id=organisation_id, standard_id=standard_id)
    return (
        Assessment.objects.filter(wanted, status=AssessmentStatus.REQUESTED)
        .exclude(candidate_id=actor.pk)
        .select_related("standard__framework", "candidate")
        .order_by("requested_at", "id")
    )


def get_assessment_for(actor: Actor, assessment_id: int) -> Assessment:
    """A request the actor may decide, with the standard's units; else 404."""
    assessment = (
        Assessment.objects.select_related("standard__framework", "candidate")
        .prefetch_related("standard__units")
        .filter(pk=assessment_id)
        .first()
    )
    if assessment is None or not can_assess(
        actor, assessment, authorised_organisation_ids(assessment.standard_id)
    ):
        raise Http404
    return assessment


# Credentials ----------------------------------------------------------------------------


def _credentials() -> QuerySet[Credential]:
    return Credential.objects.select_related("standard__framework")


def credentials_of(actor: Actor, *, include_hidden: bool = True) -> QuerySet[Credential]:
    """The holder's own credentials, with their live shares."""
    if not actor.is_authenticated:
        return Credential.objects.none()
    live = CredentialShare.objects.filter(revoked_at=None)
    found = (
        _credentials()
        .filter(holder_id=actor.pk)
        .prefetch_related(Prefetch("shares", queryset=live, to_attr="live_shares"))
    )
    return found if include_hidden else found.filter(hidden=False)


def get_own_credential_for(actor: Actor, credential_id: str) -> Credential:
    """One of the holder's own credentials; else 404."""
    credential = credentials_of(actor).filter(pk=credential_id).first()
    if credential is None or not is_holder(actor, credential):
        raise Http404
    return credential


def get_own_share_for(actor: Actor, share_id: int) -> CredentialShare:
    share = CredentialShare.objects.select_related("credential").filter(pk=share_id).first()
    if share is None or not is_holder(actor, share.credential):
        raise Http404
    return share


def get_shared_credential(token: str) -> Credential:
    """The credential behind a live share link (never a hidden one); else 404."""
    share = (
        CredentialShare.objects.select_related("credential__standard__framework")
        .filter(token=token, revoked_at=None, credential__hidden=False)
        .first()
    )
    if share is None:
        raise Http404
    return share.credential


def shared_with(actor: Actor) -> QuerySet[CredentialShare]:
    """Live shares addressed to an organisation the actor belongs to."""
    if not actor.is_authenticated:
        return CredentialShare.objects.none()
    from juntos.accounts.selectors import memberships_of

    orgs = {m.organisation_id for m in memberships_of(actor)}
    return CredentialShare.objects.filter(
        organisation_id__in=orgs, revoked_at=None, credential__hidden=False
    ).select_related("credential__standard__framework", "credential__holder")


def get_credential_by_short_id(short_id: str) -> Credential | None:
    return _credentials().filter(short_id=short_id).first()


def get_manageable_credential_for(actor: Actor, short_id: str) -> Credential:
    """A credential whose status the actor may change; else 404."""
    credential = get_credential_by_short_id(short_id)
    if credential is None or not can_change_status(actor, credential):
        raise Http404
    return credential


def issued_by_network(actor: Actor) -> QuerySet[Credential]:
    """Every credential, for the secretariat's coordinators (status, not the holders' files)."""
    if not can_curate(actor):
        return Credential.objects.none()
    return _credentials().select_related("holder")


# Credentials for matching ---------------------------------------------------------------

# The classification vacancies are coded in: a credential counts for an occupation through it.
OCCUPATIONS_FRAMEWORK = "noc-2021"
DIRECT = "direct"


@dataclass(frozen=True)
class OccupationRecognition:
    """What one of a holder's valid credentials says for one NOC 2021 occupation, and on
    whose word: `via` is "direct" (the credential is for the NOC code itself) or the status of
    the one mapping that links its standard to the code (official, endorsed, proposed)."""

    holder_id: int
    occupation: str
    framework: str
    code: str
    titles: dict[str, str]
    via: str
    endorsed_by: str = ""


def _counting_credentials() -> QuerySet[Credential]:
    """Credentials that still say something: not revoked, suspended or expired, and not hidden
    by the holder (hiding one is her choice that nobody is shown it)."""
    return Credential.objects.filter(revoked_at=None, suspended=False, hidden=False).filter(
        Q(valid_until=None) | Q(valid_until__gt=now())
    )


def occupation_recognitions(holder_ids: Collection[int]) -> dict[int, list[OccupationRecognition]]:
    """For matching, per holder: the NOC 2021 occupations her counting credentials are for,
    directly or through one mapping either way (never a chain of two); two queries whatever
    the number of holders. The caller decides who may see what (opportunities shows the
    standard, never the credential, its issuer or its id)."""
    rows = list(
        _counting_credentials()
        .filter(holder_id__in=holder_ids)
        .values_list(
            "holder_id", "standard_id", "standard__framework__code", "standard__code",
            "standard__titles",
        )
        .order_by("holder_id", "standard_id")
    )  # fmt: skip
    links = _occupation_links({row[1] for row in rows})
    found: dict[int, list[OccupationRecognition]] = {}
    counted: set[tuple[int, int]] = set()  # a standard held twice (issued again) counts once
    for holder_id, standard_id, framework, code, titles in rows:
        if (holder_id, standard_id) in counted:
            continue
        counted.add((holder_id, standard_id))
        for occupation, via, body in links.get(standard_id, ()):
            found.setdefault(holder_id, []).append(
                OccupationRecognition(holder_id, occupation, framework, code, titles, via, body)
            )
    return found


def _occupation_links(standard_ids: set[int]) -> dict[int, list[tuple[str, str, str]]]:
    """(NOC code, via, endorsing body) for each standard: itself if it is a NOC code, and every
    mapping from or to a NOC code."""
    links: dict[int, list[tuple[str, str, str]]] = {}
    if not standard_ids:
        return links
    noc = OCCUPATIONS_FRAMEWORK
    for row in Standard.objects.filter(pk__in=standard_ids, framework__code=noc).values_list(
        "pk", "code"
    ):
        links.setdefault(row[0], []).append((row[1], DIRECT, ""))
    touching = Q(source_id__in=standard_ids, target__framework__code=noc) | Q(
        target_id__in=standard_ids, source__framework__code=noc
    )
    rows = Equivalence.objects.filter(touching).values_list(
        "source_id", "source__framework__code", "source__code",
        "target_id", "target__framework__code", "target__code",
        "status", "endorsed_by",
    )  # fmt: skip
    for source, source_fw, source_code, target, target_fw, target_code, status, body in rows:
        if not body:  # nothing is called official or endorsed unless a named body says so
            status = EquivalenceStatus.PROPOSED
        if source in standard_ids and target_fw == noc:
            links.setdefault(source, []).append((target_code, status, body))
        if target in standard_ids and source_fw == noc:
            links.setdefault(target, []).append((source_code, status, body))
    return links


# Keys and status lists ------------------------------------------------------------------


def issuer_keys() -> QuerySet[IssuerKey]:
    """Every key ever made, oldest first (retired keys stay published)."""
    return IssuerKey.objects.order_by("created_at", "id")


def status_list(number: int) -> StatusList | None:
    return StatusList.objects.filter(number=number).first()


def set_indexes(status_list_id: int, purpose: str) -> list[int]:
    """The indexes whose bit is 1: revoked credentials, or suspended ones not revoked."""
    entries = StatusEntry.objects.filter(status_list_id=status_list_id)
    if purpose == "revocation":
        entries = entries.filter(credential__revoked_at__isnull=False)
    else:
        entries = entries.filter(credential__suspended=True, credential__revoked_at=None)
    return list(entries.values_list("index", flat=True))


def _list_from_url(url: str) -> tuple[int, str] | None:
    from django.conf import settings

    if not url.startswith(settings.SITE_URL + "/"):
        return None
    return _list_from_path(urlsplit(url).path, get_urlconf() or settings.ROOT_URLCONF)


@lru_cache(maxsize=256)
def _list_from_path(path: str, urlconf: str | None) -> tuple[int, str] | None:
    """(number, purpose) of a status list's path; a credential names one of a few lists."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    if match.url_name != "credentials_status_list":
        return None
    return int(match.kwargs["number"]), str(match.kwargs["purpose"])


# A key id names one public key for ever (rotation makes a new id), so a process may keep
# what it has read; an id it has not seen is looked up again.
_public_keys: dict[str, Mapping[str, object]] = {}


# Every online verification reads one status entry: its SQL is compiled once per connection.
_status_entry = CompiledLookup(
    StatusEntry,
    ("status_list__number", "index"),
    lambda number, index: (
        StatusEntry.objects.filter(status_list__number=number, index=index)
        .select_related("credential")
        .only("index", "credential", "credential__revoked_at", "credential__suspended")
    ),
)


class SiteSources(Sources):
    """Keys and status lists read from this site's own tables (the online verifier)."""

    def __init__(self) -> None:
        self._entries: dict[tuple[int, int], tuple[dt.datetime | None, bool] | None] = {}

    def key(self, kid: str) -> Mapping[str, object] | None:
        if kid not in _public_keys:
            for row in issuer_keys():
                _public_keys[verification_method(row.kid)] = row.public_jwk
        return _public_keys.get(kid)

    def status_bits(self, list_url: str) -> bytes | None:
        """The same bits the published list encodes (statuslist.encode_bits), unencoded."""
        found = _list_from_url(list_url)
        row = status_list(found[0]) if found else None
        if found is None or row is None:
            return None
        bits = bytearray(row.size // 8)
        for index in set_indexes(row.pk, found[1]):
            bits[index // 8] |= 0x80 >> (index % 8)
        return bytes(bits)

    def status_bit(self, list_url: str, index: int) -> bool | None:
        """One index looked up directly: the same answer as the published list, one query."""
        found = _list_from_url(list_url)
        if found is None:
            return None
        number, purpose = found
        if (number, index) not in self._entries:  # both purposes share the index: one query
            rows = _status_entry(number, index)
            credential = rows[0].credential if rows else None
            self._entries[(number, index)] = (
                None
                if not rows
                else (None, False)
                if credential is None
                else (credential.revoked_at, credential.suspended)
            )
        entry = self._entries[(number, index)]
        if entry is None:
            listed = StatusList.objects.filter(number=number).values_list("size", flat=True).first()
            return None if listed is None or index >= listed else False
        revoked_at, suspended = entry
        return (
            revoked_at is not None
            if purpose == "revocation"
            else bool(suspended and revoked_at is None)
        )

    def suspension_url(self, revocation_url: str) -> str | None:
        if not revocation_url.endswith("/revocation"):
            return None
        return revocation_url[: -len("revocation")] + "suspension"


def now() -> dt.datetime:
    """The time a check is made at."""
    return timezone.now()


def status_lists() -> QuerySet[StatusList]:
    return StatusList.objects.all()


def holders_recognised_for(occupation: str) -> QuerySet[Credential, int]:
    """The ids of the holders (a subquery) whose counting credentials are for this
    NOC 2021 code, directly or through one mapping: the same holders `occupation_recognitions`
    finds the occupation for."""
    noc = OCCUPATIONS_FRAMEWORK
    standards = Standard.objects.filter(
        Q(framework__code=noc, code=occupation)
        | Q(mappings_from__target__framework__code=noc, mappings_from__target__code=occupation)
        | Q(mappings_to__source__framework__code=noc, mappings_to__source__code=occupation)
    )
    return (
        _counting_credentials().filter(standard__in=standards).values_list("holder_id", flat=True)
    )
