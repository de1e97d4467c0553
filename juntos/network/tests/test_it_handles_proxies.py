"""Proxy votes: optional, at most one given and one held per member, cast by the holder."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from juntos.network import services
from juntos.network.models import Ballot, Participation, Proxy
from juntos.network.tests.factories import make_members, make_vote


def test_a_holder_votes_for_the_grantor(personas, client_as):
    vote = make_vote(personas, proxies=True)
    members = make_members(personas)
    services.proxy_grant(actor=personas.rosa, vote=vote, holder=members["amina"])
    amina = client_as("amina")
    page = amina.get(f"/en/network/votes/{vote.pk}/")
    assert [m.pk for m in page.context["proxies_held"]] == [members["rosa"].pk]
    response = amina.post(
        f"/en/network/votes/{vote.pk}/ballot/",
        {"choice": "yes", "on_behalf_of": members["rosa"].pk},
    )
    assert response.status_code == 200
    participation = Participation.objects.get(vote=vote)
    assert participation.voter == members["rosa"] and participation.cast_by == members["amina"]
    # Rosa gave her vote away; she cannot vote herself as well.
    with pytest.raises(ValidationError):
        services.ballot_cast(actor=personas.rosa, vote=vote, choice="no")
    assert Ballot.objects.filter(vote=vote).count() == 1


def test_at_most_one_proxy_per_member(personas):
    vote = make_vote(personas, proxies=True)
    members = make_members(personas)
    services.proxy_grant(actor=personas.rosa, vote=vote, holder=members["amina"])
    with pytest.raises(ValidationError):
        services.proxy_grant(actor=personas.carl, vote=vote, holder=members["amina"])
    with pytest.raises(ValidationError):
        services.proxy_grant(actor=personas.rosa, vote=vote, holder=members["ines"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Proxy.objects.create(vote=vote, grantor=members["carl"], holder=members["amina"])
    assert Proxy.objects.filter(vote=vote).count() == 1


def test_proxies_only_where_the_vote_allows_them(personas):
    vote = make_vote(personas, proxies=False)
    with pytest.raises(ValidationError):
        services.proxy_grant(actor=personas.rosa, vote=vote, holder=make_members(personas)["amina"])


def test_nobody_votes_for_someone_without_a_proxy(personas):
    vote = make_vote(personas, proxies=True)
    members = make_members(personas)
    with pytest.raises(PermissionDenied):
        services.ballot_cast(
            actor=personas.amina, vote=vote, choice="yes", on_behalf_of=members["rosa"]
        )
