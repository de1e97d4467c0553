import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from juntos.core.privacy import anonymous_flow, client_address

pytestmark = pytest.mark.django_db


def test_pages_carry_strict_security_headers(client):
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_pages_have_landmarks_a_skip_link_and_no_script(client):
    html = client.get("/es/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html
    assert "<script" not in html


def test_anonymous_flows_lose_address_and_device_before_the_view_runs():
    seen = {}

    @anonymous_flow
    def view(request):
        seen.update(request.META)
        seen["address"] = client_address(request)
        return HttpResponse("ok")

    request = RequestFactory().post(
        "/report/",
        REMOTE_ADDR="203.0.113.77",
        HTTP_USER_AGENT="CanaryPhone/1.0",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
        HTTP_REFERER="https://example.org/from",
    )
    response = view(request)
    assert "203.0.113.77" not in repr(seen)
    assert "CanaryPhone" not in repr(seen)
    assert "198.51.100.9" not in repr(seen)
    assert "example.org/from" not in repr(seen)
    assert seen["address"] == ""
    assert response["Cache-Control"] == "no-store"


def test_error_logs_never_carry_the_request(caplog):
    import logging

    from juntos.core.logfilters import DropClientIdentityFilter

    record = logging.LogRecord("django.request", logging.ERROR, "x", 1, "boom", None, None)
    record.request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.77")
    DropClientIdentityFilter().filter(record)
    assert record.request is None  # type: ignore[attr-defined]


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    root = Path(__file__).resolve().parents[3]
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "juntos.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 20 + "production-secret-key-for-the-deploy-check-0123456789",
        "DJANGO_ALLOWED_HOSTS": "juntos.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path}/deploy.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=root,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_DEBUG": "0",
            "DJANGO_SETTINGS_MODULE": "juntos.settings",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "url", ["/api/organisations?kind=%00", "/es/rights/search/?q=a%00b", "/es/%00/"]
)
def test_a_nul_character_in_the_address_is_a_clear_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_a_nul_character_in_a_json_body_is_a_clear_400(client):
    response = client.post(
        "/api/reports/intake", '{"details": "a\\u0000b"}', content_type="application/json"
    )
    assert response.status_code == 400
