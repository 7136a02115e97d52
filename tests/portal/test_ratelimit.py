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
