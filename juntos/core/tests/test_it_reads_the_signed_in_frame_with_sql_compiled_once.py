"""The session, the person and her memberships are read with SQL compiled once per connection:
the same objects the ORM returns, every write seen at once, nothing kept but the SQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core import signing
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from juntos.accounts.models import Membership, User
from juntos.accounts.services import membership_grant
from juntos.core import sessions
from juntos.core.compiled import CompiledLookup
from juntos.core.sessions import SessionStore
from juntos.testing.personas import logged_in_client

pytestmark = pytest.mark.django_db


def fields(obj):
    return {k: v for k, v in obj.__dict__.items() if not k.startswith("_")}


def test_a_lookup_returns_what_the_orm_returns_with_related_rows(personas):
    lookup = CompiledLookup(
        Membership,
        "user",
        lambda user: Membership.objects.filter(user=user).select_related("organisation"),
    )
    for person in personas.people.values():
        ours = lookup(person.pk)
        orm = list(Membership.objects.filter(user=person).select_related("organisation"))
        assert [fields(m) for m in ours] == [fields(m) for m in orm]
        assert [fields(m.organisation) for m in ours] == [fields(m.organisation) for m in orm]
        assert all(m._state.adding is False and m._state.db == "default" for m in ours)


def test_the_sql_is_compiled_once_and_every_write_is_seen_at_once(personas):
    lookup = CompiledLookup(User, "id", lambda pk: User.objects.filter(pk=pk))
    assert fields(lookup(personas.rosa.pk)[0]) == fields(User.objects.get(pk=personas.rosa.pk))
    plans = dict(lookup._plans)
    User.objects.filter(pk=personas.rosa.pk).update(display_name="Rosa H.")
    assert lookup(personas.rosa.pk)[0].display_name == "Rosa H."
    assert lookup(str(personas.rosa.pk))[0].pk == personas.rosa.pk  # as a session holds it
    assert lookup(10**9) == []
    assert lookup(10**30) == [] and lookup(-(10**30)) == []  # as the ORM, not an overflow
    assert dict(lookup._plans) == plans  # the same plan, run again with each value


def test_a_lookup_gives_annotations_as_the_orm_does(personas):
    count = Count("memberships")
    lookup = CompiledLookup(User, "id", lambda pk: User.objects.filter(pk=pk).annotate(n=count))
    for person in personas.people.values():
        ours = lookup(person.pk)
        orm = list(User.objects.filter(pk=person.pk).annotate(n=count))
        assert [fields(u) for u in ours] == [fields(u) for u in orm]
        assert ours[0].n == person.memberships.count()  # type: ignore[attr-defined]


def test_an_employer_s_address_with_a_number_too_large_is_not_found(personas):
    client = logged_in_client(personas.carl)
    for path in (
        f"/en/opportunities/mine/{10**30}/",
        f"/api/opportunities/vacancies/{2**63}/candidates",
    ):
        assert client.get(path).status_code == 404


def test_a_lookup_must_take_its_value_once():
    lookup = CompiledLookup(
        User, "id", lambda pk: User.objects.filter(pk=pk) | User.objects.filter(pk=pk)
    )
    with pytest.raises(ValueError, match="must take each value once"):
        lookup(1)


def test_a_revoked_membership_and_a_deactivated_person_count_on_the_next_request(personas):
    client = logged_in_client(personas.carl)
    assert client.get("/en/opportunities/mine/").status_code == 200
    membership = Membership.objects.get(user=personas.carl)
    membership.delete()  # as a revocation does; the next request must not see it
    assert client.get("/en/opportunities/mine/").status_code == 404
    membership_grant(
        actor=None, user=personas.carl, organisation=membership.organisation, role=membership.role
    )
    assert client.get("/en/opportunities/mine/").status_code == 200
    User.objects.filter(pk=personas.carl.pk).update(is_active=False)
    assert client.get("/en/opportunities/mine/").status_code == 302  # to the login page


def test_the_session_store_ends_expired_and_unknown_sessions(personas):
    store = SessionStore()
    store[SESSION_KEY] = str(personas.rosa.pk)
    store.create()
    assert SessionStore(store.session_key).load()[SESSION_KEY] == str(personas.rosa.pk)
    Session.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.load() == {} and expired.session_key is None
    unknown = SessionStore("x" * 32)
    assert unknown.load() == {} and unknown.session_key is None


def test_a_signed_in_page_still_reads_the_session_person_and_memberships_in_three_queries(
    personas,
):
    client = logged_in_client(personas.carl)
    client.get("/en/compliance/check/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/compliance/check/").status_code == 200
    tables = [q["sql"].split(" FROM ")[1].split()[0].strip('"') for q in queries.captured_queries]
    assert tables == ["django_session", "accounts_user", "accounts_membership"]


def test_a_verified_staff_session_reads_its_device_and_ends_when_the_device_goes(personas):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = logged_in_client(personas.amina)
    assert client.get("/en/reports/cases/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/compliance/check/").status_code == 200
    assert any("otp_totp_totpdevice" in q["sql"] for q in queries.captured_queries)
    TOTPDevice.objects.filter(user=personas.amina).update(confirmed=False)
    response = client.get("/en/reports/cases/")
    assert response.status_code == 302 and "second" in response["Location"]


def test_a_session_s_signature_is_checked_once_and_its_data_decoded_fresh_each_time(
    personas, monkeypatch
):
    monkeypatch.setattr(sessions, "_verified", {})
    store = SessionStore()
    store[SESSION_KEY] = str(personas.rosa.pk)
    store["seen"] = ["rights"]
    store.create()
    checked = []
    original = signing.loads

    def counted(*args, **kwargs):
        checked.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(signing, "loads", counted)
    first = SessionStore(store.session_key).load()
    first["seen"].append("changed in one request, never saved")
    again = SessionStore(store.session_key).load()
    assert again == {SESSION_KEY: str(personas.rosa.pk), "seen": ["rights"]}
    assert len(checked) == 1
    # Changed data is checked again.
    store["seen"] = ["rights", "reports"]
    store.save()
    assert SessionStore(store.session_key).load()["seen"] == ["rights", "reports"]
    assert len(checked) == 2


def test_data_whose_signature_does_not_hold_is_refused_however_like_a_good_one_it_is(
    personas, settings
):
    store = SessionStore()
    store[SESSION_KEY] = str(personas.rosa.pk)
    store.create()
    data = Session.objects.get(pk=store.session_key).session_data
    assert SessionStore().decode(data)[SESSION_KEY] == str(personas.rosa.pk)
    payload, _, signature = data.rpartition(":")
    forged = f"{payload}:{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}"
    assert SessionStore().decode(forged) == {}
    assert SessionStore().decode(forged) == {}  # and again: a refusal is never remembered
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40  # a new key: the old data is void
    assert SessionStore().decode(data) == {}
