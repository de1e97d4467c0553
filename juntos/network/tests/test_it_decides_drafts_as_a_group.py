"""The working group decides on a draft as a group: its members agree or disagree on the
current revision, and the draft is endorsed once the group's quorum has answered and more
agree than disagree. A new revision starts the answers again."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from juntos.core.models import AuditEntry
from juntos.network import services
from juntos.network.tests.factories import make_group, make_members, make_recommendation


def _answer(personas, draft, key, agrees=True):
    return services.recommendation_answer(
        actor=getattr(personas, key), recommendation=draft, agrees=agrees
    )


@pytest.mark.parametrize(
    ("members", "quorum", "needed"),
    [(1, None, 1), (2, None, 2), (3, None, 2), (5, None, 3), (6, None, 4), (5, 2, 2), (3, 9, 3)],
)
def test_the_quorum_is_a_majority_unless_the_group_says_otherwise(members, quorum, needed):
    assert services.decision_needed(members=members, quorum=quorum) == needed


def test_one_co_chair_no_longer_decides_for_the_group(personas, client_as):
    draft = make_recommendation(personas)  # group: rosa, carl, amina -> 2 answers needed
    progress = _answer(personas, draft, "rosa")
    assert (progress.answered, progress.needed, progress.members) == (1, 2, 3)
    assert draft.status == "draft"
    page = client_as("amina").get(f"/en/network/recommendations/{draft.pk}/").content.decode()
    assert "1 of 2 needed" in page and "Save my answer" in page
    _answer(personas, draft, "amina")
    draft.refresh_from_db()
    assert draft.status == "endorsed"
    assert AuditEntry.objects.filter(action="network.recommendation_endorse").count() == 1
    with pytest.raises(ValidationError, match="already decided"):
        _answer(personas, draft, "carl", agrees=False)


def test_a_quorum_that_mostly_disagrees_leaves_the_draft_a_draft(personas, client_as):
    draft = make_recommendation(personas)
    _answer(personas, draft, "rosa")
    _answer(personas, draft, "carl", agrees=False)
    progress = _answer(personas, draft, "amina", agrees=False)
    assert progress.quorum_met and not progress.carried
    assert draft.status == "draft"
    page = client_as("rosa").get(f"/en/network/recommendations/{draft.pk}/").content.decode()
    assert "most do not agree with this version" in page
    # A member may change her answer: now two of the three agree.
    assert _answer(personas, draft, "amina", agrees=True).carried
    draft.refresh_from_db()
    assert draft.status == "endorsed"


def test_a_new_revision_starts_the_answers_again(personas):
    draft = make_recommendation(personas)
    _answer(personas, draft, "rosa")
    services.recommendation_revise(
        actor=personas.amina, recommendation=draft, title="Line", body="Night too"
    )
    progress = _answer(personas, draft, "carl")
    assert (progress.revision, progress.answered) == (2, 1)
    assert draft.status == "draft"


def test_a_group_sets_its_own_quorum(personas):
    members = make_members(personas)
    group = services.group_create(
        actor=None,
        name="Housing",
        mandate="Housing",
        co_chairs=[members["rosa"], members["carl"]],
        decision_quorum=1,
    )
    draft = make_recommendation(personas, group=group)
    _answer(personas, draft, "carl")
    assert draft.status == "endorsed"
    with pytest.raises(ValidationError):
        services.group_create(
            actor=None, name="X", mandate="Y", co_chairs=[members["rosa"]], decision_quorum=0
        )


def test_only_the_drafting_group_answers(personas, client_as):
    draft = make_recommendation(personas, group=make_group(personas))
    for key in ("ben", "ines", "dana"):
        with pytest.raises((PermissionDenied, ValidationError)):
            _answer(personas, draft, key)
    empty = client_as("rosa").post(f"/en/network/recommendations/{draft.pk}/answer/", {})
    assert empty.status_code == 200 and "errorlist" in empty.content.decode()


def test_the_coordinator_changes_a_groups_quorum_and_it_counts_from_the_next_answer(
    personas, client_as
):
    group = make_group(personas)  # rosa, carl, amina: a majority is 2
    draft = make_recommendation(personas, group=group)
    _answer(personas, draft, "rosa")
    page = client_as("ben")
    refused = page.post(f"/es/network/groups/{group.pk}/quorum/", {"decision_quorum": "0"})
    html = refused.content.decode()
    assert refused.status_code == 200 and 'value="0"' in html and "errorlist" in html
    done = page.post(f"/en/network/groups/{group.pk}/quorum/", {"decision_quorum": "1"})
    assert done.status_code == 302
    group.refresh_from_db()
    assert group.decision_quorum == 1
    entry = AuditEntry.objects.get(action="network.group_quorum_set")
    assert entry.details == {"quorum": 1, "previous": None}
    draft.refresh_from_db()
    assert draft.status == "draft"  # the change alone decides nothing
    assert _answer(personas, draft, "rosa").carried  # her answer given again counts
    with pytest.raises(ValidationError, match="already has this quorum"):
        services.group_quorum_set(actor=personas.ben, group=group, decision_quorum=1)
    with pytest.raises(PermissionDenied):
        services.group_quorum_set(actor=personas.rosa, group=group, decision_quorum=None)
    # Back to a majority: an empty field.
    assert (
        page.post(f"/en/network/groups/{group.pk}/quorum/", {"decision_quorum": ""}).status_code
        == 302
    )
    group.refresh_from_db()
    assert group.decision_quorum is None
