"""Settings for the test suite: the real settings, with a few things made fast or immediate."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from juntos import settings as base
from juntos.settings import *  # noqa: F403

# Argon2 is the production hasher (a test checks it); tests hash with MD5 to stay fast.
PRODUCTION_PASSWORD_HASHERS = base.PASSWORD_HASHERS
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Network trustee keys: the same Argon2id, at a cost that keeps the suite fast.
JUNTOS_TRUSTEE_ARGON2_TIME_COST = 1
JUNTOS_TRUSTEE_ARGON2_MEMORY_KIB = 8 * 1024
JUNTOS_EVALUATION_ARGON2_TIME_COST = 1
JUNTOS_EVALUATION_ARGON2_MEMORY_KIB = 8 * 1024
# Tasks run at once inside the test, so their effects can be asserted.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "notifications"],
    }
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "local"},
}
STORAGES = {
    **base.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
