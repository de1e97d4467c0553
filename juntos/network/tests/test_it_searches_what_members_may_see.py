"""One search over recommendations, meetings and minutes, within what each member may see."""

from __future__ import annotations

from typing import Any

from juntos.network import services
from juntos.network.tests.factories import endorse, make_group, make_meeting, make_members, slot
from juntos.testing.queries import assert_queries_do_not_grow


def _draft(personas: Any, group: Any, title: str, body: str = "Text") -> Any:
    return services.recommendation_draft(actor=personas.rosa, group=group, title=title, body=body)


def _endorsed(personas: Any, group: Any, title: str, body: str = "Text") -> Any:
    recommendation = _draft(personas, group, title, body)
    return endorse(personas, recommendation)


def _search(client: Any, words: str) -> str:
    response = client.get("/en/network/search/", {"q": words})
    assert response.status_code == 200
    return response.content.decode()


def test_a_draft_is_found_only_by_its_group_and_the_coordinator(personas, client_as):
    make_members(personas)
    group = make_group(personas)  # rosa, carl, amina
    _draft(personas, group, "Harvest shelter plan")
    _endorsed(personas, group, "Harvest wages published")
    for who in ("rosa", "ben"):
        page = _search(client_as(who), "harvest")
        assert "Harvest shelter plan" in page and "Harvest wages published" in page
    for who in ("rita", "ines"):
        page = _search(client_as(who), "harvest")
        assert "Harvest wages published" in page
        assert "Harvest shelter plan" not in page


def test_it_finds_words_in_a_translation_and_in_the_text(personas, client_as):
    make_members(personas)
    group = make_group(personas)
    recommendation = _endorsed(personas, group, "Emergency line", "Answer the phone at night.")
    services.content_text_set(
        actor=None,
        source=recommendation,
        language="es",
        title="Línea de urgencia",
        body="Contestar por la noche.",
    )
    client = client_as("ines")
    assert "Emergency line" in _search(client, "URGENCIA")
    assert "Emergency line" in _search(client, "at night")
    assert "Nothing found that you may see." in _search(client, "tractor")


def test_it_finds_meetings_and_minutes_grouped_by_kind(personas, client_as):
    make_members(personas)
    meeting = make_meeting(personas)
    services.minutes_save(
        actor=None,
        meeting=meeting,
        language="es",
        body="Se habló del alojamiento en la finca y de los contratos.",
    )
    page = _search(client_as("rita"), "community hall")
    assert "<h2>Meetings</h2>" in page and "Plenary" in page
    page = _search(client_as("rita"), "alojamiento")
    assert "<h2>Minutes</h2>" in page and "<h2>Meetings</h2>" not in page
    assert "alojamiento en la finca" in page
    assert f"/network/meetings/{meeting.pk}/#minutes" in page


def test_outsiders_find_nothing(personas, client_as):
    make_members(personas)
    _endorsed(personas, make_group(personas), "Harvest wages published")
    assert client_as("dana").get("/en/network/search/", {"q": "harvest"}).status_code == 404


def test_too_short_a_search_says_why_and_keeps_the_words(personas, client_as):
    make_members(personas)
    response = client_as("rosa").get("/es/network/search/", {"q": "a"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="a"' in page
    assert "Asegúrese" in page or "caracteres" in page


def test_the_results_take_the_same_queries_however_many(personas, client_as):
    make_members(personas)
    group = make_group(personas)
    counter = iter(range(1000))

    def add(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            _draft(personas, group, f"Harvest draft {i}")
            recommendation = _endorsed(personas, group, f"Rec {i}", "About the harvest")
            services.content_text_set(
                actor=None, source=recommendation, language="es", title=f"Cosecha {i}", body="Texto"
            )
            meeting = services.meeting_create(
                actor=None,
                group=group if i % 2 else None,
                title=f"Harvest meeting {i}",
                meeting_format="online",
                online_url="https://meet.example.org/m",
                options=[slot(3 + i)],
            )
            services.minutes_save(
                actor=None, meeting=meeting, language="en", body="We spoke of the harvest."
            )

    client = client_as("rosa")
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: client.get("/en/network/search/?q=harvest"), limit=14
    )
