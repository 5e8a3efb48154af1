import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Fast hashing in tests only; production keeps Argon2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if not os.environ.get("DATABASE_URL"):
    DATABASES["default"]["NAME"] = ":memory:"  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}  # noqa: F405
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA foreign_keys=ON;"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Tests run on a small, stable referential; the real content has its own validation test.
CONTENT_DIR = BASE_DIR / "tests"  # noqa: F405
CONTENT_DIR = CONTENT_DIR / "fixtures" / "content"
ATTACHMENTS_DIR = VAR_DIR / "test-attachments"  # noqa: F405
CONTENT_CHECK_INTERVAL = 10**9  # the in-memory referential installed by the fixtures is authoritative
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
