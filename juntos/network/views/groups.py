"""The network's home page and working groups."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.accounts.selectors import public_organisations, user_by_identifier
from juntos.core.forms import submit
from juntos.network import selectors, services
from juntos.network.choices import MemberKind
from juntos.network.forms import GroupForm, GroupMemberForm, MemberAddForm, QuorumForm
from juntos.network.models import WorkingGroup
from juntos.network.policies import (
    can_manage_network,
    can_translate_network,
    can_view_network,
    network_member_of,
)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not can_view_network(request.user):
        # People outside the network learn what it is and see its public results only.
        results = list(selectors.public_results()[:20])
        return render(request, "network/outsider.html", {"results": results})
    groups = list(selectors.groups_for(request.user))
    context = {
        "groups": groups,
        "coming": selectors.upcoming_meetings_for(request.user, limit=10),
        "polling": selectors.polling_meetings_for(request.user, limit=10),
        "open_votes": list(selectors.open_votes_for(request.user)[:10]),
        "member": network_member_of(request.user),
        "is_coordinator": can_manage_network(request.user),
        "can_translate": can_translate_network(request.user),
    }
    return render(request, "network/index.html", context)


@login_required
def group_create(request: HttpRequest) -> HttpResponse:
    if not can_manage_network(request.user):
        raise PermissionDenied
    members = selectors.members_for(request.user)
    form = GroupForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        group = submit(
            form,
            lambda: services.group_create(
                actor=request.user,
                name=form.cleaned_data["name"],
                mandate=form.cleaned_data["mandate"],
                co_chairs=form.cleaned_data["co_chairs"],
                decision_quorum=form.cleaned_data["decision_quorum"],
            ),
        )
        if group is not None:
            messages.success(request, _("The working group is created."))
            return redirect("network:group", group_id=group.pk)
    return render(request, "network/group_form.html", {"form": form})


@login_required
def group_detail(request: HttpRequest, group_id: int) -> HttpResponse:
    group = selectors.get_group_for(request.user, group_id)
    return _group_page(request, group)


def _group_page(
    request: HttpRequest,
    group: WorkingGroup,
    form: GroupMemberForm | None = None,
    quorum_form: QuorumForm | None = None,
) -> HttpResponse:
    if form is None:
        form = GroupMemberForm(members=selectors.members_for(request.user))
    if quorum_form is None:
        quorum_form = QuorumForm(initial={"decision_quorum": group.decision_quorum})
    context = {
        "quorum_form": quorum_form,
        "group": group,
        "sectors_differ": selectors.co_chair_sectors_differ(group),
        "recommendations": selectors.group_recommendations_for(request.user, group),
        "meetings": selectors.group_meetings_for(request.user, group, limit=10),
        "form": form,
        "is_coordinator": can_manage_network(request.user),
        "member": network_member_of(request.user),
    }
    return render(request, "network/group_detail.html", context)


@login_required
@require_POST
def group_quorum(request: HttpRequest, group_id: int) -> HttpResponse:
    group = selectors.get_group_for(request.user, group_id)
    if not can_manage_network(request.user):
        raise PermissionDenied
    form = QuorumForm(request.POST)
    if submit(
        form,
        lambda: services.group_quorum_set(
            actor=request.user, group=group, decision_quorum=form.cleaned_data["decision_quorum"]
        ),
    ):
        messages.success(
            request, _("The group's quorum is changed. It counts from the next answer.")
        )
        return redirect("network:group", group_id=group.pk)
    return _group_page(request, group, quorum_form=form)


@login_required
@require_POST
def group_member_add(request: HttpRequest, group_id: int) -> HttpResponse:
    group = selectors.get_group_for(request.user, group_id)
    if not can_manage_network(request.user):
        raise PermissionDenied
    form = GroupMemberForm(request.POST, members=selectors.members_for(request.user))
    if form.is_valid() and submit(
        form,
        lambda: services.group_member_add(
            actor=request.user,
            group=group,
            member=form.cleaned_data["member"],
            is_co_chair=form.cleaned_data["is_co_chair"],
        ),
    ):
        messages.success(request, _("The member is added."))
        return redirect("network:group", group_id=group.pk)
    return _group_page(request, group, form)


@login_required
def members(request: HttpRequest) -> HttpResponse:
    found = selectors.members_for(request.user)
    organisations = public_organisations()
    form = MemberAddForm(request.POST or None, organisations=organisations)
    if request.method == "POST":
        if not can_manage_network(request.user):
            raise PermissionDenied
        if form.is_valid() and submit(form, lambda: _admit(request, form)):
            messages.success(request, _("The member is admitted to the network."))
            return redirect("network:members")
    context = {
        "members": list(found),
        "form": form,
        "is_coordinator": can_manage_network(request.user),
    }
    return render(request, "network/members.html", context)


def _admit(request: HttpRequest, form: MemberAddForm) -> Any:
    person = user_by_identifier(form.cleaned_data["identifier"].strip())
    if person is None:
        raise ValidationError({"identifier": _("Nobody has an account with that email or number.")})
    organisation = form.cleaned_data["organisation"]
    return services.member_add(
        actor=request.user,
        user=person,
        kind=MemberKind.ORGANISATION if organisation else MemberKind.PERSON,
        organisation_id=organisation.pk if organisation else None,
        name=organisation.name if organisation else "",
        sector=form.cleaned_data["sector"],
        is_voting=form.cleaned_data["is_voting"],
        is_interpreter=form.cleaned_data["is_interpreter"],
    )
