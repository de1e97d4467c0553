import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from juntos.accounts.choices import Role
from juntos.accounts.services import membership_grant
from juntos.demo.personas import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _code_for(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _password_login(client, email):
    return client.post("/en/login/", {"identifier": email, "password": DEMO_PASSWORD})


def _device(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def test_a_caseworker_is_asked_for_her_code_after_the_password(client, personas):
    _device(personas.amina)
    response = _password_login(client, "amina@fraservalley.example.org")
    assert response["Location"] == "/en/account/second-step/"


def test_until_she_types_it_every_other_page_sends_her_back(client, personas):
    _device(personas.amina)
    _password_login(client, "amina@fraservalley.example.org")
    response = client.get("/en/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/second-step/")
    assert client.get("/api/me").status_code == 403


def test_a_wrong_code_is_refused_and_a_right_one_lets_her_in(client, personas, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp slows retries after a failure
    device = _device(personas.amina)
    _password_login(client, "amina@fraservalley.example.org")
    html = client.post("/es/account/second-step/", {"token": "000000"}).content.decode()
    assert "Este código no es correcto" in html
    response = client.post("/en/account/second-step/", {"token": _code_for(device)})
    assert response.status_code == 302
    assert client.get("/en/account/").status_code == 200
    assert client.get("/api/me").status_code == 200


def test_new_staff_without_a_device_set_one_up_with_a_qr_code(client, personas):
    membership_grant(
        actor=None,
        user=personas.rita,
        organisation=personas.amina.memberships.first().organisation,
        role=Role.SUPERVISOR,
    )
    response = _password_login(client, "rita@pacificagri.example.com")
    assert response["Location"] == "/es/account/second-step/setup/"  # rita reads Spanish
    html = client.get(response["Location"]).content.decode()
    assert "<svg" in html
    pending = TOTPDevice.objects.get(user=personas.rita, confirmed=False)
    client.post("/es/account/second-step/setup/", {"token": _code_for(pending)})
    assert TOTPDevice.objects.get(user=personas.rita).confirmed
    assert client.get("/en/account/").status_code == 200


def test_a_password_alone_cannot_replace_an_existing_device(client, personas):
    _device(personas.amina)
    _password_login(client, "amina@fraservalley.example.org")
    response = client.get("/en/account/second-step/setup/")
    assert response["Location"] == "/en/account/second-step/"


def test_workers_and_employers_need_no_second_factor(client, personas):
    assert (
        _password_login(client, "carl@okanaganorchards.example.com")["Location"] == "/en/account/"
    )
    assert client.get("/en/account/").status_code == 200


def test_retrying_codes_at_once_is_throttled(client, personas):
    device = _device(personas.amina)
    _password_login(client, "amina@fraservalley.example.org")
    client.post("/en/account/second-step/", {"token": "000000"})
    client.post("/en/account/second-step/", {"token": _code_for(device)})
    assert client.get("/en/account/").status_code == 302  # still not through


def test_a_consulate_member_needs_a_second_factor_whatever_her_role(client, personas):
    """A consulate's liaisons read sealed evaluations and workers referred home: a plain member
    role there is not a password-only login."""
    from juntos.accounts.models import Organisation
    from juntos.accounts.selectors import staff_with_roles, staff_without_second_factor

    consulate = Organisation.objects.create(
        name="Consulado de prueba", slug="consulado-prueba", kind="consulate", country="MX"
    )
    assert personas.carl not in staff_without_second_factor()
    membership_grant(actor=None, user=personas.carl, organisation=consulate, role=Role.MEMBER)
    assert personas.carl in staff_without_second_factor() and personas.carl in staff_with_roles()
    response = _password_login(client, "carl@okanaganorchards.example.com")
    assert response["Location"] == "/en/account/second-step/setup/"
    assert client.get("/en/account/").status_code == 302
    assert client.get("/api/me").status_code == 403
