from hypothesis import given
from hypothesis import strategies as st

from juntos.registry.search import normalise, pieces, rank, score


def test_normalise_folds_case_accents_and_punctuation():
    assert normalise("  Agrícola   del Valle, S.A. de C.V. ") == "agricola del valle s a de c v"
    assert normalise("ÉCOLE—Québec") == "ecole quebec"
    assert normalise("!!!") == ""


@given(st.text(max_size=60))
def test_normalise_is_idempotent_and_plain(text):
    once = normalise(text)
    assert normalise(once) == once
    assert all(ch.isascii() and (ch.isalnum() or ch == " ") for ch in once)
    assert "  " not in once


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéíóúñ ", min_size=3, max_size=40))
def test_a_name_always_finds_itself(name):
    key = normalise(name)
    if key:
        assert score(name, key) == 100
        assert rank(name, [(1, key)], limit=5) == [1]


def test_pieces_are_bounded():
    assert len(pieces("a" * 500 + " " + "b" * 500)) <= 30
    assert pieces("de la") == ["de", "la"]


def test_ranking_puts_the_closest_first():
    keys = [(1, "pacific agricultural recruitment services"), (2, "coastal harvest staffing")]
    assert rank("pasific agricultral", keys, limit=5) == [1]
    assert rank("coastal harvest", keys, limit=5) == [2]
