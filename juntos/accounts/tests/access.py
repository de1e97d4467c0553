from juntos.testing.access import EVERYONE, SIGNED_IN, Access

ACCESS = [
    Access("accounts:signup", allow=EVERYONE, worker_page=True, key_page=True),
    Access(
        "accounts:signup_details",
        allow=EVERYONE,
        worker_page=True,
        key_page=True,
        note="signed-in people are sent on to their account page",
    ),
    Access(
        "accounts:signup_verify",
        allow=EVERYONE,
        note="without a sign-up in progress, sends back to the sign-up form",
    ),
    Access("accounts:login", allow=EVERYONE, worker_page=True, key_page=True),
    Access("accounts:password_reset", allow=EVERYONE, worker_page=True, key_page=True),
    Access(
        "accounts:password_reset_confirm",
        allow=EVERYONE,
        note="without a reset in progress, sends back to the reset form",
    ),
    Access("accounts:logout", method="POST", allow=EVERYONE),
    Access("accounts:home", allow=SIGNED_IN, worker_page=True, key_page=True),
    Access("accounts:second_factor", allow=SIGNED_IN),
    Access(
        "accounts:second_factor_setup",
        allow=SIGNED_IN,
        note="anyone may add a second factor; staff who have one are sent on",
    ),
    Access("GET /api/me", allow=SIGNED_IN),
    Access("GET /api/organisations", allow=EVERYONE),
]
