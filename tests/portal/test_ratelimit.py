"""portal.ratelimit: a fixed window per key in the cache, and the client's address."""

import pytest
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from portal import ratelimit


def test_hits_are_allowed_up_to_the_limit_then_refused():
    assert [ratelimit.hit("test:a", limit=3, window=60) for _ in range(5)] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert ratelimit.is_limited("test:a", limit=3)


def test_keys_are_counted_apart():
    for _ in range(3):
        ratelimit.hit("test:a", limit=2, window=60)
    assert ratelimit.hit("test:b", limit=2, window=60)
    assert not ratelimit.is_limited("test:b", limit=2)


def test_the_window_ends_and_counting_starts_again():
    for _ in range(3):
        ratelimit.hit("test:a", limit=2, window=60)
    cache.delete("ratelimit:test:a")  # what the cache does when the window's timeout passes
    assert ratelimit.hit("test:a", limit=2, window=60)


def test_an_expiry_between_add_and_incr_starts_a_new_window(monkeypatch):
    ratelimit.hit("test:a", limit=2, window=60)
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)

    def expired(key, delta=1, version=None):
        raise ValueError(key)

    monkeypatch.setattr(cache, "incr", expired)
    assert ratelimit.hit("test:a", limit=2, window=60)


def test_the_client_is_remote_addr_unless_proxies_are_trusted(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_ip(request) == "10.0.0.1"  # the header is anyone's to forge
    settings.TRUSTED_PROXY_COUNT = 1
    assert ratelimit.client_ip(request) == "203.0.113.9"
    settings.TRUSTED_PROXY_COUNT = 2
    assert ratelimit.client_ip(request) == "6.6.6.6"
    settings.TRUSTED_PROXY_COUNT = 3
    assert ratelimit.client_ip(request) == "10.0.0.1"  # fewer entries than proxies


@pytest.mark.django_db
def test_limit_not_found_blocks_a_client_after_too_many_misses(settings):
    settings.TEST_MISS_LIMIT, settings.TEST_MISS_WINDOW = 2, 600

    @ratelimit.limit_not_found(
        "test-secret", limit_setting="TEST_MISS_LIMIT", window_setting="TEST_MISS_WINDOW"
    )
    def view(request, secret):
        if secret != "rigtig":
            raise Http404
        return HttpResponse("ok")

    factory = RequestFactory()
    guesser = factory.get("/", REMOTE_ADDR="10.0.0.1")
    for _ in range(2):
        with pytest.raises(Http404):
            view(guesser, "forkert")

    blocked = view(guesser, "rigtig")  # also the right secret: guessing must not pay off
    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "600"
    assert "Vent lidt, før du prøver igen" in blocked.content.decode()
    assert view(factory.get("/", REMOTE_ADDR="10.0.0.2"), "rigtig").status_code == 200


def _client(address="10.0.0.1"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def allow(request, key, limit=2):
    return ratelimit.allow_new_submission(
        request, scope="test-form", submission_key=key, limit=limit, window=600
    )


def test_each_submission_key_counts_once_against_the_limit():
    request = _client()
    # The same form posted five times uses one of the two submissions allowed …
    assert [allow(request, "formular-1") for _ in range(5)] == [True] * 5
    # … so one more new form is still allowed, and the one after it is not.
    assert allow(request, "formular-2")
    assert not allow(request, "formular-3")
    # Re-posts of a form that was counted are still answered (they find its case).
    assert allow(request, "formular-1")


def test_a_form_refused_by_the_limit_stays_refused_when_posted_again():
    request = _client()
    allow(request, "formular-1", limit=1)
    assert not allow(request, "formular-2", limit=1)
    assert not allow(request, "formular-2", limit=1)
    assert allow(_client("10.0.0.2"), "formular-3", limit=1)  # another address


@pytest.mark.django_db
def test_a_token_that_is_not_url_safe_base64_is_a_counted_miss(settings):
    settings.CASE_TOKEN_MISS_LIMIT = 2
    reached = []

    @ratelimit.limit_token_guessing
    def view(request, token):
        reached.append(token)
        return HttpResponse("ok")

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1")
    for junk in ["\x00", "a" * 31 + "\x00"]:
        with pytest.raises(Http404):
            view(request, token=junk)

    assert reached == []  # never reached the view, nor the database
    assert view(request, token="A" * 32).status_code == 429
