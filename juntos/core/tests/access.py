from juntos.testing.access import EVERYONE, Access

ACCESS = [
    Access("core:home", allow=EVERYONE, worker_page=True, key_page=True),
    Access("core:privacy", allow=EVERYONE, worker_page=True),
    Access("core:outbox", allow=frozenset({"admin"}), note="holds people's addresses"),
    Access("healthz", allow=EVERYONE),
    Access("core:audit_checkpoints", allow=EVERYONE, note="public by design: for mirrors"),
    Access("audit_checkpoints_json", allow=EVERYONE, note="public by design: for mirrors"),
    Access(
        "set_language",
        method="POST",
        allow=EVERYONE,
        data=lambda p, kw: {"language": "es", "next": "/es/"},
    ),
]
