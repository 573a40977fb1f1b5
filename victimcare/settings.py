"""Settings for victimcare: one module, read from environment variables.

Every variable is read through a helper that raises on a bad value, so a
misconfigured deployment fails at start-up rather than at the first victim.
The embedded default (no DATABASE_URL) is SQLite in ./var/.
"""

from __future__ import annotations

import base64
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from csp.constants import NONCE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: str | None) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict[str, object]:
    """Turn a DATABASE_URL (sqlite:///path or postgres://user@host:port/name) into Django's form."""
    parts = urlsplit(url)
    options = dict(parse_qsl(parts.query))
    if parts.scheme == "sqlite":
        path = unquote(parts.path[1:] if parts.path.startswith("//") else parts.path.lstrip("/"))
        name = path if path.startswith("/") else str(BASE_DIR / path)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            # WAL lets the web server read while the job worker writes; IMMEDIATE
            # transactions take the write lock up front, so two writers queue
            # instead of failing with "database is locked" halfway through.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            "TEST": {"NAME": options.get("test_name")} if options.get("test_name") else {},
        }
    if parts.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "OPTIONS": {k: v for k, v in options.items() if k != "test_name"},
        }
    raise ImproperlyConfigured(f"DATABASE_URL must start sqlite:// or postgres://, not {url!r}.")


# DJANGO_ENV=production is how a deployment runs (docs/adr/0040): DEBUG off whatever DEBUG says,
# a SECRET_KEY and the site's ALLOWED_HOSTS required, HTTPS only (HSTS with subdomains and
# preload, a redirect, secure cookies), so that `manage.py check --deploy` has nothing to say.
DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in ("development", "production"):
    raise ImproperlyConfigured(f"DJANGO_ENV must be development or production, not {DJANGO_ENV!r}.")
PRODUCTION = DJANGO_ENV == "production"
if PRODUCTION and env_bool("DEBUG", False):
    raise ImproperlyConfigured("DEBUG must be off when DJANGO_ENV=production.")

DEBUG = not PRODUCTION and env_bool("DEBUG", False)
_DEV_SECRET = "insecure-development-key-never-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET if DEBUG else None)
# Field encryption (victimcare/fieldcrypt.py, docs/adr/0060): Fernet keys, comma-separated, the
# first the one that encrypts, the rest still read (rotation: put a new key first, run
# `manage.py rotate_field_keys`, then drop the old). Never derived from SECRET_KEY, so rotating
# one does not touch the other. Production will not start without them, nor with the test key;
# development and tests use the fixed, public test key.
_FIELD_TEST_KEY = "dmljdGltY2FyZS10ZXN0LW9ubHktbm90LXNlY3JldCE="  # b"victimcare-test-only-not-secret!"
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS", None if PRODUCTION else _FIELD_TEST_KEY)
if not FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("Set FIELD_ENCRYPTION_KEYS to one or more Fernet keys (the first encrypts).")
if PRODUCTION and _FIELD_TEST_KEY in FIELD_ENCRYPTION_KEYS:
    raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS holds the public test key: never use it in production.")
for _key in FIELD_ENCRYPTION_KEYS:
    try:
        _valid_key = len(base64.urlsafe_b64decode(_key.encode("ascii"))) == 32 and len(_key) == 44
    except (ValueError, UnicodeEncodeError):
        _valid_key = False
    if not _valid_key:
        raise ImproperlyConfigured(
            "Each key in FIELD_ENCRYPTION_KEYS must be a Fernet key: 32 bytes in urlsafe base64 "
            '(make one with: python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())").'
        )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", None if PRODUCTION else "127.0.0.1,localhost")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names when DJANGO_ENV=production.")
# Same-origin forms need no entry here (Django compares Origin with the host); the defaults are
# the demo's plain-HTTP addresses, which production has no use for.
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", "" if PRODUCTION else "http://127.0.0.1:8000,http://localhost:8000"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "victimcare.accounts",
    "victimcare.audit",
    "victimcare.people",
    "victimcare.cases",
    "victimcare.rights",
    "victimcare.notify",
    # After notify, whose `db_worker` (the library's worker, made to survive the database
    # restarting and to take back what a dead worker left; docs/adr/0058) must win the name.
    "django_tasks_db",
    "victimcare.reports",
    "victimcare.support",
    "victimcare.safeguarding",
    "victimcare.justice",
    "victimcare.messaging",
    "victimcare.voice",
    "victimcare.portal",
    "victimcare.demo",
    "victimcare.api",
    "victimcare.ingest",
    "victimcare.dataprotection",
    "victimcare.pipeline",  # last: installs what follows an event (docs/adr/0030)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "victimcare.accounts.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "victimcare.accounts.middleware.NoStoreMiddleware",
    # Pages under /portal/ in the victim's language (English or Welsh); staff pages stay English.
    "victimcare.portal.middleware.PortalLanguageMiddleware",
    # Axes must come last: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "victimcare.urls"
WSGI_APPLICATION = "victimcare.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "victimcare" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "victimcare.access.navigation.navigation",
            ],
        },
    },
]
FORM_RENDERER = "victimcare.forms.GovukFormRenderer"

DATABASES = {"default": database_from_url(env_str("DATABASE_URL", "sqlite:///var/victimcare.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home"

# Sign-in lockout for 30 minutes: five wrong passwords for one username lock it; a hundred from
# one address, for any usernames, lock the address. A whole police station signs in from one
# address, so its limit is far above a morning's typos (victimcare/accounts/lockout.py).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_IP_FAILURE_LIMIT = env_int("AXES_IP_FAILURE_LIMIT", 100)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "victimcare.accounts.lockout.UsernameAndAddressLockout"
AXES_CLIENT_IP_CALLABLE = "victimcare.audit.clients.client_ip"
# Proxies in front of the server that each append the client's address to X-Forwarded-For (a
# load balancer: 1). The address they saw is the one audited and counted; 0 reads REMOTE_ADDR.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "victimcare"
OTP_TOTP_THROTTLE_FACTOR = 1

SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 60) * 60
SESSION_SAVE_EVERY_REQUEST = True  # idle timeout, not a fixed lifetime
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION or env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HTTPS only in production: browsers remember it (HSTS, two years, subdomains too, ready for the
# preload list) and plain HTTP is redirected, except the load balancer's health check.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 63_072_000) if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Behind a proxy that ends TLS, PROXY_SSL_HEADER names the header it sets to "https"
# (X-Forwarded-Proto, or "Header: value"). Trust it only where the proxy always sets or strips
# it: a client reaching the server directly could send it itself.
_proxy_header, _, _proxy_value = env_str("PROXY_SSL_HEADER", "").partition(":")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_header.strip().upper().replace("-", "_"), _proxy_value.strip() or "https")
    if _proxy_header.strip()
    else None
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": ["'none'"],
        "base-uri": [SELF],
    },
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
# The victims' portal is in English and Welsh (victimcare/portal/locale); staff pages are English.
LANGUAGES = [("en", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "victimcare" / "portal" / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# `make` copies GOV.UK Frontend's compiled CSS, JavaScript and assets from node_modules
# into var/frontend/ (see the Makefile), so static file scans stay small.
FRONTEND_DIR = BASE_DIR / "var" / "frontend"
STATICFILES_DIRS = [FRONTEND_DIR / "static", BASE_DIR / "victimcare" / "static"]
# GOV.UK Frontend's compiled CSS asks for its fonts and images at /assets/...;
# WhiteNoise serves var/frontend/root at the site root so those URLs resolve.
WHITENOISE_ROOT = FRONTEND_DIR / "root"
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Where uploaded police feed files wait for the job worker (victimcare/ingest, docs/adr/0033).
INGEST_UPLOAD_DIR = Path(env_str("INGEST_UPLOAD_DIR", str(BASE_DIR / "var" / "imports")))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# --- Victims' portal (victimcare/portal, docs/adr/0021) ----------------------------------------
# A portal session ends after this long without a page, and at the latest this long after sign-in.
PORTAL_IDLE_MINUTES = env_int("PORTAL_IDLE_MINUTES", 20)
PORTAL_MAX_HOURS = env_int("PORTAL_MAX_HOURS", 4)
# The timeout warning opens this long before the idle limit (WCAG 2.2.1); a form posted after
# the timeout is kept on the server for PORTAL_DRAFT_HOURS and offered back at sign-in.
PORTAL_TIMEOUT_WARNING_SECONDS = env_int("PORTAL_TIMEOUT_WARNING_SECONDS", 120)
PORTAL_DRAFT_HOURS = env_int("PORTAL_DRAFT_HOURS", 72)
PORTAL_CODE_MINUTES = env_int("PORTAL_CODE_MINUTES", 15)  # a sign-in code expires after this
PORTAL_CODE_ATTEMPTS = env_int("PORTAL_CODE_ATTEMPTS", 5)  # wrong codes before it stops working
# Codes asked for in PORTAL_LIMIT_MINUTES: per crime reference, per email or mobile, per client.
PORTAL_LIMIT_MINUTES = env_int("PORTAL_LIMIT_MINUTES", 15)
PORTAL_LIMIT_PER_REFERENCE = env_int("PORTAL_LIMIT_PER_REFERENCE", 5)
PORTAL_LIMIT_PER_ADDRESS = env_int("PORTAL_LIMIT_PER_ADDRESS", 5)
PORTAL_LIMIT_PER_CLIENT = env_int("PORTAL_LIMIT_PER_CLIENT", 20)
# The "Exit this page" button's destination: a neutral site.
PORTAL_EXIT_URL = env_str("PORTAL_EXIT_URL", "https://www.bbc.co.uk/weather")
# The phone number victims can ring (the portal's "who to contact"). Set it for production.
PORTAL_SERVICE_PHONE = env_str("PORTAL_SERVICE_PHONE", "0191 498 0123")  # default: an Ofcom drama number
# Triage of victims' portal messages (victimcare/messaging/triage.py, docs/adr/0043). A message
# with one of these words or phrases (any case, whole words only) is urgent: a prompt for a
# person to read it first, not a judgement of risk. A victim under MESSAGE_YOUNG_AGE on the
# day they write is always urgent. A service's ReplyTarget rows (the admin pages) override the
# default reply-by targets: an ordinary message by the end of the Nth working day after it
# came, an urgent one within so many hours. An unanswered message past its reply-by is
# escalated once to the team's supervisors; the scan looks back this many days.
MESSAGE_URGENT_WORDS = env_list(
    "MESSAGE_URGENT_WORDS",
    "scared,afraid,frightened,terrified,threatened,threatening,threat,kill,hurt me,hurt my,"
    "near my school,outside my house,outside my home,following me,followed me,not safe,unsafe",
)
MESSAGE_YOUNG_AGE = env_int("MESSAGE_YOUNG_AGE", 18)
MESSAGE_REPLY_WORKING_DAYS = env_int("MESSAGE_REPLY_WORKING_DAYS", 2)
MESSAGE_URGENT_REPLY_HOURS = env_int("MESSAGE_URGENT_REPLY_HOURS", 4)
MESSAGE_ESCALATION_LOOKBACK_DAYS = env_int("MESSAGE_ESCALATION_LOOKBACK_DAYS", 14)
# --- end portal ---------------------------------------------------------------------------------

# Caseload and search page size.
PAGE_SIZE = env_int("PAGE_SIZE", 25)

# --- Notifications ---------------------------------------------------------------------------
# Outbound messages to victims and staff (victimcare/notify, docs/adr/0012 and 0013).
# The transport per organisation is configuration: NOTIFY_TRANSPORT is the default
# ("mailbox": the demo page that shows what would have been sent; "smtp"; or "notify", GOV.UK
# Notify), and NOTIFY_ORGANISATION_TRANSPORTS overrides it per organisation id ("3=notify,7=smtp").
NOTIFY_TRANSPORT = env_str("NOTIFY_TRANSPORT", "mailbox")
NOTIFY_ORGANISATION_TRANSPORTS = {
    int(org): name
    for org, _, name in (item.partition("=") for item in env_list("NOTIFY_ORGANISATION_TRANSPORTS", ""))
}
# Extra transports by dotted path ("name=package.module.Class"), e.g. a counting fake in tests.
NOTIFY_EXTRA_TRANSPORTS = dict(item.partition("=")[::2] for item in env_list("NOTIFY_EXTRA_TRANSPORTS", ""))
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
# One Notify template per kind, each holding ((subject)) and ((body)) placeholders, so the
# wording lives (and is reviewed, in English and Welsh) here rather than in Notify's admin.
NOTIFY_EMAIL_TEMPLATE_ID = env_str("NOTIFY_EMAIL_TEMPLATE_ID", "")
NOTIFY_SMS_TEMPLATE_ID = env_str("NOTIFY_SMS_TEMPLATE_ID", "")
NOTIFY_LETTER_TEMPLATE_ID = env_str("NOTIFY_LETTER_TEMPLATE_ID", "")
# Notify's delivery-status callbacks carry this bearer token (set it in Notify's API settings).
NOTIFY_CALLBACK_TOKEN = env_str("NOTIFY_CALLBACK_TOKEN", "")
NOTIFY_FROM_EMAIL = env_str("NOTIFY_FROM_EMAIL", "victim-care@localhost")
NOTIFY_SENDER_NAME = env_str("NOTIFY_SENDER_NAME", "Victim Care and Advice Service")
# Discreet mode: a sender name that says nothing about crime or victims.
NOTIFY_DISCREET_SENDER_NAME = env_str("NOTIFY_DISCREET_SENDER_NAME", "Notifications")
NOTIFY_PORTAL_URL = env_str("NOTIFY_PORTAL_URL", "http://127.0.0.1:8000/portal/")
NOTIFY_SITE_URL = env_str("NOTIFY_SITE_URL", "http://127.0.0.1:8000")
# Survey invitations at each moment (docs/adr/0049): on unless switched off (e.g. before go-live),
# and how long an invitation's link works.
SURVEY_INVITATIONS = env_bool("SURVEY_INVITATIONS", True)
SURVEY_LINK_DAYS = env_int("SURVEY_LINK_DAYS", 28)
# Housekeeping the scheduler runs with each reminder scan (notify_scheduler --scan-every): each
# a function taking no arguments that is safe to run again (it keys what it writes).
SCHEDULED_SCANS = [
    "victimcare.safeguarding.services.order_expiry_reminders_write",
    "victimcare.portal.services.sign_in_records_prune",
    "victimcare.portal.drafts.kept_drafts_prune",
    "victimcare.api.services.idempotency_records_prune",
    "victimcare.api.webhooks.webhook_deliveries_drain",
    "victimcare.voice.reminders.recommendation_reminders_write",
    "victimcare.voice.panel.reminders.panel_action_reminders_write",
    "victimcare.messaging.triage.unanswered_messages_escalate",
    # Messages' text, staff sign-in records and the oldest audit rows past their period (0052).
    "victimcare.dataprotection.services.retention_sweep",
    "victimcare.support.targets.missed_targets_alert",
]
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
# A claim older than this is taken to be a dead worker's and may be taken again. Keep it far
# above the transports' own timeouts, or a slow send could be repeated (docs/adr/0013).
NOTIFY_CLAIM_TIMEOUT_SECONDS = env_int("NOTIFY_CLAIM_TIMEOUT_SECONDS", 300)
# The job worker's lease (docs/adr/0058): renewed every NOTIFY_LEASE_RENEW_SECONDS; a worker not
# heard from for NOTIFY_LEASE_SECONDS is dead, and what it left running or claimed is taken back.
NOTIFY_LEASE_SECONDS = env_int("NOTIFY_LEASE_SECONDS", 90)
NOTIFY_LEASE_RENEW_SECONDS = env_int("NOTIFY_LEASE_RENEW_SECONDS", 15)
NOTIFY_MAX_ATTEMPTS = env_int("NOTIFY_MAX_ATTEMPTS", 6)
# Staff reminder digests go out once a day at this local hour.
NOTIFY_DIGEST_HOUR = env_int("NOTIFY_DIGEST_HOUR", 7)
# An obligation still owed this many working days after its due date is escalated, once, to
# the supervisors over whoever owes it (0: never). docs/adr/0044.
REMINDERS_ESCALATE_AFTER_WORKING_DAYS = env_int("REMINDERS_ESCALATE_AFTER_WORKING_DAYS", 3)

# Local targets the area sets for obligations with no clock in the Code (docs/adr/0059), as
# "RULE=working days" pairs, e.g. "VRR_CPS_ACK=10,VRR_CPS_DECISION=30" ("RULE=none" removes the
# rule file's default). Never statutory: reported apart from the Code's figure.
LOCAL_TARGETS = env_str("LOCAL_TARGETS", "")
# --- end Notifications -----------------------------------------------------------------------

# --- Partner API (victimcare/api, docs/adr/0035) ------------------------------------------------
# Partner systems call /api/v1/ with a bearer token of an API client; the token's keyed hash is
# all that is stored. Errors are RFC 9457 problem details, every list is cursor-paginated, and
# each client's calls are counted per minute in the database (so the limit holds across every
# web server process).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["victimcare.api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["victimcare.api.permissions.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["victimcare.api.throttling.ClientRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "victimcare.api.problems.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "victimcare partner API",
    "DESCRIPTION": (
        "Crimes, victims, cases, timeline events, entitlements and referrals for partner systems "
        "(a police force's records system, a support provider's case system). Every error is an "
        "RFC 9457 problem detail (application/problem+json)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# Calls each client may make per minute, unless its own limit is set.
API_RATE_PER_MINUTE = env_int("API_RATE_PER_MINUTE", 120)
# Stored responses of writes sent with an Idempotency-Key are kept this long, then pruned.
API_IDEMPOTENCY_HOURS = env_int("API_IDEMPOTENCY_HOURS", 24)
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 50)
# --- end Partner API -------------------------------------------------------------------------

# --- Safeguarding (victimcare/safeguarding, docs/adr/0018 and 0019) ---------------------------
# A repeat victim: this many crimes or more within this many months (rolling, calendar months).
SAFEGUARDING_REPEAT_VICTIM_CRIMES = env_int("SAFEGUARDING_REPEAT_VICTIM_CRIMES", 2)
SAFEGUARDING_REPEAT_VICTIM_MONTHS = env_int("SAFEGUARDING_REPEAT_VICTIM_MONTHS", 12)
# MARAC "potential escalation": this many police-recorded crimes or more in this many months.
SAFEGUARDING_MARAC_ESCALATION_CRIMES = env_int("SAFEGUARDING_MARAC_ESCALATION_CRIMES", 3)
SAFEGUARDING_MARAC_ESCALATION_MONTHS = env_int("SAFEGUARDING_MARAC_ESCALATION_MONTHS", 12)
# MARAC "repeat": a new crime within this many months of the last MARAC referral.
SAFEGUARDING_REPEAT_MARAC_MONTHS = env_int("SAFEGUARDING_REPEAT_MARAC_MONTHS", 12)
# Protective orders expiring within this many days are shown and reminded about.
SAFEGUARDING_ORDER_EXPIRY_DAYS = env_int("SAFEGUARDING_ORDER_EXPIRY_DAYS", 28)
# --- end Safeguarding ------------------------------------------------------------------------
