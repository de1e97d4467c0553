import pytest
from django.core.exceptions import PermissionDenied

from juntos.accounts.choices import Role
from juntos.accounts.policies import has_role, requires_second_factor
from juntos.accounts.services import membership_grant, membership_revoke
from juntos.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _org(person):
    return person.memberships.first().organisation


def test_an_organisation_admin_grants_and_revokes_roles(personas):
    org = _org(personas.amina)
    membership_grant(actor=personas.admin, user=personas.dana, organisation=org, role=Role.ADMIN)
    dana = type(personas.dana).objects.get(pk=personas.dana.pk)  # fresh, uncached memberships
    granted = membership_grant(actor=dana, user=personas.rosa, organisation=org, role=Role.MEMBER)
    assert AuditEntry.objects.filter(
        action="accounts.role_granted", object_id=str(granted.pk)
    ).exists()
    membership_revoke(actor=dana, membership=granted)
    assert not personas.rosa.memberships.filter(organisation=org).exists()


@pytest.mark.parametrize("persona", ["amina", "carl", "dana", "rosa"])
def test_others_cannot_grant_roles_in_an_organisation(personas, persona):
    org = _org(personas.amina)
    with pytest.raises(PermissionDenied):
        membership_grant(
            actor=getattr(personas, persona), user=personas.rosa, organisation=org, role=Role.ADMIN
        )


def test_roles_are_scoped_to_their_organisation(personas):
    fraser = _org(personas.amina)
    niagara = _org(personas.dana)
    assert has_role(personas.amina, fraser.pk, {Role.CASEWORKER})
    assert not has_role(personas.amina, niagara.pk, {Role.CASEWORKER})
    assert not has_role(personas.dana, fraser.pk, {Role.CASEWORKER})


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("rosa", False),
        ("carl", False),
        ("rita", False),
        ("amina", True),
        ("ben", True),
        ("ines", True),
        ("dana", True),
        ("admin", True),
    ],
)
def test_who_needs_a_second_factor(personas, persona, expected):
    assert requires_second_factor(getattr(personas, persona)) is expected
