import datetime as dt

from django.db import connection
from django.test import RequestFactory, override_settings
from django.utils import timezone

from juntos.core.models import Throttle
from juntos.core.privacy import anonymous_flow, client_address
from juntos.core.ratelimit import (
    rate_count,
    rate_hit,
    rate_limited,
    rate_purge_expired,
    rate_reset,
)
from juntos.core.tasks import purge_expired_throttles


def test_hits_count_up_to_the_limit_and_reset(db):
    for expected in range(1, 4):
        assert rate_hit("scope", "key", window_seconds=60) == expected
    assert rate_limited("scope", "key", limit=3)
    assert not rate_limited("scope", "other", limit=3)
    rate_reset("scope", "key")
    assert rate_count("scope", "key") == 0


def test_the_raw_key_never_reaches_the_table(db):
    rate_hit("login", "203.0.113.77", window_seconds=60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT key, count, expires_at FROM core_throttle")
        rows = cursor.fetchall()
    assert len(rows) == 1 and "203.0.113.77" not in str(rows)


def test_no_counter_is_evicted_by_ten_thousand_others(db):
    for _ in range(5):
        rate_hit("login-account", "rosa@example.org", window_seconds=900)
    now = timezone.now()
    later = now + dt.timedelta(hours=1)
    Throttle.objects.bulk_create(
        Throttle(key=f"reports-code:{n:040x}", count=1, expires_at=later) for n in range(10_000)
    )
    for n in range(50):  # and more arrive through the ordinary path
        rate_hit("reports-code", f"guess-{n}", window_seconds=600)
    assert rate_count("login-account", "rosa@example.org") == 5
    assert rate_limited("login-account", "rosa@example.org", limit=5)


def test_a_window_ends_and_the_purge_removes_it(db):
    rate_hit("scope", "key", window_seconds=60)
    Throttle.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert rate_count("scope", "key") == 0
    assert rate_hit("scope", "key", window_seconds=60) == 1  # a new window starts at one
    Throttle.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    rate_hit("scope", "live", window_seconds=60)
    assert purge_expired_throttles.call() == 1
    assert rate_purge_expired() == 0
    assert rate_count("scope", "live") == 1


def test_a_window_end_is_kept_to_the_minute(db):
    rate_hit("scope", "key", window_seconds=90)
    expires_at = Throttle.objects.get().expires_at
    assert expires_at.second == 0 and expires_at.microsecond == 0
    assert expires_at > timezone.now() + dt.timedelta(seconds=89)


def test_the_purge_runs_periodically():
    from django.conf import settings

    assert "juntos.core.tasks.purge_expired_throttles" in {
        path for path, _ in settings.JUNTOS_PERIODIC_TASKS.values()
    }


def _request(remote: str, forwarded: str = ""):
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


@override_settings(JUNTOS_TRUSTED_PROXY_COUNT=0)
def test_without_a_proxy_the_client_is_the_connection_and_forwarded_headers_are_ignored():
    assert client_address(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@override_settings(JUNTOS_TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_client_is_the_address_the_proxy_saw():
    assert client_address(_request("10.0.0.2", "198.51.100.1")) == "198.51.100.1"
    # What the client wrote itself, further left, is ignored: it cannot pick its own counter.
    assert client_address(_request("10.0.0.2", "1.2.3.4, 198.51.100.1")) == "198.51.100.1"


@override_settings(JUNTOS_TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_client_is_the_second_from_the_right():
    request = _request("10.0.0.3", "6.6.6.6, 198.51.100.1, 10.0.0.2")
    assert client_address(request) == "198.51.100.1"


@override_settings(JUNTOS_TRUSTED_PROXY_COUNT=0)
def test_an_ipv6_client_is_counted_by_its_network():
    one = client_address(_request("2001:db8:1:2::1"))
    other = client_address(_request("2001:db8:1:2:ffff::9"))
    assert one == other == "2001:db8:1:2::/64"


def test_anonymous_flows_have_no_client_address():
    seen = []

    @anonymous_flow
    def view(request):
        seen.append(client_address(request))
        from django.http import HttpResponse

        return HttpResponse()

    view(_request("10.0.0.2", "198.51.100.1"))
    assert seen == [""]
