from juntos.testing.access import EVERYONE, Access

ACCESS = [
    Access("core:home", allow=EVERYONE, worker_page=True, key_page=True),
    Access("core:privacy", allow=EVERYONE, worker_page=True),
    Access("core:outbox", allow=frozenset({"admin"}), note="holds people's addresses"),
    Access("healthz", allow=EVERYONE),
    Access(
        "set_language",
        method="POST",
        allow=EVERYONE,
        data=lambda p, kw: {"language": "es", "next": "/es/"},
    ),
]
