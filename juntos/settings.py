"""Juntos settings: everything that differs between machines comes from the environment.

Every variable is documented in `.env.example`. A secret may be given directly (`NAME`) or as a
path to a file holding it (`NAME_FILE`), which is how container secrets are usually mounted.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """Read a setting from the environment, or from the file named by NAME_FILE."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name, "1" if default else "0").strip().lower()
    return value in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(env(name, str(default)))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
# Development falls back to a fixed key so `make run` works from nothing; production must set one.
SECRET_KEY = env("DJANGO_SECRET_KEY") or ("insecure-development-key" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError(
        "DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) must be set when DEBUG is off"
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SITE_URL = env("JUNTOS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Where the "Quick exit" link in every page's header goes: a neutral page, one tap away.
QUICK_EXIT_URL = env("JUNTOS_QUICK_EXIT_URL", "https://www.google.com/search?q=weather")
# The issuer named in every credential the site signs (its keys: /.well-known/did.json).
JUNTOS_CREDENTIALS_ISSUER_NAME = env(
    "JUNTOS_CREDENTIALS_ISSUER_NAME", "Juntos — Migrant Worker Support Network"
)

# The domain apps, in the order their sections appear on the home page. Each may provide
# `urls.py`, `api.py` (a Ninja `router`), `templates/<app>/_home_card.html` and `_nav.html`.
JUNTOS_DOMAIN_APPS = [
    "rights",
    "reports",
    "registry",
    "compliance",
    "learning",
    "credentials",
    "network",
    "funding",
    "opportunities",
    "evaluations",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "juntos.core",
    "juntos.accounts",
    *(f"juntos.{app}" for app in JUNTOS_DOMAIN_APPS),
    "juntos.channels",
    "juntos.monitoring",
    # Above monitoring: reads the domain apps' selectors and publishes through monitoring's
    # disclosure control (research extracts, labour-need signals).
    "juntos.research",
    "juntos.federation",
    "juntos.demo",
]

MIDDLEWARE = [
    "juntos.core.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "juntos.core.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "juntos.accounts.middleware.OTPMiddleware",  # django-otp's, its device read compiled once
    "juntos.accounts.middleware.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "juntos.urls"
WSGI_APPLICATION = "juntos.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "OPTIONS": {
            # Each app's templates, cached with their fixed words folded in per language
            # (juntos/core/template_loader.py).
            "loaders": [
                (
                    "juntos.core.template_loader.Loader",
                    ["django.template.loaders.app_directories.Loader"],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The page's CSRF token, masked in one draw (juntos/core/csrf.py).
                "juntos.core.csrf.csrf",
            ],
            # {% field_row field %} on every page, without a load (core/templatetags).
            "builtins": ["juntos.core.templatetags.juntos_forms"],
        },
    },
]
# Django's form renderer with lighter choice lists (see juntos/core/renderers.py).
FORM_RENDERER = "juntos.core.renderers.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'juntos.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; the timeout waits out short write locks
    # instead of failing, which matters when the task worker and the web server share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# A streaming replica for anonymous public reads (juntos/core/replica.py says which and when).
# PostgreSQL only; without it every query goes to DATABASE_URL.
if env("JUNTOS_DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env("JUNTOS_DATABASE_REPLICA_URL"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    # Tests make no database of their own there: it is the primary's, replicated.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["juntos.core.replica.ReplicaRouter"]
    MIDDLEWARE.append("juntos.core.replica.PublicReadsMiddleware")
# PostgreSQL, primary and replica, through Django's backend with a health check that costs no
# round trip while the server has said nothing and prepared compiled lookups
# (juntos/core/postgresql/base.py).
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database["ENGINE"] = "juntos.core.postgresql"
# On PostgreSQL, the few lookups a busy page needs at once go in one pipeline: one wait for the
# server instead of one per query (juntos/core/compiled.py, run_together). Off for a pooler that
# does not pass pipelined queries through.
JUNTOS_DATABASE_PIPELINE = env_bool("JUNTOS_DATABASE_PIPELINE", True)
# On PostgreSQL, those lookups' statements are prepared: parsed and planned once per connection
# (juntos/core/postgresql/base.py). Off for a pooler that does not keep prepared statements.
JUNTOS_DATABASE_PREPARE = env_bool("JUNTOS_DATABASE_PREPARE", True)
JUNTOS_REPLICA_MAX_LAG_SECONDS = env_int("JUNTOS_REPLICA_MAX_LAG_SECONDS", 5)
JUNTOS_REPLICA_STICKY_SECONDS = env_int("JUNTOS_REPLICA_STICKY_SECONDS", 10)
# The views whose anonymous GETs may read from the replica: public, the same for everyone, and
# fine a few seconds stale. Nothing private, nothing of the anonymous report flow.
JUNTOS_REPLICA_VIEWS = frozenset(
    {
        *(f"rights:{name}" for name in ("index", "browse", "search", "article", "changes",
                                         "article_pdf", "topic_pdf", "obligations",
                                         "employer_pack")),
        *(f"registry:{name}" for name in ("index", "employer", "recruiter", "rules")),
        "monitoring:dashboard",
        "monitoring:targets",
        "learning:catalogue",
        "learning:course",
        "credentials:standards",
        "credentials:standard",
        "credentials_status_list",
        "credentials_standard_public",
        *(f"api:{name}" for name in ("list_articles", "read_article", "search", "sites",
                                     "employers", "employer", "recruiters", "recruiter",
                                     "rules", "rule", "courses", "standards", "kinds", "table",
                                     "table_csv", "datapackage", "iati")),
    }
)  # fmt: skip
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared cache (the database cache by default, Redis where a deployment has one). Throttles
# do not live here: a cache evicts, and an evicted counter is a wiped one (JUNTOS_THROTTLE_STORE).
CACHES = {
    "default": (
        {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": env("REDIS_URL")}
        if env("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "juntos_cache"}
    ),
    # Per process, for values that may be a few seconds stale (e.g. which version of an
    # article is current, to answer conditional requests without a query).
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "juntos"},
}

# Messages wait sealed; those for people who must stay anonymous (a reporter) go out in rounds,
# in random order, every this many seconds, so no delivery time pairs with the action behind it.
# (A minute in development, so the local outbox shows them soon after a demo reply.)
JUNTOS_MESSAGE_ROUND_SECONDS = env_int("JUNTOS_MESSAGE_ROUND_SECONDS", 60 if DEBUG else 15 * 60)
# Jobs that `manage.py schedule_periodic` enqueues: name -> (task, interval in seconds).
DAY = 24 * 60 * 60
JUNTOS_PERIODIC_TASKS: dict[str, tuple[str, int]] = {
    # Chain new audit entries shortly after they are appended (appends take no lock).
    "core.seal-audit-chain": ("juntos.core.tasks.seal_audit_chain", 60),
    # Sign and publish the chain's head and the anonymous queue's size.
    "core.audit-checkpoint": ("juntos.core.tasks.make_audit_checkpoint", 60 * 60),
    # After each day: its anonymous entries join the chain shuffled, its anonymous rows are
    # rewritten in random order, and the database files are compacted.
    "core.seal-anonymous-audit": ("juntos.core.tasks.seal_anonymous_audit_entries", DAY),
    "core.purge-throttles": ("juntos.core.tasks.purge_expired_throttles", 60 * 60),
    "accounts.purge-codes": ("juntos.accounts.tasks.purge_account_codes", DAY),
    "core.deliver-waiting-messages": (
        "juntos.core.tasks.deliver_waiting_messages",
        JUNTOS_MESSAGE_ROUND_SECONDS,
    ),
    "core.purge-delivered": ("juntos.core.tasks.purge_delivered", 60 * 60),
    "reports.purge-expired": ("juntos.reports.tasks.purge_expired_reports", DAY),
    "reports.purge-held-files": ("juntos.reports.tasks.purge_held_files", 60 * 60),
    # Each caseworker's cases due and cases where the worker waits for a reply: numbers only.
    "reports.case-summaries": ("juntos.reports.tasks.send_case_summaries", DAY),
    # The rules whose known period ends within 60 days or has ended, to the rules' editors.
    "compliance.rules-running-out": ("juntos.compliance.tasks.send_rules_running_out", DAY),
    "rights.publish-due-versions": ("juntos.rights.tasks.publish_due_versions", 60 * 60),
    "rights.weekly-digests": ("juntos.rights.tasks.send_weekly_digests", DAY),
    "rights.purge-unconfirmed": ("juntos.rights.tasks.purge_unconfirmed_subscriptions", DAY),
    # The people enrolled in a session that starts within two days, once per session.
    "learning.session-reminders": ("juntos.learning.tasks.send_session_reminders", DAY),
    "network.vote-deadline-reminders": ("juntos.network.tasks.send_vote_reminders", 60 * 60),
    "network.vote-deadline-close": ("juntos.network.tasks.close_votes_past_deadline", 60 * 60),
    # Grantee reports due in 14 and in 3 days, to the grantee's staff in their languages.
    "funding.report-reminders": ("juntos.funding.tasks.send_report_reminders", DAY),
    # After the naming deadline: workers with a good season who were not named back are offered
    # the returning-worker pool and the report link.
    "opportunities.not-named-back": ("juntos.opportunities.tasks.offer_not_named_back", DAY),
    # Referral follow-ups at 3, 6 and 12 months that are due, to the referring caseworkers.
    "evaluations.rehire-not-named": ("juntos.evaluations.tasks.raise_rehire_not_named", DAY),
    "evaluations.purge-unlocks": ("juntos.evaluations.tasks.purge_expired_unlocks", 60 * 60),
    "opportunities.follow-up-reminders": (
        "juntos.opportunities.tasks.send_follow_up_reminders",
        DAY,
    ),
    # The open-data files (CSV, data package, IATI) the API serves, from the published figures.
    "monitoring.regenerate-open-data": ("juntos.monitoring.tasks.regenerate_open_data", DAY),
    # Federation: publish what changed, pull approved peers' signed feeds, forget old nonces.
    "federation.refresh-outbox": ("juntos.federation.tasks.refresh_outbox", 5 * 60),
    "federation.sync-peers": ("juntos.federation.tasks.sync_peers", 5 * 60),
    "federation.forget-signatures": ("juntos.federation.tasks.forget_signatures", 60 * 60),
}

TASK_QUEUES = ["default", "notifications"]
# The database queue: django-tasks' database backend, its rows written with a compiled INSERT
# (juntos/core/task_backend.py); `manage.py db_worker` works it.
TASKS = {
    "default": {
        "BACKEND": env("JUNTOS_TASKS_BACKEND", "juntos.core.task_backend.DatabaseBackend"),
        "QUEUES": TASK_QUEUES,
    }
}
# At scale, the tasks can go through Redis and RQ's workers instead of the database queue:
# JUNTOS_TASKS_BACKEND=django_tasks_rq.RQBackend, with the Redis in JUNTOS_RQ_URL (REDIS_URL
# unless set), worked by `manage.py rqworker default notifications --job-class django_tasks_rq.Job`.
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
RQ_QUEUES = {
    name: {"URL": env("JUNTOS_RQ_URL", env("REDIS_URL")) or "redis://127.0.0.1:6379/0"}
    for name in TASK_QUEUES
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["juntos.accounts.backends.EmailOrPhoneBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
OTP_TOTP_ISSUER = "Juntos"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish")), ("fr", _("French"))]
# Each app keeps its catalogue in juntos/<app>/locale/; Django finds them by itself.
LANGUAGE_COOKIE_NAME = "juntos_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Only the server reads it (the pages work without JavaScript), and only over HTTPS in production.
LANGUAGE_COOKIE_SECURE = env_bool("DJANGO_LANGUAGE_COOKIE_SECURE", not DEBUG)
LANGUAGE_COOKIE_HTTPONLY = True
TIME_ZONE = env("JUNTOS_TIME_ZONE", "America/Vancouver")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Security. Production (DEBUG off) gets the strict defaults; each can be relaxed from the
# environment behind a TLS-terminating proxy.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# How many proxies of our own append to X-Forwarded-For before a request reaches Django. The
# client is the address that many entries from the right; anything further left was written
# by the client and is ignored. 0 reads REMOTE_ADDR (no proxy).
JUNTOS_TRUSTED_PROXY_COUNT = env_int("JUNTOS_TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
# same-origin: other sites never learn which page linked them, and browsers still send the
# Origin of our own form posts, which the CSRF check needs ("no-referrer" makes it null).
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("JUNTOS_SESSION_AGE", 60 * 60 * 12)
SESSION_ENGINE = "juntos.core.sessions"  # database sessions, read with SQL compiled once
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)

# Email goes through Django's mail backends. The default writes to the local outbox, which
# admins read at /outbox/; set DJANGO_EMAIL_BACKEND to the SMTP backend in production.
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "juntos.core.transports.email.OutboxEmailBackend")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "Juntos <no-reply@juntos.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS: list[tuple[str, str]] = []  # error mails would carry request details; never send them
# Answers by email to the network's discussion: notices carry Reply-To reply+<token>@this domain,
# whose mail is piped to `manage.py receive_reply` (docs/network.md). Empty: answers on the site.
JUNTOS_REPLY_DOMAIN = env("JUNTOS_REPLY_DOMAIN").strip().lower()

# SMS and WhatsApp: "outbox" records messages locally; "http" posts to a real gateway.
JUNTOS_SMS_BACKEND = env("JUNTOS_SMS_BACKEND", "outbox")
JUNTOS_SMS_HTTP_URL = env("JUNTOS_SMS_HTTP_URL")
JUNTOS_SMS_HTTP_TOKEN = env("JUNTOS_SMS_HTTP_TOKEN")
JUNTOS_SMS_SENDER = env("JUNTOS_SMS_SENDER", "Juntos")
JUNTOS_WHATSAPP_BACKEND = env("JUNTOS_WHATSAPP_BACKEND", "outbox")
JUNTOS_WHATSAPP_API_URL = env("JUNTOS_WHATSAPP_API_URL")
JUNTOS_WHATSAPP_TOKEN = env("JUNTOS_WHATSAPP_TOKEN")
JUNTOS_TRANSPORT_TIMEOUT = env_int("JUNTOS_TRANSPORT_TIMEOUT", 10)
# Inbound webhooks (juntos/channels): an empty secret refuses every request of that kind.
JUNTOS_CHANNELS_TWILIO_AUTH_TOKEN = env("JUNTOS_CHANNELS_TWILIO_AUTH_TOKEN")
JUNTOS_CHANNELS_WHATSAPP_APP_SECRET = env("JUNTOS_CHANNELS_WHATSAPP_APP_SECRET")
JUNTOS_CHANNELS_WHATSAPP_VERIFY_TOKEN = env("JUNTOS_CHANNELS_WHATSAPP_VERIFY_TOKEN")
# WhatsApp outside the 24-hour window: the approved template (one body parameter, {{1}}) and
# the languages Meta approved it in, e.g. "juntos_notice:es,en". Not approved in her language:
# the message goes by SMS instead. Empty: every such message goes by SMS.
JUNTOS_CHANNELS_WHATSAPP_TEMPLATE = env("JUNTOS_CHANNELS_WHATSAPP_TEMPLATE")
# A message is tried this many times in all (the first and 3 retries), then dropped: a message
# with its own task is tried again after JUNTOS_MESSAGE_RETRY_SECONDS, then 4 and 16 times that;
# any waiting message is also tried in each round of messages (see above).
JUNTOS_MESSAGE_ATTEMPTS = env_int("JUNTOS_MESSAGE_ATTEMPTS", 4)
JUNTOS_MESSAGE_RETRY_SECONDS = env_int("JUNTOS_MESSAGE_RETRY_SECONDS", 60)
# Days the development outbox keeps what it recorded, and failed task results are kept for
# operators; successful task results are purged every hour whatever this says.
JUNTOS_OUTBOX_KEEP_DAYS = env_int("JUNTOS_OUTBOX_KEEP_DAYS", 7)
JUNTOS_FAILED_TASKS_KEEP_DAYS = env_int("JUNTOS_FAILED_TASKS_KEEP_DAYS", 7)

# Keys. The hash key makes receipt codes, rate-limit keys and similar lookups unguessable
# without it; the encryption keyring protects data at rest. Both default to values derived from
# SECRET_KEY for development only.
JUNTOS_HASH_KEY = env("JUNTOS_HASH_KEY")
JUNTOS_ENCRYPTION_KEYS = env("JUNTOS_ENCRYPTION_KEYS")
# The audit chain's HMAC key, and the Ed25519 seed that signs its published checkpoints. Keep
# both out of the database and its backups: with them, a copy of the log could be re-forged.
JUNTOS_AUDIT_KEY = env("JUNTOS_AUDIT_KEY")
JUNTOS_AUDIT_SIGNING_KEY = env("JUNTOS_AUDIT_SIGNING_KEY")

# Figures shown outside the organisation that handles them hide counts below this threshold.
JUNTOS_SUPPRESSION_THRESHOLD = env_int("JUNTOS_SUPPRESSION_THRESHOLD", 5)
# Published figures are rounded to a multiple of this, up or down by a keyed draw.
JUNTOS_ROUNDING_BASE = env_int("JUNTOS_ROUNDING_BASE", 3)
# IATI 2.03 export of the network's results (/api/monitoring/iati.xml). The reference should be
# the organisation identifier registered for the publisher (org-id.guide, e.g. CA-CRA_ACR-...);
# the type is a code of the IATI OrganisationType codelist (22: national NGO).
JUNTOS_IATI_REPORTING_ORG_REF = env("JUNTOS_IATI_REPORTING_ORG_REF", "JUNTOS")
JUNTOS_IATI_REPORTING_ORG_NAME = env(
    "JUNTOS_IATI_REPORTING_ORG_NAME", "Juntos migrant worker support network"
)
JUNTOS_IATI_REPORTING_ORG_TYPE = env("JUNTOS_IATI_REPORTING_ORG_TYPE", "22")
JUNTOS_IATI_ACTIVITY_SUFFIX = env("JUNTOS_IATI_ACTIVITY_SUFFIX", "NETWORK")
JUNTOS_IATI_START_DATE = env("JUNTOS_IATI_START_DATE", "")  # YYYY-MM-DD; empty: first fact
# Reports: how long unanswered anonymous reports and closed cases are kept, how wrong receipt
# codes are slowed down, and the largest attachment accepted.
JUNTOS_REPORTS_UNANSWERED_DAYS = env_int("JUNTOS_REPORTS_UNANSWERED_DAYS", 180)
JUNTOS_REPORTS_CLOSED_DAYS = env_int("JUNTOS_REPORTS_CLOSED_DAYS", 730)
JUNTOS_REPORTS_CODE_WINDOW_SECONDS = env_int("JUNTOS_REPORTS_CODE_WINDOW_SECONDS", 600)
JUNTOS_REPORTS_CODE_FAILURES_GLOBAL = env_int("JUNTOS_REPORTS_CODE_FAILURES_GLOBAL", 300)
JUNTOS_REPORTS_MAX_FILE_BYTES = env_int("JUNTOS_REPORTS_MAX_FILE_BYTES", 10 * 1024 * 1024)
# A worker review of an employer site is published once this many workers reviewed the site.
JUNTOS_REVIEW_PUBLICATION_THRESHOLD = env_int("JUNTOS_REVIEW_PUBLICATION_THRESHOLD", 3)
# Opportunities: the day (MM-DD) by which employers name workers for the next season; after it,
# a worker with a good season who was not named is offered the returning-worker pool.
JUNTOS_NAMING_DEADLINE = env("JUNTOS_NAMING_DEADLINE", "12-01")
# Network trustees' passphrases are stretched with Argon2id at this cost (new keys only: each
# stored key keeps the cost it was made with).
JUNTOS_TRUSTEE_ARGON2_TIME_COST = env_int("JUNTOS_TRUSTEE_ARGON2_TIME_COST", 3)
JUNTOS_TRUSTEE_ARGON2_MEMORY_KIB = env_int("JUNTOS_TRUSTEE_ARGON2_MEMORY_KIB", 64 * 1024)
# Evaluations: the liaison's passphrase is stretched with Argon2id at this cost (new keys only),
# and an unlock lasts this long (its key lives only in the liaison's cookie).
JUNTOS_EVALUATION_ARGON2_TIME_COST = env_int("JUNTOS_EVALUATION_ARGON2_TIME_COST", 3)
JUNTOS_EVALUATION_ARGON2_MEMORY_KIB = env_int("JUNTOS_EVALUATION_ARGON2_MEMORY_KIB", 64 * 1024)
JUNTOS_EVALUATION_UNLOCK_SECONDS = env_int("JUNTOS_EVALUATION_UNLOCK_SECONDS", 15 * 60)

# Login throttling: failures per account (and address) before a wait, and a much higher
# ceiling per address so that a farm's or consulate's shared connection is not locked out.
JUNTOS_LOGIN_FAILURES_PER_ACCOUNT = env_int("JUNTOS_LOGIN_FAILURES_PER_ACCOUNT", 5)
JUNTOS_LOGIN_FAILURES_PER_ADDRESS = env_int("JUNTOS_LOGIN_FAILURES_PER_ADDRESS", 100)
JUNTOS_LOGIN_WINDOW_SECONDS = env_int("JUNTOS_LOGIN_WINDOW_SECONDS", 15 * 60)
# Where throttle counters live: a class with hit/count/reset/purge_expired (core/ratelimit.py).
JUNTOS_THROTTLE_STORE = env("JUNTOS_THROTTLE_STORE", "juntos.core.ratelimit.DatabaseThrottleStore")
# The Redis that keeps the counters with juntos.core.ratelimit.RedisThrottleStore (REDIS_URL
# unless set): it must never evict (maxmemory-policy noeviction), which the system check holds.
JUNTOS_THROTTLE_REDIS_URL = env("JUNTOS_THROTTLE_REDIS_URL", env("REDIS_URL"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_client_identity": {"()": "juntos.core.logfilters.DropClientIdentityFilter"}},
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_client_identity"],
        }
    },
    "root": {"handlers": ["console"], "level": env("JUNTOS_LOG_LEVEL", "INFO")},
    "loggers": {
        # Request logs name the client; Juntos keeps no such line anywhere.
        "django.server": {"handlers": [], "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
        # At DEBUG, Pillow logs every EXIF value of an uploaded photo (device, place, time).
        "PIL": {"level": "INFO"},
    },
}

NINJA_PAGINATION_PER_PAGE = 50

# 360Giving export of awarded grants (/api/funding/360giving.json). The prefix is the publisher's
# 360Giving prefix ("360G-" and a short name); the funder id its organisation identifier.
JUNTOS_360GIVING_PREFIX = env("JUNTOS_360GIVING_PREFIX", "360G-juntos")
JUNTOS_360GIVING_FUNDER_ID = env("JUNTOS_360GIVING_FUNDER_ID", "360G-juntos-network")
JUNTOS_360GIVING_FUNDER_NAME = env(
    "JUNTOS_360GIVING_FUNDER_NAME", "Juntos migrant worker support network"
)
