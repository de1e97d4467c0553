"""The matcher ranks opted-in workers with a plain reason for each part of the score."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from juntos.opportunities.matching import (
    CREDENTIAL_VIAS,
    CredentialFit,
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


def _fit(via, occupation="85101", **changes):
    values = {
        "occupation": occupation,
        "framework": "noc-2021" if via == "direct" else "conocer",
        "code": occupation if via == "direct" else "EC-PENDIENTE-PLAGUICIDAS",
        "titles": (("en", "Harvesting labourers"), ("es", "Peones de cosecha")),
        "via": via,
        "endorsed_by": "" if via == "proposed" else "Red Seal secretariat",
    }
    values.update(changes)
    return CredentialFit(**values)


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
                2,
                skill_words=frozenset({"pruning", "tractor"}),
                past_employers=frozenset({7}),
                credentials=(_fit("direct"),),
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
    assert len(reasons) == 6 and all(reasons)


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


def _credentials_part(match):
    return next(p for p in match.parts if p.name == "credentials")


def test_a_credential_for_the_occupation_counts_and_says_which_standard():
    index = WorkerIndex([_worker(1), _worker(2, credentials=(_fit("direct"),))])
    first, second = top_candidates(_vacancy(), index)
    assert (first.worker_id, second.worker_id) == (2, 1)
    assert first.score - second.score == 20
    part = _credentials_part(first)
    assert (part.points, part.maximum, part.reason) == (20, 20, "credential-held")
    with translation.override("es"):
        assert explain(part) == (
            "Tiene una credencial verificada para esta ocupación: Peones de cosecha (85101)."
        )
    none = _credentials_part(second)
    assert (none.points, none.reason) == (0, "credential-none")
    with translation.override("fr"):
        assert explain(none) == "Aucune attestation pour ce métier."


def test_a_proposed_mapping_weighs_half_and_says_it_is_no_official_recognition():
    proposed = _worker(1, credentials=(_fit("proposed"),))
    endorsed = _worker(2, credentials=(_fit("endorsed"),))
    official = _worker(3, credentials=(_fit("official"),))
    ranked = top_candidates(_vacancy(), WorkerIndex([proposed, endorsed, official]))
    assert [m.worker_id for m in ranked] == [2, 3, 1]
    parts = {m.worker_id: _credentials_part(m) for m in ranked}
    assert [parts[i].points for i in (1, 2, 3)] == [10, 20, 20]
    assert [parts[i].reason for i in (1, 2, 3)] == [
        "credential-proposed",
        "credential-endorsed",
        "credential-official",
    ]
    with translation.override("en"):
        said = {i: explain(parts[i]) for i in (1, 2, 3)}
    assert said[1] == (
        "Holds a credential the network proposes as related: Harvesting labourers "
        "(EC-PENDIENTE-PLAGUICIDAS) (not an official recognition)."
    )
    assert "not an official recognition" in said[2] and "Red Seal secretariat" in said[2]
    assert "officially recognised" in said[3] and "not an official" not in said[3]
    for i in (1, 2):
        assert "official" not in said[i].replace("not an official recognition", "")


def test_her_strongest_credential_for_the_occupation_is_the_one_counted():
    worker = _worker(1, credentials=(_fit("proposed"), _fit("direct"), _fit("direct", "44101")))
    (match,) = top_candidates(_vacancy(), WorkerIndex([worker]))
    assert _credentials_part(match).reason == "credential-held"
    assert match.score == 20 + 20 + 12 + 15 + 15 + 0  # one of two skills, new to the employer


def test_a_credential_puts_her_under_an_occupation_no_skill_of_hers_names():
    worker = _worker(1, occupations=frozenset({"44101"}), credentials=(_fit("direct"),))
    (match,) = top_candidates(_vacancy(), WorkerIndex([worker]))
    assert match.worker_id == 1 and _credentials_part(match).points == 20
    fits = top_vacancies(worker, [_vacancy(id=5), _vacancy(id=6, occupation="85103")])
    assert [m.vacancy_id for m in fits] == [5]


def _brute_force(vacancy, index, k):
    from juntos.opportunities.matching import _points, explain_match

    period = (vacancy.ends_on - vacancy.starts_on).days + 1
    everyone = [(_points(w, vacancy, period), -w.id, w) for w in index.candidates(vacancy)]
    expected = sorted((r for r in everyone if r[0] >= 0), key=lambda r: r[:2], reverse=True)
    return [explain_match(w, vacancy) for _p, _i, w in expected[:k]]


def test_the_generated_workers_hold_credentials_of_every_kind():
    from bench.matching import generate

    workers, _vacancies = generate(3000, 1, seed=5)
    vias = {fit.via for w in workers for fit in w.credentials}
    assert vias == {"direct", "official", "endorsed", "proposed"}
    assert any(fit.occupation not in w.occupations for w in workers for fit in w.credentials)


OCCUPATIONS = ["85101", "85103"]
WORDS = ["picking", "pruning", "tractor", "packing"]


@st.composite
def credential_fits(draw):
    return _fit(draw(st.sampled_from(CREDENTIAL_VIAS)), draw(st.sampled_from(OCCUPATIONS)))


@st.composite
def worker_cards(draw, worker_id):
    start = SEASON[0] + dt.timedelta(days=draw(st.integers(-60, 150)))
    return WorkerCard(
        id=worker_id,
        occupations=draw(st.frozensets(st.sampled_from(OCCUPATIONS), max_size=2)),
        skill_words=draw(st.frozensets(st.sampled_from(WORDS))),
        languages=draw(st.frozensets(st.sampled_from(["es", "en", "fr"]), max_size=2)),
        available_from=start,
        available_to=start + dt.timedelta(days=draw(st.integers(0, 240))),
        provinces=draw(st.frozensets(st.sampled_from(["BC", "ON"]), max_size=2)),
        past_employers=draw(st.frozensets(st.sampled_from([7, 8]), max_size=1)),
        returning_pool=draw(st.booleans()),
        credentials=tuple(draw(st.lists(credential_fits(), max_size=2))),
    )


@st.composite
def populations(draw):
    size = draw(st.integers(0, 30))
    return [draw(worker_cards(worker_id)) for worker_id in range(1, size + 1)]


@st.composite
def vacancies(draw):
    return _vacancy(
        occupation=draw(st.sampled_from(OCCUPATIONS)),
        province=draw(st.sampled_from(["BC", "ON"])),
        employer_id=draw(st.sampled_from([7, 8])),
        skills=tuple(draw(st.lists(st.sampled_from(WORDS), max_size=3, unique=True))),
        languages=tuple(draw(st.lists(st.sampled_from(["es", "en"]), max_size=1))),
    )


@settings(max_examples=300, deadline=None)
@given(workers=populations(), vacancy=vacancies(), k=st.integers(1, 6))
def test_the_grouped_walk_is_exact_with_credentials_any_population(workers, vacancy, k):
    index = WorkerIndex(workers)
    assert top_candidates(vacancy, index, k=k) == _brute_force(vacancy, index, k)
