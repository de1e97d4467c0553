from django.conf import settings
from django.contrib.auth.hashers import make_password


def test_production_hashes_with_argon2_first():
    assert settings.PRODUCTION_PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_argon2_hashes_verify(settings):
    settings.PASSWORD_HASHERS = settings.PRODUCTION_PASSWORD_HASHERS
    assert make_password("mi casa en oaxaca").startswith("argon2$argon2id$")
