"""The catalogue: faceted search without JavaScript, counts per facet, constant query count."""

from __future__ import annotations

from juntos.learning.choices import CourseFormat, Schedule, Topic
from juntos.learning.tests.factories import CourseFactory, SessionFactory
from juntos.testing.queries import assert_queries_do_not_grow


def _courses(provider, n, **fields):
    for _ in range(n):
        SessionFactory.create(
            course=CourseFactory.create(organisation_id=provider.organisation.pk, **fields)
        )


def test_facets_filter_and_count(personas, provider, client):
    _courses(provider, 2, topic=Topic.ENGLISH)
    _courses(provider, 1, topic=Topic.FINANCIAL_LITERACY, format=CourseFormat.ONLINE)
    page = client.get("/en/learning/?topic=english").content.decode()
    assert page.count('class="card"') == 2
    # Counts of the topic facet ignore the topic chosen, so she sees what else there is.
    assert "English (2)" in page and "Financial literacy and savings (1)" in page
    assert "In person (2)" in page and "Online (1)" not in page  # other facets follow the filter


def test_schedule_facet_finds_courses_that_fit_farm_work(personas, provider, client):
    SessionFactory.create(
        course=CourseFactory.create(organisation_id=provider.organisation.pk),
        schedule=Schedule.RAIN_DAYS,
    )
    _courses(provider, 2)  # evenings
    page = client.get("/es/learning/?schedule=rain-days").content.decode()
    assert page.count('class="card"') == 1
    assert "Días de lluvia (1)" in page and "Por la tarde-noche (2)" in page


def test_text_search_in_her_language(personas, provider, client):
    CourseFactory.create(
        organisation_id=provider.organisation.pk,
        texts={"en": "Saving money at home", "es": "Ahorrar dinero para la casa"},
    )
    _courses(provider, 2)
    page = client.get("/es/learning/?q=ahorrar").content.decode()
    assert "Ahorrar dinero para la casa" in page
    assert page.count('class="card"') == 1


def test_bad_facet_values_are_ignored_not_a_500(personas, provider, client):
    _courses(provider, 1)
    response = client.get("/en/learning/?topic=%3Cscript%3E&province=ZZZ")
    assert response.status_code == 200
    assert response.content.decode().count('class="card"') == 1


def _cards(response):
    return response.content.decode().count('class="card"')


def test_catalogue_queries_do_not_grow_with_courses(personas, provider, client):
    # Providers, one aggregate query for every facet and the total, the courses, their texts
    # and their sessions: however many courses and facet values there are.
    assert_queries_do_not_grow(
        add_items=lambda n: _courses(provider, n),
        fetch=lambda: client.get("/es/learning/"),
        limit=5,
        rows=_cards,
    )


def test_faceted_catalogue_queries_do_not_grow_with_courses(personas, provider, client):
    schedules = iter([Schedule.EVENINGS, Schedule.WEEKENDS, Schedule.RAIN_DAYS] * 10)
    topics = iter([Topic.ENGLISH, Topic.FRENCH] * 10)

    def add(n):
        for _ in range(n):
            course = CourseFactory.create(
                organisation_id=provider.organisation.pk,
                topic=next(topics),
                texts={"es": "Curso de inglés", "en": "English course"},
            )
            SessionFactory.create(course=course, schedule=next(schedules))

    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: client.get(
            "/es/learning/?topic=english&schedule=evenings&format=in-person&q=curso"
        ),
        limit=5,
        rows=_cards,
    )


def test_facet_counts_follow_the_other_facets_and_the_text(personas, provider, client):
    """One aggregate query counts every facet: each count is what choosing it would give."""
    org = provider.organisation.pk
    both = CourseFactory.create(organisation_id=org, topic=Topic.ENGLISH, texts={"en": "Talk"})
    SessionFactory.create(course=both, schedule=Schedule.EVENINGS)
    SessionFactory.create(course=both, schedule=Schedule.WEEKENDS)
    online = CourseFactory.create(
        organisation_id=org, topic=Topic.ENGLISH, format=CourseFormat.ONLINE, texts={"en": "Talk"}
    )
    SessionFactory.create(course=online, schedule=Schedule.WEEKENDS)
    other = CourseFactory.create(organisation_id=org, topic=Topic.FRENCH, texts={"en": "Read"})
    SessionFactory.create(course=other, schedule=Schedule.EVENINGS)
    body = client.get("/api/learning/courses?schedule=weekends&q=talk").json()
    facets = {name: dict((f["value"], f["count"]) for f in v) for name, v in body["facets"].items()}
    assert len(body["courses"]) == 2
    assert facets["topic"] == {"english": 2}  # "Read" does not match the text
    assert facets["schedule"] == {"evenings": 1, "weekends": 2}  # a course in two schedules
    assert facets["format"] == {"in-person": 1, "online": 1}
    page = client.get("/en/learning/?schedule=weekends&q=talk").content.decode()
    assert "2 courses" in page and page.count('class="card"') == 2


def test_catalogue_api_queries_do_not_grow_with_courses(personas, provider, client):
    assert_queries_do_not_grow(
        add_items=lambda n: _courses(provider, n),
        fetch=lambda: client.get("/api/learning/courses?topic=english"),
        limit=10,
    )
    body = client.get("/api/learning/courses").json()
    assert len(body["courses"]) == 10
    assert body["facets"]["topic"] == [{"value": "english", "count": 10}]


def test_course_page_shows_places_and_waiting(personas, provider, client):
    session = SessionFactory.create(
        course=CourseFactory.create(organisation_id=provider.organisation.pk), capacity=1
    )
    from juntos.learning.services import enrolment_create

    enrolment_create(actor=personas.rosa, session=session)
    enrolment_create(actor=personas.amina, session=session)
    page = client.get(f"/en/learning/courses/{session.course_id}/").content.decode()
    assert "Full: 1 person waiting" in page
    assert client.get("/en/learning/courses/999999/").status_code == 404


def test_provider_facet(personas, provider, client):
    from juntos.accounts.selectors import organisations_by_slug

    other = organisations_by_slug(["niagara-workers-centre"])["niagara-workers-centre"]
    _courses(provider, 2)
    SessionFactory.create(course=CourseFactory.create(organisation_id=other.pk))
    page = client.get(f"/en/learning/?provider={other.pk}").content.decode()
    assert page.count('class="card"') == 1
    assert (
        "Valley Community Learning Centre (2)" in page
        and "Niagara Workers&#x27; Centre (1)" in page
    )
    assert client.get("/en/learning/?provider=abc").status_code == 200


def test_text_search_finds_the_place(personas, provider, client):
    SessionFactory.create(
        course=CourseFactory.create(organisation_id=provider.organisation.pk, place="Kelowna")
    )
    _courses(provider, 2)  # in Abbotsford
    page = client.get("/en/learning/?q=kelowna").content.decode()
    assert page.count('class="card"') == 1 and "Kelowna" in page
