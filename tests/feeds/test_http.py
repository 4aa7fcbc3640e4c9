"""Hostile replies over loopback: trickling, endless, huge, compressed bombs, redirects, odd keys."""

import gzip
import json
import socket
import threading
import time

from urllib.parse import quote, quote_plus

import pytest
import requests

from feeds.errors import FormatError, UnavailableError
from feeds.http import http_get, redact
from feeds.seoul_open_data import OpenDataOptions, fetch_rows


class RawServer:
    """Answers each connection with `behave(conn)`; stops when the test ends."""

    def __init__(self, behave):
        self.behave, self.stopped = behave, threading.Event()
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.threads = [threading.Thread(target=self._serve, name="raw-http")]
        self.threads[0].start()

    def _serve(self):
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            worker = threading.Thread(target=self._handle, args=(conn,), name="raw-http-conn")
            self.threads.append(worker)
            worker.start()

    def _handle(self, conn):
        with conn:
            conn.recv(65536)
            try:
                self.behave(conn, self.stopped)
            except OSError:
                pass

    def stop(self):
        self.stopped.set()
        for thread in self.threads:
            thread.join()
        self.sock.close()


@pytest.fixture
def raw():
    servers = []

    def make(behave):
        servers.append(RawServer(behave))
        return servers[-1]

    yield make
    for server in servers:
        server.stop()


def trickle(text):
    def behave(conn, stopped):
        for byte in text:
            if stopped.wait(0.1):
                return
            conn.sendall(bytes([byte]))
    return behave


def reply(body, headers=b""):
    """One reply per connection, said so ("Connection: close"): a client must not reuse a socket this
    server is about to close (a reused one was reset under load, failing a paging test)."""
    def behave(conn, stopped):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n%s\r\n" % (len(body), headers)
                     + body)
    return behave


@pytest.mark.parametrize("what", ["headers", "body"])
def test_a_trickling_reply_is_cut_at_the_deadline_for_the_whole_reply(raw, what):
    if what == "headers":
        server = raw(trickle(b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 1000 + b"\r\n\r\n"))
    else:
        server = raw(lambda conn, stopped: (conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n"),
                                            trickle(b"x" * 5000)(conn, stopped)))
    started = time.monotonic()
    with pytest.raises(UnavailableError, match="no complete answer within 1 s"):
        http_get(requests.Session(), server.url, 1.0)
    assert time.monotonic() - started < 2.0  # each byte came within the per-read timeout


def test_a_reply_larger_than_the_cap_is_a_format_error(raw):
    server = raw(reply(b"x" * (3 * 2**20)))
    with pytest.raises(FormatError, match="larger than 2 MB"):
        http_get(requests.Session(), server.url, 5, max_bytes=2 * 2**20)


def test_an_endless_reply_without_length_is_capped(raw):
    def endless(conn, stopped):
        conn.sendall(b"HTTP/1.1 200 OK\r\n\r\n")
        while not stopped.is_set():
            conn.sendall(b"y" * 65536)
    server = raw(endless)
    with pytest.raises(FormatError, match="larger than 1 MB"):
        http_get(requests.Session(), server.url, 10, max_bytes=2**20)


def test_a_gzip_bomb_is_capped_by_its_decompressed_size(raw):
    bomb = gzip.compress(b"\0" * (200 * 2**20))  # 200 MB in about 200 kB
    server = raw(reply(bomb, b"Content-Encoding: gzip\r\n"))
    with pytest.raises(FormatError, match="larger than 1 MB"):
        http_get(requests.Session(), server.url, 10, max_bytes=2**20)


def test_too_many_rows_is_a_format_error(raw):
    rows = [{"N": i} for i in range(1000)]
    body = json.dumps({"Svc": {"list_total_count": 100_000, "RESULT": {"CODE": "INFO-000"}, "row": rows}}).encode()
    server = raw(reply(body))
    options = OpenDataOptions(base_url=server.url, api_key="K", service="Svc", max_rows=2500)
    with pytest.raises(FormatError, match="more than 2500 rows"):
        fetch_rows(requests.Session(), options)


def test_a_keyed_request_does_not_follow_a_redirect_to_another_host(raw, replay):
    key = "a+b/c=="
    elsewhere = raw(reply(b"{}"))
    server = raw(lambda conn, stopped: conn.sendall(
        b"HTTP/1.1 302 Found\r\nLocation: " + elsewhere.url.replace("127.0.0.1", "localhost").encode()
        + b"/steal\r\nContent-Length: 0\r\n\r\n"))
    with pytest.raises(FormatError, match="redirected to another host") as info:
        http_get(requests.Session(), f"{server.url}/{quote(key, safe='')}/json", 5, secret=key)
    assert key not in str(info.value) and "a%2Bb%2Fc%3D%3D" not in str(info.value)


def test_a_same_host_redirect_is_followed(raw):
    answers = iter([b"HTTP/1.1 301 Moved\r\nLocation: /moved\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"])
    server = raw(lambda conn, stopped: conn.sendall(next(answers)))
    assert http_get(requests.Session(), f"{server.url}/KEY/json", 5, secret="KEY") == b"ok"


@pytest.mark.parametrize("key", ["plain", "a+b/c==", "한글키", "%41"])
def test_every_spelling_of_a_key_is_masked(key):
    text = f"GET /{key}/json and /{quote(key, safe='')}/json and ?k={quote_plus(key)}"
    assert key not in redact(text, key).replace("***", "")
    assert redact(text, key).count("***") == 3
