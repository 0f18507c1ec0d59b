"""The browser of the tests reaches the live server and nothing else (helpers.CHROMIUM_ARGS):
hostile payloads, map tiles and fonts that point elsewhere fail at once, by name or by address.

A server of our own on another loopback address stands for "elsewhere" (this machine has no
internet, so an outside address would fail anyway and prove nothing)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FETCH_SCRIPT = """
async (urls) => {
  const outcomes = {};
  for (const url of urls) {
    try {
      const response = await fetch(url, {mode: "no-cors", cache: "no-store"});
      outcomes[url] = response.type === "opaque" ? "reached" : "reached " + response.status;
    } catch (error) {
      outcomes[url] = "failed";
    }
  }
  return outcomes;
}
"""


class Answer(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.send_response(200)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(b"elsewhere")

    def log_message(self, *args):
        pass


@pytest.fixture
def elsewhere():
    """An HTTP server on 127.0.0.2: another machine, as far as the browser may know."""
    httpd = ThreadingHTTPServer(("127.0.0.2", 0), Answer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.2:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_only_the_live_server_can_be_reached(new_context, server, elsewhere):
    import urllib.request

    # The other server answers whoever asks it directly: only the browser is kept from it.
    assert urllib.request.urlopen(f"{elsewhere}/", timeout=5).read() == b"elsewhere"
    # The site's own policy (CSP connect-src) would stop these requests first: set it aside.
    page = new_context(bypass_csp=True).new_page()
    page.goto("/")
    port = urlsplit(server).port
    outside = [
        f"{elsewhere}/kerXss.js",
        f"http://localhost:{port}/static/css/ker.css",  # the live server, by another name
        "https://tile.openstreetmap.org/1/0/0.png",
    ]
    own = f"{server}/static/css/ker.css"
    outcomes = page.evaluate(FETCH_SCRIPT, [*outside, own])
    assert outcomes[own] == "reached 200"
    assert {url: outcomes[url] for url in outside} == dict.fromkeys(outside, "failed")
