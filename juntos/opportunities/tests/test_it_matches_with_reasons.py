"""The matcher ranks opted-in workers with a plain reason for each part of the score."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from juntos.opportunities.matching import (
    VacancyCard,
    WorkerCard,
    WorkerIndex,
    top_candidates,
    top_vacancies,
)
from juntos.opportunities.reasons import explain

SEASON = (dt.date(2026, 5, 1), dt.date(2026, 10, 31))


def _worker(worker_id, **changes):
    values = {
        "id": worker_id,
        "occupations": frozenset({"85101"}),
        "skill_words": frozenset({"picking", "pruning"}),
        "languages": frozenset({"es"}),
        "available_from": SEASON[0],
        "available_to": SEASON[1],
        "provinces": frozenset({"BC"}),
    }
    values.update(changes)
    return WorkerCard(**values)


def _vacancy(**changes):
    values = {
        "id": 1,
        "occupation": "85101",
        "province": "BC",
        "starts_on": SEASON[0],
        "ends_on": SEASON[1],
        "employer_id": 7,
        "skills": ("pruning", "tractor"),
        "languages": ("es",),
    }
    values.update(changes)
    return VacancyCard.make(**values)


def test_it_ranks_by_the_parts_and_says_why():
    index = WorkerIndex(
        [
            _worker(1),
            _worker(
                2, skill_words=frozenset({"pruning", "tractor"}), past_employers=frozenset({7})
            ),
            _worker(3, occupations=frozenset({"85103"})),  # another occupation: not a candidate
            _worker(4, provinces=frozenset({"ON"})),  # another province
            _worker(5, provinces=frozenset()),  # anywhere
        ]
    )
    ranked = top_candidates(_vacancy(), index, k=10)
    assert [m.worker_id for m in ranked][:1] == [2]
    assert {m.worker_id for m in ranked} == {1, 2, 5}
    best = ranked[0]
    assert best.score == 100
    with translation.override("es"):
        reasons = [explain(p) for p in best.parts]
    assert len(reasons) == 5 and all(reasons)


def test_a_vacancy_with_no_skills_still_matches_on_occupation():
    index = WorkerIndex([_worker(1, skill_words=frozenset())])
    (match,) = top_candidates(_vacancy(skills=()), index)
    skills = next(p for p in match.parts if p.name == "skills")
    assert skills.reason == "no-skills-listed"


def test_dates_that_never_overlap_do_not_match_and_partial_dates_count_less():
    late = _worker(1, available_from=dt.date(2026, 11, 1), available_to=dt.date(2026, 12, 1))
    half = _worker(2, available_to=dt.date(2026, 7, 31))
    ranked = top_candidates(_vacancy(), WorkerIndex([late, half, _worker(3)]))
    assert [m.worker_id for m in ranked] == [3, 2]
    part = next(p for p in ranked[1].parts if p.name == "availability")
    assert part.reason == "available-part" and 0 < part.points < part.maximum


def test_the_worker_side_lists_vacancies_that_fit_her():
    vacancies = [_vacancy(id=1), _vacancy(id=2, province="ON"), _vacancy(id=3, occupation="44101")]
    assert [m.vacancy_id for m in top_vacancies(_worker(9), vacancies)] == [1]


@pytest.mark.parametrize("k", [1, 3])
def test_it_keeps_the_top_k(k):
    index = WorkerIndex([_worker(i) for i in range(1, 20)])
    assert len(top_candidates(_vacancy(), index, k=k)) == k


def test_the_grouped_walk_finds_exactly_what_scoring_everyone_finds():
    from bench.matching import generate
    from juntos.opportunities.matching import _points, explain_match

    workers, vacancies = generate(3000, 300, seed=5)
    index = WorkerIndex(workers)
    for vacancy in vacancies:
        period = (vacancy.ends_on - vacancy.starts_on).days + 1
        everyone = [(_points(w, vacancy, period), -w.id, w) for w in index.candidates(vacancy)]
        expected = sorted((r for r in everyone if r[0] >= 0), key=lambda r: r[:2], reverse=True)
        want = [explain_match(w, vacancy) for _p, _i, w in expected[:10]]
        assert top_candidates(vacancy, index, k=10) == want
