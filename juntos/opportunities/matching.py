"""The matcher: pure functions from worker and vacancy cards to ranked candidates with reasons.

Nothing here touches the database, so the same code ranks the demo's few workers and the
benchmark's 100,000. Workers are indexed by (occupation, province) — an occupation from her
skills or one her credentials count for — and within each pair by skill word, language, past
employer and the points her credentials give there; a vacancy looks only at its pair and its
occupation's "any province" pair, scores with integer points in groups ordered by their best
possible score and keeps its top k with heapq, stopping each group once it can no longer change
them. The reasons (one per part of the score) are built for the kept candidates only.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

ANY_PROVINCE = "*"
# Points per part; a candidate always has the occupation's. A credential counts in full when
# it is for the occupation's own NOC code or reaches it through an official or endorsed
# mapping, and half when the mapping is only the network's proposal: the product never claims
# more than it knows.
OCCUPATION_POINTS = 20
CREDENTIAL_POINTS = 20
PROPOSED_CREDENTIAL_POINTS = 10
SKILL_POINTS = 25
LANGUAGE_POINTS = 15
AVAILABILITY_POINTS = 15
RETURNING_POINTS = 5
MAX_POINTS = (
    OCCUPATION_POINTS
    + CREDENTIAL_POINTS
    + SKILL_POINTS
    + LANGUAGE_POINTS
    + AVAILABILITY_POINTS
    + RETURNING_POINTS
)
# How a credential reaches an occupation, strongest first; the first three count in full.
CREDENTIAL_VIAS = ("direct", "official", "endorsed", "proposed")
FULL_CREDENTIAL_VIAS = frozenset(CREDENTIAL_VIAS[:3])
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def words(texts: Iterable[str]) -> frozenset[str]:
    """The lower-case words of three letters or more in some texts (accents kept)."""
    return frozenset(w.casefold() for text in texts for w in _WORD.findall(text))


@dataclass(frozen=True, slots=True)
class CredentialFit:
    """One of her valid credentials, counted for one NOC occupation: the standard it is for
    (never the credential itself) and how it reaches the occupation, one of CREDENTIAL_VIAS:
    "direct" (issued for that NOC code), else the status of the mapping between them."""

    occupation: str
    framework: str
    code: str
    titles: tuple[tuple[str, str], ...]  # (language, title) pairs
    via: str
    endorsed_by: str = ""

    @property
    def points(self) -> int:
        return CREDENTIAL_POINTS if self.via in FULL_CREDENTIAL_VIAS else PROPOSED_CREDENTIAL_POINTS

    @property
    def reason(self) -> str:
        if self.via == "direct":
            return "credential-held"
        via = self.via if self.via in FULL_CREDENTIAL_VIAS else "proposed"
        return f"credential-{via}"


def _strength(fit: CredentialFit) -> tuple[int, int, str, str]:
    rank = CREDENTIAL_VIAS.index(fit.via) if fit.via in CREDENTIAL_VIAS else len(CREDENTIAL_VIAS)
    return (-fit.points, rank, fit.framework, fit.code)


@dataclass(frozen=True, slots=True)
class WorkerCard:
    """What the matcher knows of one opted-in worker; `id` is her account id."""

    id: int
    occupations: frozenset[str]
    skill_words: frozenset[str]
    languages: frozenset[str]
    available_from: dt.date
    available_to: dt.date
    provinces: frozenset[str]  # empty: anywhere
    past_employers: frozenset[int] = frozenset()
    returning_pool: bool = False
    credentials: tuple[CredentialFit, ...] = ()

    def matchable_occupations(self) -> frozenset[str]:
        """The occupations she is a candidate for: her skills' and her credentials'."""
        if not self.credentials:
            return self.occupations
        return self.occupations | {fit.occupation for fit in self.credentials}

    def credential_for(self, occupation: str) -> CredentialFit | None:
        """Her strongest credential for the occupation, if any."""
        fits = [fit for fit in self.credentials if fit.occupation == occupation]
        return min(fits, key=_strength) if fits else None

    def credential_points(self, occupation: str) -> int:
        fit = self.credential_for(occupation) if self.credentials else None
        return fit.points if fit else 0


@dataclass(frozen=True, slots=True)
class VacancyCard:
    id: int
    occupation: str
    province: str
    starts_on: dt.date
    ends_on: dt.date
    employer_id: int
    skills: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    skill_words: frozenset[str] = field(default=frozenset())

    @classmethod
    def make(cls, **values: object) -> VacancyCard:
        card = cls(**values)  # type: ignore[arg-type]
        return _with_words(card)


def _with_words(card: VacancyCard) -> VacancyCard:
    if card.skill_words or not card.skills:
        return card
    return VacancyCard(
        card.id,
        card.occupation,
        card.province,
        card.starts_on,
        card.ends_on,
        card.employer_id,
        card.skills,
        card.languages,
        words(card.skills),
    )


@dataclass(frozen=True)
class Part:
    """One part of a score: its name, the points it gave out of its maximum, and why (a reason
    code with its figures, put into words in the reader's language by `reasons.explain`)."""

    name: str
    points: int
    maximum: int
    reason: str
    figures: dict[str, object]


@dataclass(frozen=True)
class Match:
    worker_id: int
    vacancy_id: int
    score: int
    parts: tuple[Part, ...]


class Bucket:
    """The workers of one (occupation, province) pair, with the lists the matcher walks."""

    __slots__ = ("by_employer", "by_language", "by_word", "cards", "credit", "ids", "pool")

    def __init__(self) -> None:
        self.cards: dict[int, WorkerCard] = {}
        self.ids: list[int] = []
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.by_language: dict[str, list[int]] = defaultdict(list)
        self.by_employer: dict[int, list[int]] = defaultdict(list)
        self.pool: list[int] = []
        self.credit: dict[int, int] = {}  # worker id -> her credentials' points here

    def add(self, worker: WorkerCard, credit: int = 0) -> None:
        self.cards[worker.id] = worker
        if credit:
            self.credit[worker.id] = credit
        self.ids.append(worker.id)
        for word in worker.skill_words:
            self.by_word[word].append(worker.id)
        for language in worker.languages:
            self.by_language[language].append(worker.id)
        for employer in worker.past_employers:
            self.by_employer[employer].append(worker.id)
        if worker.returning_pool:
            self.pool.append(worker.id)

    def sort(self) -> None:
        for lists in (self.by_word, self.by_language, self.by_employer):
            for ids in lists.values():
                ids.sort()
        self.ids.sort()
        self.pool.sort()


class WorkerIndex:
    """Workers by (occupation, province); a worker open to any province is under "*", and a
    worker with a credential for an occupation is under it even if no skill of hers names it."""

    def __init__(self, workers: Iterable[WorkerCard]) -> None:
        self.buckets: dict[tuple[str, str], Bucket] = defaultdict(Bucket)
        self.size = 0
        for worker in workers:
            self.size += 1
            for occupation in worker.matchable_occupations():
                credit = worker.credential_points(occupation)
                for province in worker.provinces or (ANY_PROVINCE,):
                    self.buckets[(occupation, province)].add(worker, credit)
        for bucket in self.buckets.values():
            bucket.sort()

    def buckets_for(self, vacancy: VacancyCard) -> list[Bucket]:
        keys = ((vacancy.occupation, vacancy.province), (vacancy.occupation, ANY_PROVINCE))
        return [self.buckets[key] for key in keys if key in self.buckets]

    def candidates(self, vacancy: VacancyCard) -> list[WorkerCard]:
        """Every worker in the vacancy's buckets (occupation, and province or anywhere)."""
        return [card for bucket in self.buckets_for(vacancy) for card in bucket.cards.values()]


def _overlap_days(worker: WorkerCard, vacancy: VacancyCard) -> int:
    start = max(worker.available_from, vacancy.starts_on)
    end = min(worker.available_to, vacancy.ends_on)
    return (end - start).days + 1


def _points(worker: WorkerCard, vacancy: VacancyCard, period_days: int) -> int:
    """The score alone: integer points, or -1 when her dates never overlap the vacancy's."""
    points = _points_but_credentials(worker, vacancy, period_days)
    if points < 0 or not worker.credentials:
        return points
    return points + worker.credential_points(vacancy.occupation)


def _points_but_credentials(worker: WorkerCard, vacancy: VacancyCard, period_days: int) -> int:
    """`_points` without the credentials part (the index already holds it per occupation)."""
    overlap = _overlap_days(worker, vacancy)
    if overlap <= 0:
        return -1
    points = OCCUPATION_POINTS + AVAILABILITY_POINTS * min(overlap, period_days) // period_days
    wanted = vacancy.skill_words
    if wanted:
        points += SKILL_POINTS * len(wanted & worker.skill_words) // len(wanted)
    else:
        points += SKILL_POINTS
    if not vacancy.languages or not worker.languages.isdisjoint(vacancy.languages):
        points += LANGUAGE_POINTS
    if vacancy.employer_id in worker.past_employers or worker.returning_pool:
        points += RETURNING_POINTS
    return points


class _Best:
    """The k best (points, -id) seen so far, and whether a group can still change them."""

    def __init__(self, vacancy: VacancyCard, k: int, credit: dict[int, int]) -> None:
        self.vacancy = vacancy
        self.credit = credit  # her credentials' points for the vacancy's occupation
        self.k = k
        self.period = (vacancy.ends_on - vacancy.starts_on).days + 1
        self.heap: list[tuple[int, int]] = []
        self.seen: set[int] = set()

    def consider(self, card: WorkerCard) -> None:
        self.seen.add(card.id)
        points = _points_but_credentials(card, self.vacancy, self.period)
        if points < 0:
            return
        points += self.credit.get(card.id, 0)
        row = (points, -card.id)
        if len(self.heap) < self.k:
            heapq.heappush(self.heap, row)
        elif row > self.heap[0]:
            heapq.heapreplace(self.heap, row)

    def settled(self, bound: int, worker_id: int) -> bool:
        """No worker of this id or above, scoring at most `bound`, can enter the k best."""
        return len(self.heap) == self.k and self.heap[0] > (bound, -worker_id)

    def walk(self, ids: Iterable[int], cards: dict[int, WorkerCard], bound: int) -> None:
        """Score the ids (ascending) until none left could change the k best."""
        for worker_id in ids:
            if worker_id in self.seen:
                continue
            if self.settled(bound, worker_id):
                return
            self.consider(cards[worker_id])


def top_candidates(vacancy: VacancyCard, index: WorkerIndex, k: int = 10) -> list[Match]:
    """The k best workers for a vacancy, best first (ties by the lower id), with reasons.

    Exact, but it scores workers group by group, from the group whose best possible score is
    highest, and stops a group as soon as nobody left in it could enter the k best: first
    those who worked for this employer or are in the returning pool, then by the best score
    their credentials for the occupation and the vacancy's skill words they share (or, with
    no skills listed, whether they speak a language it asks for) allow, last everyone else.
    Every worker is in a group whose bound is true for her, so stopping loses nobody."""
    vacancy = _with_words(vacancy)
    buckets = index.buckets_for(vacancy)
    cards: dict[int, WorkerCard] = {}
    for bucket in buckets:
        cards.update(bucket.cards)
    credit: dict[int, int] = {}
    for bucket in buckets:
        credit.update(bucket.credit)
    best = _Best(vacancy, k, credit)
    returning = sorted(
        {i for b in buckets for i in (*b.by_employer.get(vacancy.employer_id, ()), *b.pool)}
    )
    best.walk(returning, cards, MAX_POINTS)
    for group, bound in _groups(vacancy, buckets, credit):
        best.walk(group, cards, bound)
    rows = sorted(best.heap, reverse=True)
    return [explain_match(cards[-negative_id], vacancy) for _points_, negative_id in rows]


def _groups(
    vacancy: VacancyCard, buckets: list[Bucket], credit: dict[int, int]
) -> list[tuple[Iterable[int], int]]:
    """The groups to walk after the returning workers, each with its best possible score.

    Returning points are left out of every bound: each returning worker was walked first, so
    she was scored or can no longer enter. Workers whose shared skill words (or, with no skills
    listed, a language asked for) lift their bound are grouped by it, and those with
    credentials again by it with their credentials' points; everyone comes last with the bound
    of having none of those. Being in a group with a lower bound than hers does no harm: she is
    also in the group of her own bound, so she is scored there or can no longer enter."""
    base = OCCUPATION_POINTS + AVAILABILITY_POINTS
    by_bound: dict[int, list[int]] = defaultdict(list)
    wanted = vacancy.skill_words
    if wanted:
        rest = base + LANGUAGE_POINTS
        shared: Counter[int] = Counter()
        for bucket in buckets:
            for word in wanted:
                shared.update(bucket.by_word.get(word, ()))
        steps = [rest + SKILL_POINTS * count // len(wanted) for count in range(len(wanted) + 1)]
        for worker_id, count in shared.items():
            by_bound[steps[count]].append(worker_id)
        for worker_id, points in credit.items():
            by_bound[steps[shared[worker_id]] + points].append(worker_id)
    elif vacancy.languages:
        rest = base + SKILL_POINTS
        speakers = {
            i for b in buckets for lang in vacancy.languages for i in b.by_language.get(lang, ())
        }
        by_bound[rest + LANGUAGE_POINTS].extend(speakers)
        for worker_id, points in credit.items():
            lift = LANGUAGE_POINTS if worker_id in speakers else 0
            by_bound[rest + lift + points].append(worker_id)
    else:
        rest = base + SKILL_POINTS + LANGUAGE_POINTS
        for worker_id, points in credit.items():
            by_bound[rest + points].append(worker_id)
    by_bound.pop(rest, None)  # no lift after all: everyone's bound holds for them
    groups: list[tuple[Iterable[int], int]] = [
        (sorted(by_bound[bound]), bound) for bound in sorted(by_bound, reverse=True)
    ]
    return [*groups, (heapq.merge(*(b.ids for b in buckets)), rest)]


def top_vacancies(worker: WorkerCard, vacancies: Iterable[VacancyCard], k: int = 20) -> list[Match]:
    """The vacancies that fit a worker best: her occupations and provinces, dates overlapping."""
    fitting = []
    occupations = worker.matchable_occupations()
    for vacancy in vacancies:
        if vacancy.occupation not in occupations:
            continue
        if worker.provinces and vacancy.province not in worker.provinces:
            continue
        vacancy = _with_words(vacancy)
        period = (vacancy.ends_on - vacancy.starts_on).days + 1
        points = _points(worker, vacancy, period)
        if points >= 0:
            fitting.append((points, -vacancy.id, vacancy))
    best = heapq.nlargest(k, fitting, key=lambda r: r[:2])
    return [explain_match(worker, vacancy) for _p, _id, vacancy in best]


def explain_match(worker: WorkerCard, vacancy: VacancyCard) -> Match:
    """The score split into its parts, each with the reason it gave what it gave."""
    vacancy = _with_words(vacancy)
    period = (vacancy.ends_on - vacancy.starts_on).days + 1
    overlap = max(0, min(_overlap_days(worker, vacancy), period))
    parts = [
        Part(
            "occupation",
            OCCUPATION_POINTS,
            OCCUPATION_POINTS,
            "same-occupation",
            {"code": vacancy.occupation},
        ),
        _credentials_part(worker, vacancy),
        _skills_part(worker, vacancy),
        _languages_part(worker, vacancy),
        Part(
            "availability",
            AVAILABILITY_POINTS * overlap // period,
            AVAILABILITY_POINTS,
            "available-all" if overlap == period else "available-part",
            {"days": overlap, "period": period},
        ),
        _returning_part(worker, vacancy),
    ]
    return Match(worker.id, vacancy.id, sum(p.points for p in parts), tuple(parts))


def _credentials_part(worker: WorkerCard, vacancy: VacancyCard) -> Part:
    fit = worker.credential_for(vacancy.occupation)
    if fit is None:
        return Part("credentials", 0, CREDENTIAL_POINTS, "credential-none", {})
    figures: dict[str, object] = {
        "framework": fit.framework,
        "code": fit.code,
        "titles": dict(fit.titles),
        "endorsed_by": fit.endorsed_by,
    }
    return Part("credentials", fit.points, CREDENTIAL_POINTS, fit.reason, figures)


def _skills_part(worker: WorkerCard, vacancy: VacancyCard) -> Part:
    if not vacancy.skill_words:
        return Part("skills", SKILL_POINTS, SKILL_POINTS, "no-skills-listed", {})
    shared = sorted(vacancy.skill_words & worker.skill_words)
    points = SKILL_POINTS * len(shared) // len(vacancy.skill_words)
    reason = "skills-shared" if shared else "skills-none"
    return Part("skills", points, SKILL_POINTS, reason, {"shared": ", ".join(shared)})


def _languages_part(worker: WorkerCard, vacancy: VacancyCard) -> Part:
    if not vacancy.languages:
        return Part("languages", LANGUAGE_POINTS, LANGUAGE_POINTS, "no-languages-listed", {})
    shared = sorted(worker.languages.intersection(vacancy.languages))
    if shared:
        return Part("languages", LANGUAGE_POINTS, LANGUAGE_POINTS, "speaks", {"languages": shared})
    return Part("languages", 0, LANGUAGE_POINTS, "speaks-none", {"languages": []})


def _returning_part(worker: WorkerCard, vacancy: VacancyCard) -> Part:
    if vacancy.employer_id in worker.past_employers:
        return Part("returning", RETURNING_POINTS, RETURNING_POINTS, "worked-here-before", {})
    if worker.returning_pool:
        return Part("returning", RETURNING_POINTS, RETURNING_POINTS, "returning-pool", {})
    return Part("returning", 0, RETURNING_POINTS, "new-to-employer", {})
