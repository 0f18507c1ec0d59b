"""Rate limits and IP hashes behind a reverse proxy; limits counted atomically before acting."""

from __future__ import annotations

import threading

import pytest
from django.test import RequestFactory

from community import limits
from community.http import client_ip
from community.models import Report, User
from community.services import hash_ip

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "password1": "un-mot-de-passe-long",
    "password2": "un-mot-de-passe-long",
    "accept_licence": "on",
}


def _request(remote="203.0.113.10", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def _sign_up(client, name, **headers):
    return client.post(
        "/comptes/inscription/",
        {**SIGN_UP, "username": name, "email": f"{name}@example.org"},
        **headers,
    )


# --- who is the client ---------------------------------------------------------------------


def test_forwarded_header_is_ignored_without_a_trusted_proxy_setting(settings):
    settings.KER_TRUSTED_PROXY_COUNT = 0
    settings.KER_TRUSTED_PROXIES = []
    assert client_ip(_request("203.0.113.10", "198.51.100.7")) == "203.0.113.10"


def test_one_trusted_proxy_gives_the_address_it_received_from_not_a_spoofed_one(settings):
    settings.KER_TRUSTED_PROXY_COUNT = 1
    # nginx appends the address it saw to whatever the visitor sent.
    request = _request("127.0.0.1", "6.6.6.6, 198.51.100.7")
    assert client_ip(request) == "198.51.100.7"
    assert client_ip(_request("127.0.0.1", "198.51.100.7")) == "198.51.100.7"
    assert client_ip(_request("127.0.0.1")) == "127.0.0.1"


def test_two_trusted_proxies_count_from_the_right(settings):
    settings.KER_TRUSTED_PROXY_COUNT = 2
    request = _request("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.1")
    assert client_ip(request) == "198.51.100.7"


def test_trusted_proxy_addresses_skip_only_our_proxies(settings):
    settings.KER_TRUSTED_PROXY_COUNT = 0
    settings.KER_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert client_ip(_request("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.2.3")) == "198.51.100.7"
    # A request that does not come from a trusted proxy: its header is the visitor's own words.
    assert client_ip(_request("203.0.113.10", "198.51.100.7")) == "203.0.113.10"


def test_garbage_in_the_forwarded_header_never_becomes_the_address(settings):
    settings.KER_TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("127.0.0.1", "not-an-address")) == "127.0.0.1"
    assert client_ip(_request("127.0.0.1", "198.51.100.7:4431")) == "198.51.100.7"
    assert client_ip(_request("127.0.0.1", "[2001:db8::1]:443")) == "2001:db8::1"


# --- limits and hashes use it --------------------------------------------------------------


def test_behind_one_proxy_each_visitor_has_their_own_sign_up_limit(settings, client):
    settings.KER_TRUSTED_PROXY_COUNT = 1
    settings.KER_RATE_LIMITS = {**settings.KER_RATE_LIMITS, "signup_ip": "1/d"}
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    first = _sign_up(client, "un", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    client.logout()
    second = _sign_up(client, "deux", HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy)
    client.logout()
    # The first visitor cannot get a fresh limit by writing another address in the header.
    spoofed = _sign_up(client, "trois", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7", **proxy)
    assert (first.status_code, second.status_code, spoofed.status_code) == (302, 302, 400)
    assert sorted(User.objects.values_list("username", flat=True)) == ["deux", "un"]
    assert User.objects.get(username="un").signup_ip_hash == hash_ip("198.51.100.7")
    assert User.objects.get(username="deux").signup_ip_hash == hash_ip("198.51.100.8")


def test_without_proxy_setting_a_forged_header_does_not_escape_the_limit(settings, client):
    settings.KER_RATE_LIMITS = {**settings.KER_RATE_LIMITS, "signup_ip": "1/d"}
    remote = {"REMOTE_ADDR": "203.0.113.10"}
    assert _sign_up(client, "un", HTTP_X_FORWARDED_FOR="198.51.100.1", **remote).status_code == 302
    client.logout()
    again = _sign_up(client, "deux", HTTP_X_FORWARDED_FOR="198.51.100.2", **remote)
    assert again.status_code == 400 and "attendez un peu" in again.content.decode()
    assert User.objects.get().signup_ip_hash == hash_ip("203.0.113.10")


def test_reports_hash_the_client_address_behind_the_proxy(settings, client):
    settings.KER_TRUSTED_PROXIES = ["127.0.0.1"]
    client.post(
        "/signaler/",
        {"url": "/wiki/", "reason": "spam"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert Report.objects.get().reporter_ip_hash == hash_ip("198.51.100.9")


# --- counted atomically, before acting -----------------------------------------------------


def test_eight_parallel_takes_at_nineteen_of_twenty_let_exactly_one_through(settings):
    settings.KER_RATE_LIMITS = {**settings.KER_RATE_LIMITS, "report_ip": "20/h"}
    request = _request("198.51.100.20")
    for _number in range(19):
        assert limits.take(request, "report_ip")
    barrier = threading.Barrier(8)
    answers = []

    def attempt():
        barrier.wait()
        answers.append(limits.take(_request("198.51.100.20"), "report_ip"))

    threads = [threading.Thread(target=attempt) for _number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [False] * 7 + [True]


def test_report_view_counts_before_saving_so_the_limit_is_never_exceeded(settings, client):
    settings.KER_RATE_LIMITS = {**settings.KER_RATE_LIMITS, "report_ip": "3/h"}
    statuses = [
        client.post("/signaler/", {"url": "/", "reason": f"motif {number}"}).status_code
        for number in range(5)
    ]
    assert statuses == [302, 302, 302, 400, 400]
    assert Report.objects.count() == 3


def test_the_limit_is_taken_before_the_action_runs(settings, client, monkeypatch):
    """The count is already there while the report is being saved (no check-then-count gap)."""
    from community import services

    seen = []
    original = services.report_create

    def spy(**kwargs):
        seen.append(limits.limit_reached(_request("127.0.0.1"), "report_ip"))
        return original(**kwargs)

    monkeypatch.setattr(services, "report_create", spy)
    settings.KER_RATE_LIMITS = {**settings.KER_RATE_LIMITS, "report_ip": "1/h"}
    client.post("/signaler/", {"url": "/", "reason": "motif"}, REMOTE_ADDR="127.0.0.1")
    assert seen == [True]


def test_api_limit_cannot_be_escaped_with_a_forged_forwarded_header(settings, client):
    settings.KER_API_ANON_RATE = "2/h"
    statuses = [
        client.get(
            "/api/v1/grid/", REMOTE_ADDR="203.0.113.10", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        ).status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 429, 429]


def test_api_limit_behind_a_trusted_proxy_is_per_visitor(settings, client):
    settings.KER_API_ANON_RATE = "1/h"
    settings.KER_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    first = client.get("/api/v1/grid/", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    other = client.get("/api/v1/grid/", HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy)
    again = client.get("/api/v1/grid/", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.1", **proxy)
    assert (first.status_code, other.status_code, again.status_code) == (200, 200, 429)
