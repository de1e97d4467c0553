"""A worker's journey in Spanish on a phone, and a staff journey with the second factor.

Each runs twice: with JavaScript, and with JavaScript disabled (the site must need none).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from juntos.accounts.models import User
from juntos.demo.personas import DEMO_PASSWORD
from juntos.testing.outbox import outbox_messages
from tests.browser.chromium import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
PASSWORD = "Cosecha de manzanas 2026"


@JAVASCRIPT
def test_worker_signs_up_in_spanish_by_phone_and_comes_back(new_page: Any, javascript: bool):
    page = new_page(viewport=PHONE, javascript=javascript)
    page.goto("/en/")
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_role("link", name="Español").click()
    assert page.locator("html").get_attribute("lang") == "es"
    page.get_by_label("Su nombre").fill("Lucía")
    page.get_by_label("Número de celular").fill("+52 55 1234 5678")
    page.get_by_label("Contraseña", exact=True).fill(PASSWORD)
    page.get_by_label("Repita la contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Crear mi cuenta").click()

    # The number is proven by the code sent to it (the development SMS outbox records it).
    page.get_by_role("heading", name="Escriba el código que le enviamos").wait_for()
    assert not User.objects.get(phone="+525512345678").is_active
    _fits_phone_width(page)
    page.get_by_label("El código de 6 cifras que le enviamos").fill(_last_code("+525512345678"))
    page.get_by_role("button", name="Terminar de crear mi cuenta").click()

    page.get_by_role("heading", name="Hola, Lucía").wait_for()
    assert page.url.endswith("/es/account/")
    assert "+525512345678" in page.content()
    lucia = User.objects.get(phone="+525512345678")
    assert lucia.preferred_language == "es"
    _fits_phone_width(page)

    page.get_by_role("combobox", name="Provincia donde trabaja").select_option("BC")
    page.get_by_role("button", name="Guardar").click()
    page.get_by_role("heading", name="Hola, Lucía").wait_for()
    lucia.refresh_from_db()
    assert lucia.province == "BC"

    page.get_by_role("button", name="Cerrar sesión").click()
    page.get_by_role("link", name="Iniciar sesión").first.wait_for()
    assert page.get_by_role("link", name="Mi cuenta").count() == 0

    page.get_by_role("link", name="Iniciar sesión").first.click()
    page.get_by_label("Número de celular o correo").fill("+52 55 1234 5678")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.get_by_role("heading", name="Hola, Lucía").wait_for()
    assert re.search(r"/es/account/$", page.url)
    assert User.objects.get(phone="+525512345678").phone_verified


@JAVASCRIPT
def test_worker_who_forgot_her_password_chooses_a_new_one_by_sms(
    new_page: Any, personas: Any, javascript: bool
):
    page = new_page(viewport=PHONE, javascript=javascript)
    page.goto("/es/login/")
    page.get_by_role("link", name="¿Olvidó su contraseña?").click()
    # Typed the way her phone shows it, with the country code and spaces.
    page.get_by_label("Número de celular o correo").fill("+1 250 555 0101")
    page.get_by_role("button", name="Enviarme un código").click()
    page.get_by_role("heading", name="Elija una contraseña nueva").wait_for()
    _fits_phone_width(page)
    page.get_by_label("El código de 6 cifras que le enviamos").fill(_last_code(personas.rosa.phone))
    page.get_by_label("Contraseña nueva", exact=True).fill(PASSWORD)
    page.get_by_label("Repita la contraseña nueva").fill(PASSWORD)
    page.get_by_role("button", name="Guardar mi contraseña nueva").click()

    page.get_by_text("Su contraseña nueva está guardada").wait_for()
    page.get_by_label("Número de celular o correo").fill("250 555 0101")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.get_by_role("heading", name="Hola, Rosa").wait_for()


def _last_code(phone: str) -> str:
    body = outbox_messages(phone, channel="sms")[-1].body
    return re.search(r"\b(\d{6})\b", body).group(1)  # type: ignore[union-attr]


@JAVASCRIPT
def test_staff_logs_in_with_the_second_factor(new_page: Any, personas: Any, javascript: bool):
    device = TOTPDevice.objects.create(user=personas.amina, name="phone", confirmed=True)
    page = new_page(viewport=DESKTOP, javascript=javascript)
    page.goto("/en/login/")
    page.get_by_label("Mobile number or email").fill(personas.amina.email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()

    code_box = page.get_by_label(re.compile("code from your authenticator app", re.IGNORECASE))
    code_box.wait_for()
    assert "/account/second-step/" in page.url
    # Before the code, her account page is out of reach.
    page.goto("/en/account/")
    assert "/account/second-step/" in page.url

    code_box.fill(
        f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    )
    page.get_by_role("button", name=re.compile("continue|continuar|continuer", re.I)).click()
    page.get_by_role("heading", name=re.compile(r"^(Hello|Hola|Bonjour)")).wait_for()
    assert page.url.endswith("/account/")
    assert "Fraser Valley" in page.content()


def _fits_phone_width(page: Any) -> None:
    """Nothing scrolls sideways on a 360px phone."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide on a 360px phone"
