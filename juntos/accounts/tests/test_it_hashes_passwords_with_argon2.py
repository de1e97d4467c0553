from django.conf import settings
from django.contrib.auth.hashers import check_password, identify_hasher, make_password


def test_production_hashes_with_argon2_first():
    assert settings.PRODUCTION_PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_argon2_hashes_verify(settings):
    settings.PASSWORD_HASHERS = settings.PRODUCTION_PASSWORD_HASHERS
    encoded = make_password("mi casa en oaxaca")
    assert encoded.startswith("argon2$argon2id$")
    assert identify_hasher(encoded).algorithm == "argon2"
    assert check_password("mi casa en oaxaca", encoded)
    assert not check_password("mi casa en oaxaca ", encoded)
    assert not check_password("", encoded)
    assert make_password("mi casa en oaxaca") != encoded  # a fresh salt every time
