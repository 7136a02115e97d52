"""Small per-client rate limits on Django's cache: stop bots without bothering people.

A limit is a fixed window that starts with the first hit: `limit` hits are allowed within
`window` seconds, then the key is blocked until the window ends. The counter lives in the
default cache, so with several app servers (or gunicorn workers) the limit is only shared when
the cache is (set REDIS_URL); with the local-memory cache each process counts for itself.

The client is REMOTE_ADDR. Behind a reverse proxy or load balancer every request comes from
the proxy, so set TRUSTED_PROXY_COUNT to the number of proxies in front of Django that append
to X-Forwarded-For; never trust that header without them, anyone can send it.
"""

import re
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

_PREFIX = "ratelimit:"


def hit(key: str, *, limit: int, window: int) -> bool:
    """Count one hit on `key`; True while it is within `limit` hits per `window` seconds."""
    cache_key = _PREFIX + key
    # add() only writes when the key is missing, so the window is not extended by later hits;
    # incr() is atomic in Redis and memcached, and under a lock in the local-memory cache.
    if cache.add(cache_key, 1, timeout=window):
        return 1 <= limit
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window ended between add() and incr()
        cache.add(cache_key, 1, timeout=window)
        count = 1
    return count <= limit


def allow_new_submission(
    request: HttpRequest, *, scope: str, submission_key: str, limit: int, window: int
) -> bool:
    """Count a new submission of a public form against the client's limit; True if allowed.

    Each one-time submission key counts once: the same form posted again (a double click,
    ten posts at once from an impatient browser) never uses up the limit, so each of those
    answers shows the one case's receipt instead of "too many". Ask only for a submission
    whose key has not opened a case yet (`portal.cases.services.case_for_submission`).
    A key refused by the limit is counted again when it is posted again.
    """
    seen = f"{_PREFIX}{scope}:key:{submission_key}"
    # add() writes only when the key is missing: of posts of one form at the same moment,
    # exactly one counts; the others go on to find (or wait for) the case it opens.
    if not cache.add(seen, 1, timeout=window):
        return True
    if hit(f"{scope}:{client_ip(request)}", limit=limit, window=window):
        return True
    cache.delete(seen)
    return False


def is_limited(key: str, *, limit: int) -> bool:
    """Whether `key` has used up its hits in the current window (without counting a hit)."""
    return (cache.get(_PREFIX + key) or 0) >= limit


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the one the trusted proxies say they saw."""
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    # Each trusted proxy appends the address it received the request from, so the n-th entry
    # from the right is the one our outermost proxy saw; entries further left may be forged.
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote_addr
    return forwarded[-proxies]


def too_many_requests(request: HttpRequest, *, retry_after: int, message: str = "") -> HttpResponse:
    """The polite 429 page, in Danish, with a Retry-After header."""
    response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def limit_not_found(
    scope: str,
    *,
    limit_setting: str,
    window_setting: str,
    secret_shape: re.Pattern | None = None,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view looked up by a secret (a token in the URL) against guessing.

    Each 404 the view raises counts a miss for the client; once a client has `limit` misses in
    the window, every request to views sharing `scope` gets the 429 page, also with a right
    secret, so guessing on stops paying off. The limits are read from settings at request time.
    A `token` that does not have `secret_shape` (a NUL byte, junk) is a 404 and a miss without
    reaching the view or the database.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            key = f"{scope}:{client_ip(request)}"
            limit = getattr(settings, limit_setting)
            window = getattr(settings, window_setting)
            if is_limited(key, limit=limit):
                return too_many_requests(request, retry_after=window)
            try:
                token = kwargs.get("token")
                if secret_shape and token is not None and not secret_shape.fullmatch(token):
                    raise Http404
                return view(request, *args, **kwargs)
            except Http404:
                hit(key, limit=limit, window=window)
                raise

        return wrapped

    return decorator


# A case's public token: 24 random bytes as URL-safe base64 (cases.models.new_public_token).
CASE_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{32}")

# Guessing status links: wrong tokens are counted per client, for the status page and the
# receipt pages that take the same token, and too many get the 429 page for a while.
limit_token_guessing = limit_not_found(
    "case-token",
    limit_setting="CASE_TOKEN_MISS_LIMIT",
    window_setting="CASE_TOKEN_MISS_WINDOW",
    secret_shape=CASE_TOKEN_SHAPE,
)
