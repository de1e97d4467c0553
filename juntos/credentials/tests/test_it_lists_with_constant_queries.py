"""Every list page and list endpoint of the credentials app keeps its query count flat."""

from __future__ import annotations

import itertools

from juntos.accounts.selectors import organisations_by_slug
from juntos.credentials.models import Equivalence, Framework, Standard, Unit
from juntos.credentials.services import assessment_request, share_create
from juntos.credentials.tests.helpers import issue_to
from juntos.testing.personas import logged_in_client
from juntos.testing.queries import assert_queries_do_not_grow

_numbers = itertools.count(1)


def _standards(n: int, framework: Framework) -> list[Standard]:
    made = []
    for _ in range(n):
        i = next(_numbers)
        standard = Standard.objects.create(
            framework=framework, code=f"T{i}", uri=f"urn:test:{i}", titles={"en": f"T {i}"},
            certainty="uncertain", source_url="https://example.org/",
        )  # fmt: skip
        Unit.objects.create(standard=standard, code="U1", titles={"en": "u"})
        made.append(standard)
    return made


def _issue_many(personas, standard, fraser, n):
    """n credentials for rosa (each from its own request and decision)."""
    for _ in range(n):
        issue_to(personas, standard, fraser.pk)


def test_the_standards_page(client, loaded):
    framework = Framework.objects.get(code="conocer")
    assert_queries_do_not_grow(
        add_items=lambda n: _standards(n, framework),
        fetch=lambda: client.get("/en/credentials/"),
        limit=6,
    )


def test_a_standards_mappings(client, loaded):
    source = Standard.objects.get(code="85101")

    def add(n):
        for target in _standards(n, Framework.objects.get(code="esco")):
            e = Equivalence.objects.create(
                key=f"k{target.pk}", source=source, target=target, match="related",
                status="proposed", source_note="n",
            )  # fmt: skip
            e.covered_units.set(target.units.all())

    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: client.get("/en/credentials/standards/noc-2021/85101/"),
        limit=8,
    )


def test_her_credentials(personas, authorised, fraser):
    rosa = logged_in_client(personas.rosa)
    assert_queries_do_not_grow(
        add_items=lambda n: _issue_many(personas, authorised, fraser, n),
        fetch=lambda: rosa.get("/es/credentials/mine/"),
        limit=12,
    )


def test_her_credentials_in_the_api(personas, authorised, fraser):
    rosa = logged_in_client(personas.rosa)
    assert_queries_do_not_grow(
        add_items=lambda n: _issue_many(personas, authorised, fraser, n),
        fetch=lambda: rosa.get("/api/credentials/mine"),
        limit=8,
    )


def test_the_standards_api(client, loaded):
    framework = Framework.objects.get(code="esco")
    assert_queries_do_not_grow(
        add_items=lambda n: _standards(n, framework),
        fetch=lambda: client.get("/api/credentials/standards"),
        limit=4,
    )


def test_shared_with_an_employer(personas, authorised, fraser):
    orchard = organisations_by_slug(["okanagan-orchards"])["okanagan-orchards"].pk

    def add(n):
        for _ in range(n):
            credential = issue_to(personas, authorised, fraser.pk)
            share_create(actor=personas.rosa, credential=credential, recipient_label="c",
                         organisation_id=orchard)  # fmt: skip

    carl = logged_in_client(personas.carl)
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: carl.get("/en/credentials/shared-with-us/"), limit=10
    )


def test_the_assessors_queue(personas, authorised, fraser):
    from juntos.accounts.services import person_create

    def add(n):
        for _ in range(n):
            i = next(_numbers)
            worker = person_create(
                actor=personas.admin, display_name=f"W {i}", password="x-test-password-9",
                email=f"w{i}@example.org", language="es", channel="email",
            )  # fmt: skip
            assessment_request(actor=worker, standard=authorised, organisation_id=fraser.pk)

    amina = logged_in_client(personas.amina)
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: amina.get("/en/credentials/assess/"), limit=12
    )


def test_what_the_network_issued(personas, authorised, fraser):
    ben = logged_in_client(personas.ben)
    assert_queries_do_not_grow(
        add_items=lambda n: _issue_many(personas, authorised, fraser, n),
        fetch=lambda: ben.get("/en/credentials/issued/"),
        limit=10,
    )
