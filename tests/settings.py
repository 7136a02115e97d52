"""Settings for the test suite: production settings plus the few tweaks tests need."""

import os

# Tests run with DEBUG off, as production does; this key only ever signs test data.
os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")

from portal.settings import *  # noqa: E402, F403
from portal.settings import STORAGES  # noqa: E402

# Hashing passwords the slow, safe way buys nothing in tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests serve static files from the source folders; collectstatic is checked in CI.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Staff sign-in: the many admin tests sign in with client.force_login(), which gives no second
# factor, and client.login() passes no request, which django-axes refuses. The tests in
# tests/portal/accounts/ and tests/browser/test_staff_signin.py turn both back on.
STAFF_REQUIRE_2FA = False
AXES_ENABLED = False
