from functools import partial

from django.utils import timezone

from juntos.accounts.selectors import organisations_by_slug
from juntos.registry import services
from juntos.registry.tests import factories
from juntos.registry.tests.query_counts import assert_page_and_api_stay_flat, reviews_in_api
from juntos.testing.queries import assert_max_queries, assert_queries_do_not_grow

REVIEW_MARK = "Paid a fee to get the job:"  # once per review card


def reviews_on_page(response):
    return response.content.decode().count(REVIEW_MARK)


def test_search_page_and_api(client, db):
    def adder(word):
        # Each list gets its own word, so that it starts empty and stays under its limit of
        # results (10 or 20): the rows added must be rows it shows.
        def add(n):
            for i in range(n):
                owner = factories.employer(f"{word} Growers {i} Ltd.")
                factories.site(owner, name=f"{word} {i}")
                factories.licence(factories.recruiter(f"{word} Recruiting {i}"))

        return add

    assert_queries_do_not_grow(
        add_items=adder("Orchard"),
        fetch=lambda: client.get("/en/registry/", {"q": "orchard"}),
        limit=10,
    )
    for word, path in (
        ("Vineyard", "/api/registry/employers"),
        ("Nursery", "/api/registry/recruiters"),
        ("Greenhouse", "/api/registry/sites"),
    ):
        assert_queries_do_not_grow(
            add_items=adder(word), fetch=partial(client.get, path, {"q": word}), limit=6
        )


def test_employer_page_and_api_with_many_reviews(client, db):
    site = factories.site(name="Big farm")
    extra = factories.site(site.employer, name="Second farm")

    def add(n):
        for _ in range(n):
            factories.review_row(site, published=True, text="ok")
            factories.review_row(extra, published=True)

    slug = site.employer.slug
    assert_page_and_api_stay_flat(
        client,
        add_items=add,
        page=f"/en/registry/employers/{slug}/",
        api=f"/api/registry/employers/{slug}",
        limits=(8, 6),
        page_rows=reviews_on_page,
    )


def test_moderation_queue(client_as, db):
    ben = client_as("ben")

    def add(n):
        for _ in range(n):
            factories.review_row(factories.site(), text="waiting")

    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: ben.get("/en/registry/moderation/"), limit=10
    )


def test_moderation_queue_with_pending_replies(client_as, personas):
    organisation = organisations_by_slug(["okanagan-orchards"])["okanagan-orchards"]
    owner = factories.employer("Reply Farms Ltd.", organisation_id=organisation.pk)
    ben = client_as("ben")
    factories.review_row(factories.site(), text="a review waiting too")

    def add(n):
        for _ in range(n):
            review = factories.review_row(factories.site(owner), published=True, text="ok")
            services.review_reply(actor=personas.carl, review=review, body="REPLY waiting")

    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: ben.get("/en/registry/moderation/"), limit=10
    )
    assert ben.get("/en/registry/moderation/").content.decode().count("REPLY waiting") == 10


def test_employer_page_and_api_with_many_replies(client, personas):
    organisation = organisations_by_slug(["okanagan-orchards"])["okanagan-orchards"]
    site = factories.site(factories.employer("Answering Ltd.", organisation_id=organisation.pk))

    def add(n):
        for i in range(n):
            review = factories.review_row(site, published=True, text="ok")
            reply = services.review_reply(actor=personas.carl, review=review, body="answer")
            if i % 2:
                services.reply_moderate(actor=personas.ben, reply=reply, approve=True)

    slug = site.employer.slug
    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: client.get(f"/en/registry/employers/{slug}/"),
        limit=9,
        rows=reviews_on_page,
    )
    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: client.get(f"/api/registry/employers/{slug}"),
        limit=7,
        rows=reviews_in_api,
    )


def test_employers_own_page_with_replies_in_every_state(client_as, personas):
    organisation = organisations_by_slug(["okanagan-orchards"])["okanagan-orchards"]
    site = factories.site(factories.employer("Replies Ltd.", organisation_id=organisation.pk))
    carl = client_as("carl")

    def add(n):
        for i in range(n):
            review = factories.review_row(site, published=True, text="fine")
            reply = services.review_reply(actor=personas.carl, review=review, body="answer")
            if i % 3:
                approve = i % 3 == 1
                rule = "" if approve else "off-topic"
                services.reply_moderate(actor=personas.ben, reply=reply, approve=approve, rule=rule)

    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: carl.get("/en/registry/mine/"), limit=13
    )


def test_employers_own_page(client_as, personas):
    organisation = organisations_by_slug(["okanagan-orchards"])["okanagan-orchards"]
    site = factories.site(factories.employer("Carl Farms Ltd.", organisation_id=organisation.pk))
    carl = client_as("carl")

    def add(n):
        for _ in range(n):
            factories.review_row(site, published=True, text="fine")

    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: carl.get("/en/registry/mine/"), limit=12
    )


def test_recruiter_page(client, db):
    recruiter = factories.recruiter("Many Licences Agency")
    provinces = iter(["BC", "MB", "ON", "NS", "SK", "AB", "QC", "NB", "PE", "NL"])

    def add(n):
        for _ in range(n):
            factories.licence(recruiter, province=next(provinces))

    with assert_max_queries(6):
        client.get(f"/en/registry/recruiters/{recruiter.slug}/")
    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: client.get(f"/en/registry/recruiters/{recruiter.slug}/"),
        limit=6,
    )
    assert timezone.localdate()


def test_employer_page_with_many_sites_for_a_signed_in_worker(client_as, db):
    owner = factories.employer("Many Sites Ltd.")
    rosa = client_as("rosa")

    def add(n):
        for _ in range(n):
            factories.site(owner)

    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: rosa.get(f"/en/registry/employers/{owner.slug}/"), limit=12
    )
