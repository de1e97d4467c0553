"""The coordinator admits people and organisations' representatives with their sector."""

from __future__ import annotations

from juntos.accounts.selectors import organisations_by_slug
from juntos.network.models import NetworkMember
from juntos.network.tests.factories import MemberFactory, make_group, make_members
from juntos.testing.queries import assert_queries_do_not_grow


def test_ben_admits_dana_for_her_organisation(personas, client_as):
    make_members(personas)
    centre = organisations_by_slug(["niagara-workers-centre"])["niagara-workers-centre"]
    outside = client_as("dana").get("/en/network/")
    assert "You are not a member of the network" in outside.content.decode()
    response = client_as("ben").post(
        "/en/network/members/",
        {
            "identifier": personas.dana.email,
            "organisation": centre.pk,
            "sector": "civil-society",
            "is_voting": "on",
        },
    )
    assert response.status_code == 302
    member = NetworkMember.objects.get(user=personas.dana)
    assert (member.kind, member.organisation_id, member.name) == (
        "organisation",
        centre.pk,
        centre.name,
    )
    inside = client_as("dana").get("/en/network/").content.decode()
    assert "You are not a member" not in inside and "Working groups" in inside


def test_an_unknown_person_is_explained_and_the_input_kept(personas, client_as):
    make_members(personas)
    response = client_as("ben").post(
        "/en/network/members/", {"identifier": "nobody@example.org", "sector": "labour"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["identifier"] and form.data["identifier"] == "nobody@example.org"


def test_a_member_cannot_admit_others(personas, client_as):
    make_members(personas)
    response = client_as("rosa").post(
        "/en/network/members/", {"identifier": personas.dana.email, "sector": "labour"}
    )
    assert response.status_code == 403
    assert not NetworkMember.objects.filter(user=personas.dana).exists()


def test_co_chairs_from_one_sector_get_a_nudge(personas, client_as):
    group = make_group(personas, chairs=("amina", "ben"))  # both civil society
    page = client_as("ben").get(f"/en/network/groups/{group.pk}/").content.decode()
    assert "co-chairs all come from one sector" in page


def test_members_list_queries_do_not_grow(personas, client_as):
    make_members(personas)
    rosa = client_as("rosa")
    assert_queries_do_not_grow(
        add_items=lambda n: MemberFactory.create_batch(n),
        fetch=lambda: rosa.get("/en/network/members/"),
        limit=10,
    )
