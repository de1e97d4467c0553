"""Production settings plus the bench's own URLconf (which adds the hello-world baseline)."""

from juntos.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
