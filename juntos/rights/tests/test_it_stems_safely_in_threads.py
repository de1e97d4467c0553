"""Search terms are the same whether one thread or many stem at once (gthread servers)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from juntos.rights.search.normalise import terms

TEXTS = [
    ("Las deducciones por vivienda y alojamiento en la temporada", "es"),
    ("Les retenues pour le logement pendant la saison agricole", "fr"),
    ("Housing deductions during the growing seasons", "en"),
]


def test_many_threads_stem_like_one():
    expected = {text: terms(text, language) for text, language in TEXTS}
    work = TEXTS * 400
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda item: (item[0], terms(*item)), work))
    assert all(found == expected[text] for text, found in results)
