import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from juntos.core.privacy import anonymous_flow, client_address
from juntos.demo.personas import DEMO_PASSWORD

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


def _env_example() -> dict[str, str]:
    root = Path(__file__).resolve().parents[3]
    values = {}
    for line in (root / ".env.example").read_text().splitlines():
        name, sep, value = line.partition("=")
        if sep and not line.lstrip().startswith("#"):
            values[name.strip()] = value.strip()
    return values


def _secret_files(env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """Each secret the example keeps in a file, generated as its comment says, at a test path."""
    generated = {
        "DJANGO_SECRET_KEY_FILE": secrets.token_urlsafe(50),
        "JUNTOS_HASH_KEY_FILE": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "JUNTOS_ENCRYPTION_KEYS_FILE": "1:" + base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "JUNTOS_AUDIT_KEY_FILE": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "JUNTOS_AUDIT_SIGNING_KEY_FILE": base64.urlsafe_b64encode(os.urandom(32)).decode(),
    }
    paths = {}
    for name in (name for name in env if name.endswith("_FILE")):
        path = tmp_path / name.lower()
        path.write_text(generated[name])
        paths[name] = str(path)
    return paths


def test_production_values_of_env_example_pass_the_deployment_checklist(tmp_path):
    root = Path(__file__).resolve().parents[3]
    env = _env_example()
    assert env["DJANGO_DEBUG"] == "0" and "DJANGO_SECRET_KEY" not in env
    env |= _secret_files(env, tmp_path)
    env |= {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "juntos.settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout, result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_the_deployment_checklist_does_fail_on_a_warning(tmp_path):
    """The test above would catch W009: the same run with a short secret key fails."""
    root = Path(__file__).resolve().parents[3]
    env = _env_example()
    env |= _secret_files(env, tmp_path)
    env.pop("DJANGO_SECRET_KEY_FILE")
    env |= {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "juntos.settings",
        "DJANGO_SECRET_KEY": "change-me-to-50-random-characters",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "security.W009" in result.stdout + result.stderr


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


def test_production_keeps_the_language_cookie_secure_and_out_of_scripts(tmp_path):
    root = Path(__file__).resolve().parents[3]
    env = _env_example()
    env |= _secret_files(env, tmp_path)
    env |= {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "juntos.settings"}
    shown = "from django.conf import settings as s; print(s.LANGUAGE_COOKIE_SECURE, "
    shown += "s.LANGUAGE_COOKIE_HTTPONLY, s.LANGUAGE_COOKIE_SAMESITE)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", shown],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip().splitlines()[-1] == "True True Lax", result.stdout + result.stderr


@pytest.mark.parametrize("secure", [True, False])
def test_every_language_cookie_follows_the_settings(client, personas, settings, secure):
    settings.LANGUAGE_COOKIE_SECURE = secure
    switched = client.post("/i18n/setlang/", {"language": "fr", "next": "/fr/"})
    logged_in = client.post("/en/login/", {"identifier": "+12505550101", "password": DEMO_PASSWORD})
    for response in (switched, logged_in):
        cookie = response.cookies["juntos_language"]
        assert bool(cookie["secure"]) is secure
        assert cookie["httponly"] and cookie["samesite"] == "Lax"
