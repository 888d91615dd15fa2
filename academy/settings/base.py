"""Settings shared by every environment; each value that varies comes from the environment."""

from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from academy.logging_setup import logging_config

from .env import (
    cache_from_env,
    database_from_env,
    env_bool,
    env_int,
    env_list,
    env_str,
    mailer_from_env,
    site_url_from_env,
)
from .replica import replica_from_env
from .storage import storages_from_env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])

INSTALLED_APPS = [
    "academy",
    "academy.scheduling",
    "courses",
    "cohorts",
    "cohorts.coursework",
    "cohorts.review",
    "cohorts.attendance",
    "cohorts.calendar",
    "cohorts.mentoring",
    "cohorts.plans",
    "cohorts.certificates",
    "academy.wagtail_ja",
    "cohorts.reports",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "academy.apps.UsersConfig",  # wagtail.users with our user fields
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # its Japanese for Wagtail's 「3分前」 (naturaltime)
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # /healthz answers before anything else (no session, no HTTPS redirect, not logged).
    "academy.health.HealthCheckMiddleware",
    # One JSON line per request and per refused access (ids only).
    "academy.logging_requests.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # One round trip to the shared cache: the session (production) and the content version.
    "academy.middleware.SharedCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "academy.middleware.LanguageMiddleware",
    "academy.middleware.SiteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "academy.csp.AdminPolicyMiddleware",
    "academy.csp.PrivateResponseMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "academy.urls"
WSGI_APPLICATION = "academy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "academy.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": database_from_env(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A read replica for reports, off unless DATABASE_REPLICA_URL is set (academy/db_router.py).
if (REPLICA_DATABASE := replica_from_env()) is not None:
    DATABASES["replica"] = REPLICA_DATABASE
    DATABASE_ROUTERS = ["academy.db_router.ReplicaRouter"]

CACHES = {"default": cache_from_env()}

AUTH_USER_MODEL = "academy.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "cohorts:dashboard"
LOGOUT_REDIRECT_URL = "/"

# django-allauth: e-mail login, no public sign-up (people are invited), rate limits on.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "academy.accounts.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_SESSION_REMEMBER = None  # the person chooses; the box starts ticked (LoginForm)
ACCOUNT_FORMS = {"login": "academy.accounts.LoginForm"}
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/key,20/5m/ip",
    "reset_password": "5/m/ip,5/5m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "confirm_email": "1/3m/key",
    "login": "30/m/ip",
}

LANGUAGE_CODE = env_str("LANGUAGE_CODE", "ja")
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Both win over every installed package's catalogue; the first wins between them: our app's
# strings (locale/), then our Japanese for Wagtail's and Django's (locale_vendor/, see
# scripts/po_vendor.py), so a msgid both use keeps our app's meaning ("Not started": 未着手).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Tokyo")
USE_I18N = True
USE_TZ = True
# Dates and times for people: academy.datetimes and |date:"DATETIME_FORMAT" read these.
FORMAT_MODULE_PATH = ["academy.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "build" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads (images, documents, submission files) never live under a public URL of their own:
# Wagtail serves images through renditions and documents through its serve view.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "build" / "media")))
MEDIA_URL = "/media/"
# A local folder, or an S3-compatible bucket when S3_BUCKET is set (academy/settings/storage.py).
STORAGES = storages_from_env("django.contrib.staticfiles.storage.StaticFilesStorage")
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

MAILERS = {"default": mailer_from_env()}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Successor Academy <office@example.com>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# The sender's name per language of the mail (the address stays DEFAULT_FROM_EMAIL's);
# a language not listed uses DEFAULT_FROM_EMAIL as it is.
EMAIL_FROM_NAMES = {"ja": env_str("EMAIL_FROM_NAME_JA", "後継者育成塾 事務局")}
# academy.mail: seconds to wait before each new attempt after a temporary refusal (4xx, no
# connection); after the last, the e-mail is marked failed and logged.
MAIL_RETRY_DELAYS = [
    int(delay) for delay in env_list("MAIL_RETRY_DELAYS", ["60", "300", "1800", "7200", "21600"])
]

TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# Scheduled work: `manage.py run_scheduled` (a timer) runs each job, `job(now=None)`, in this
# order; each is idempotent (academy.scheduling.registry). A new job is one line here.
SCHEDULED_JOBS = [
    "cohorts.coursework.reminders.send_due_soon_reminders",
    "cohorts.coursework.announcements.announce_opened_assignments",
    "cohorts.attendance.reminders.send_session_reminders",
    "academy.scheduling.jobs.prune_task_results",
    "academy.scheduling.jobs.prune_sent_notices",
    "academy.mail.recover_stalled",
    "academy.scheduling.jobs.prune_mail_outbox",
]
# Finished rows of the task queue, and the record of notices sent, are kept this many days.
TASK_RESULTS_KEEP_DAYS = env_int("TASK_RESULTS_KEEP_DAYS", 14)
SENT_NOTICES_KEEP_DAYS = env_int("SENT_NOTICES_KEEP_DAYS", 400)

WAGTAIL_SITE_NAME = "後継者育成塾 Successor Academy"
# The public address (SITE_URL): links in e-mails, calendar files; production requires it.
SITE_URL = site_url_from_env()
WAGTAILADMIN_BASE_URL = SITE_URL
# Copy SITE_URL into the Wagtail Site after each migrate (production; `manage.py sync_site`).
SYNC_SITE_ON_MIGRATE = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "txt", "csv"]
# academy.views.admin_login: allauth's sign-in page, or a "not for you" page when signed in.
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No third-party avatar service: the CSP allows same-origin images only, and privacy.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_I18N_ENABLED = False
# One school, one zone: the admin account page offers the school's zone (and the server's),
# not a list of 600 zone names.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]

# Security: safe defaults everywhere, tightened further in production.
SESSION_COOKIE_HTTPONLY = True
# A remembered login lasts the programme's year and a little more (a trainee's phone stays
# logged in for check-ins and lessons until they log out).
SESSION_COOKIE_AGE = 60 * 60 * 24 * 400
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A refused CSRF check shows our translated 403 page, not Django's English one.
CSRF_FAILURE_VIEW = "academy.views.csrf_failure"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF, "https://www.youtube.com", "https://player.vimeo.com"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# allauth reads the client IP through academy.accounts.AccountAdapter.get_client_ip
# (academy.client_ip); its own setting says the same, so no code path of it can differ.
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Logs: one line per record on stderr; LOG_FORMAT=json (production's default) writes one JSON
# object per line, with one line per request and one per refused access (academy.request_log).
LOGGING = logging_config(env_str("LOG_FORMAT", "text"))

# --- Submission uploads ----------------------------------------------------------------------
# Submitted files live in their own private storage, never under MEDIA_URL: they are served
# only by a view that asks the access rules (cohorts.uploads.responses). Limits are per file
# and per submission; each can be overridden from the environment.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))
SUBMISSION_MAX_FILE_BYTES = env_int("SUBMISSION_MAX_FILE_BYTES", 20 * 1024 * 1024)
SUBMISSION_MAX_FILES = env_int("SUBMISSION_MAX_FILES", 5)
# Whether a mentor may grant their own trainees a new due date (staff always may).
MENTORS_MAY_GRANT_EXTENSIONS = env_bool("MENTORS_MAY_GRANT_EXTENSIONS", False)
# --- end of submission uploads ---------------------------------------------------------------
