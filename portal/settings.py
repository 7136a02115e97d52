"""Settings for Socialøkonomi-portalen, read from environment variables.

Every setting that differs between a laptop and production comes from the environment
(see README.md, "Konfiguration"). Defaults are the safe production ones; `make run` sets
DEBUG=1 for the demo.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY mangler. Sæt miljøvariablen SECRET_KEY (eller DEBUG=1 til udvikling)."
        )
    SECRET_KEY = "insecure-development-only-key"  # noqa: S105 - only ever used with DEBUG on

# The demo answers on the host `make run HOST=…` serves it on (SITE_URL), as its e-mails link.
_DEMO_HOSTS = ["127.0.0.1", "localhost", urlsplit(env.str("SITE_URL", default="")).hostname or ""]
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[h for h in _DEMO_HOSTS if h] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The strategy's four principles, each an app on top of `portal`, in the strategy's order (the
# main navigation's). The one place that names them: portal reads this list for the URL
# includes, the navigation and the caseworker's role, and never imports an app itself.
FEATURE_APPS = ["guidance", "partnerships", "entrepreneurs", "network"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "simple_history",
    "template_partials",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "portal",
    "portal.registry",
    "portal.pages",
    "portal.cases",
    "portal.notifications",
    "portal.accounts",
    "portal.privacy",
    "portal.registrations",
    "portal.dashboard",
    *FEATURE_APPS,
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during the request into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.pages.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# Database: PostgreSQL in production and CI, SQLite for the one-command demo.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# A new PostgreSQL connection per request costs more than most pages; keep them, but check
# them before use so a restarted database does not break the next request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo's server and worker write to one file: wait for the lock instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out account before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Danish first; English and German (the German minority in Sønderjylland) for the public pages.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads are never served as static files: the portal serves each through a view that
# decides who may see it.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Nothing in the portal serves this prefix (no URL pattern, not whitenoise); it must only not be
# empty, which Django would read as "every URL is a media URL".
MEDIA_URL = "/uploads-are-not-public/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: EMAIL_URL such as smtp+tls://user:password@mail.example.dk:587 or consolemail://
EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="socialokonomi@haderslev.dk")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CRISPY_ALLOWED_TEMPLATE_PACKS = ["dkfds"]
CRISPY_TEMPLATE_PACK = "dkfds"

# Only strictly necessary cookies (session for staff, CSRF): no cookie banner is needed.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A refused form gets the portal's own page, which says what to do (portal/pages/errors.py).
CSRF_FAILURE_VIEW = "portal.pages.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)

LOGIN_URL = "admin:login"
# Staff sign in to the admin only: without a `next`, that is where they land (Django's default,
# /accounts/profile/, does not exist here).
LOGIN_REDIRECT_URL = "admin:index"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs each step of every decision letter at INFO; only its problems matter.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# The municipality's site settings (name, address, logo …) are edited in admin; these are
# only the values a brand-new installation starts with.
MUNICIPALITY_DEFAULTS = {
    "name": env.str("MUNICIPALITY_NAME", default="Haderslev Kommune"),
}

# Cases and notifications
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# A first answer is due this many working days after a case is received.
CASES_FIRST_ANSWER_WORKING_DAYS = env.int("CASES_FIRST_ANSWER_WORKING_DAYS", default=5)
# Days the municipality is closed besides weekends and public holidays, as MM-DD.
CASES_CLOSED_DAYS = env.list("CASES_CLOSED_DAYS", default=["06-05", "12-24", "12-31"])
# After this many failed attempts an e-mail is marked failed and shown to staff.
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=8)
# Seconds the worker waits for the mail server before giving up on an attempt: well below the
# ten minutes after which another worker takes over a message (notifications/services.py).
NOTIFICATIONS_SMTP_TIMEOUT = env.float("NOTIFICATIONS_SMTP_TIMEOUT", default=20.0)
EMAIL_TIMEOUT = NOTIFICATIONS_SMTP_TIMEOUT

# The ongoing dialogue: a social-economy enterprise with no contact of any kind for this many
# months is on the admin's "Ikke kontaktet" list (portal/registry/dialogue.py).
DIALOGUE_QUIET_MONTHS = env.int("DIALOGUE_QUIET_MONTHS", default=6)
# Start-up support: an application draft not saved for this many days expires (its link says
# so, and retention clears it); attachments per application and their size.
# The municipality's postcodes (an applicant for start-up support lives or starts in it); the
# default is Haderslev Kommune's.
MUNICIPALITY_POSTCODES = env.list(
    "MUNICIPALITY_POSTCODES",
    default=["6070", "6093", "6094", "6100", "6500", "6510", "6535", "6541", "6560"],
)
ENTREPRENEURS_DRAFT_DAYS = env.int("ENTREPRENEURS_DRAFT_DAYS", default=30)
ENTREPRENEURS_MAX_ATTACHMENTS = env.int("ENTREPRENEURS_MAX_ATTACHMENTS", default=5)
ENTREPRENEURS_ATTACHMENT_MEGABYTES = env.int("ENTREPRENEURS_ATTACHMENT_MEGABYTES", default=10)

# Enquiries and rate limits
# The limits count per client address in the default cache; with several app servers set
# REDIS_URL so that they share the count. See portal/ratelimit.py.
# Enquiries accepted from one address per window (seconds); more get a polite 429 page.
ENQUIRY_RATE_LIMIT = env.int("ENQUIRY_RATE_LIMIT", default=5)
ENQUIRY_RATE_WINDOW = env.int("ENQUIRY_RATE_WINDOW", default=600)
# Answers from the status page, per client address (and twice that per case) in the window.
CASE_ANSWER_RATE_LIMIT = env.int("CASE_ANSWER_RATE_LIMIT", default=10)
CASE_ANSWER_RATE_WINDOW = env.int("CASE_ANSWER_RATE_WINDOW", default=600)
# Wrong status-link tokens (/sag/<token>/, receipts) from one address per window before 429.
CASE_TOKEN_MISS_LIMIT = env.int("CASE_TOKEN_MISS_LIMIT", default=20)
CASE_TOKEN_MISS_WINDOW = env.int("CASE_TOKEN_MISS_WINDOW", default=600)
# Reverse proxies in front of Django that append the client to X-Forwarded-For (0: none, use
# REMOTE_ADDR). Set it behind a load balancer, or every visitor shares the proxy's limit; never
# set it higher than the real number, or clients can forge their address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Privacy: retention
# How long each kind of record is kept before the worker's nightly run anonymises or deletes
# it. The defaults and their legal basis are in portal/privacy/policy.py; this JSON only
# overrides periods, e.g. PRIVACY_RETENTION='{"closed_cases": {"years": 10}}'.
PRIVACY_RETENTION = env.json("PRIVACY_RETENTION", default={})
# The data-subject report's sentence on transfers outside the EU/EEA (GDPR art. 15(2)), in
# Danish. Empty: the report says that nothing is transferred there.
PRIVACY_THIRD_COUNTRY_TRANSFERS = env.str("PRIVACY_THIRD_COUNTRY_TRANSFERS", default="")

# Staff sign-in: roles, two-factor, lockout, idle sessions
# Roles (the groups "Sagsbehandler" and "Leder") are defined in portal/accounts/roles.py.
# Every staff user signs in with a password and then a second factor: a code from an
# authenticator app or a single-use backup code (portal/accounts/twofactor.py). A constant, not
# an environment variable, so no deployment can turn it off by mistake.
STAFF_REQUIRE_2FA = True
# The demo staff that `make run` creates may skip the second factor; only with DEBUG on.
DEMO_2FA_EXEMPT_USERNAMES = ["sagsbehandler", "leder"] if DEBUG else []
# Wrong codes in one sign-in before the user is signed out; each also counts for django-axes.
STAFF_2FA_MAX_FAILURES = 5
# The name the authenticator app shows beside the code.
OTP_TOTP_ISSUER = "Socialøkonomi-portalen"
# The device admins are unregistered (accounts/admin.py); should one come back, it shows no keys.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# django-axes: failed sign-ins (wrong passwords and wrong codes together, each within
# AXES_COOLOFF_TIME of the last) lock sign-in for AXES_COOLOFF_TIME. Two counts, so that someone
# who only knows a user name cannot lock that person out from everywhere: STAFF_LOCKOUT_PER_ADDRESS
# failures for one user name from one address lock that pair (the town hall's staff share one
# address behind NAT, so the address alone is never a key), and STAFF_LOCKOUT_PER_USERNAME
# failures for one user name from all addresses together, each address counting at most
# STAFF_LOCKOUT_PER_ADDRESS, lock the user name everywhere (portal/accounts/lockouts.py turns
# the two into axes' one limit). A whole sign-in ends the count from its own address only.
STAFF_LOCKOUT_PER_ADDRESS = 5
STAFF_LOCKOUT_PER_USERNAME = 20
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_FAILURE_LIMIT = "portal.accounts.lockouts.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=30)
# The count ends with a whole sign-in, after the second factor (twofactor.signed_in), not at
# the password: otherwise whoever has the password could reset it between guesses at the code.
AXES_RESET_ON_SUCCESS = False
# A code refused because django-otp makes the user wait is not checked, so it counts for nothing.
# A failure while locked is not counted either: otherwise one address, trying on after its own
# lock, would reach STAFF_LOCKOUT_PER_USERNAME alone (lockouts.py also caps each address).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Axes warns that a username lock does not stop one address from trying one password on many
# usernames; here such a guessed password alone still gets nobody past the second factor.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_CALLABLE = "portal.accounts.views.lockout"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
# Axes' own tables are not shown raw: a manager unlocks from "Låste konti" (accounts/lockouts.py).
AXES_ENABLE_ADMIN = False
# Axes reads REMOTE_ADDR, which behind a reverse proxy is the proxy's. There, install
# django-ipware and set AXES_IPWARE_PROXY_COUNT (the number of proxies) and
# AXES_IPWARE_META_PRECEDENCE_ORDER (e.g. ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")), or set
# AXES_CLIENT_IP_CALLABLE to a function that honours TRUSTED_PROXY_COUNT; never trust
# X-Forwarded-For without a proxy that sets it.
# The link a new member of staff gets to choose a password (and enrol two-factor sign-in) works
# this long, and once: it dies when the password is set.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60
# Staff sessions end after this many minutes without a request, and when the browser closes.
# Saving the session on every request is what makes the limit count from the last request.
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=30)
SESSION_COOKIE_AGE = STAFF_SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Seats (portal/registrations): freed seats go to the waiting list automatically until this
# many hours before the start; after that staff see them on the admin home instead. The
# reminder goes out this many hours before. The registration form allows this many new
# registrations per client per window (seconds).
REGISTRATIONS_PROMOTION_STOP_HOURS = env.int("REGISTRATIONS_PROMOTION_STOP_HOURS", default=24)
REGISTRATIONS_REMINDER_HOURS = env.int("REGISTRATIONS_REMINDER_HOURS", default=24)
REGISTRATION_RATE_LIMIT = env.int("REGISTRATION_RATE_LIMIT", default=10)
REGISTRATION_RATE_WINDOW = env.int("REGISTRATION_RATE_WINDOW", default=600)
