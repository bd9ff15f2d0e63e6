#!/usr/bin/env python3
"""Regenerate sample.warc and malformed.warc (hand-written fictional pages) in this folder."""

def record(warc_type, uri, date, block, number, content_type="application/http; msgtype=response", extra=b"", length=None):
    if isinstance(block, str):
        block = block.encode("utf-8")
    head = (
        "WARC/1.0\r\n"
        f"WARC-Type: {warc_type}\r\n"
        f"WARC-Date: {date}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:012d}>\r\n"
        + (f"WARC-Target-URI: {uri}\r\n" if uri else "")
        + f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(block) if length is None else length}\r\n"
    ).encode("ascii") + extra + b"\r\n"
    return head + block + b"\r\n\r\n"

def http(status, content_type, body, extra_headers=""):
    return (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra_headers}"
            f"Content-Length: {len(body.encode('utf-8'))}\r\n\r\n{body}")

PAGE_ONE = ("<!doctype html><html><head><title>Norland joins rescue compact</title></head>"
            "<body><p>The fictional Republic of Norland said it would join the Harbour Compact.</p></body></html>")
PAGE_TWO = ("<html><body><p>The Eastmark council postponed its quota review "
            "until autumn.</p></body></html>")
chunks = [PAGE_TWO[:20], PAGE_TWO[20:]]
chunked = "".join(f"{len(c.encode()):x}\r\n{c}\r\n" for c in chunks) + "0\r\n\r\n"

sample = b"".join([
    record("warcinfo", None, "2031-03-04T00:00:00Z", "software: hand-written fixture\r\n", 1,
           content_type="application/warc-fields"),
    record("request", "https://wire.example/2031/03/norland-compact", "2031-03-04T01:00:00Z",
           "GET /2031/03/norland-compact HTTP/1.1\r\nHost: wire.example\r\n\r\n", 2,
           content_type="application/http; msgtype=request"),
    record("response", "https://wire.example/2031/03/norland-compact", "2031-03-04T01:00:01Z",
           http("200 OK", "text/html; charset=utf-8", PAGE_ONE), 3),
    record("response", "https://wire.example/missing", "2031-03-04T01:00:02Z",
           http("404 Not Found", "text/html", "<html><body>not found</body></html>"), 4),
    record("response", "https://wire.example/logo.svg", "2031-03-04T01:00:03Z",
           http("200 OK", "image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg'/>"), 5),
    record("response", "https://wire.example/2031/04/quota-review", "2031-04-11T06:00:00Z",
           "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked, 6),
    record("metadata", "https://wire.example/2031/04/quota-review", "2031-04-11T06:00:00Z",
           "fetchTimeMs: 12\r\n", 7, content_type="application/warc-fields"),
    record("revisit", "https://wire.example/2031/03/norland-compact", "2031-04-12T06:00:00Z",
           "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", 8),
])
open("sample.warc", "wb").write(sample)

good_first = record("response", "https://wire.example/first", "2031-03-04T01:00:01Z",
                    http("200 OK", "text/html", PAGE_ONE), 1)
wrong_length = record("response", "https://wire.example/wrong-length", "2031-03-04T01:00:02Z",
                      http("200 OK", "text/html", PAGE_TWO), 2, length=40)
bad_header = record("response", "https://wire.example/bad-header", "2031-03-04T01:00:03Z",
                    http("200 OK", "text/html", PAGE_TWO), 3, extra=b"this line is not a header\r\n")
good_last = record("response", "https://wire.example/last", "2031-03-04T01:00:04Z",
                   http("200 OK", "text/html", PAGE_TWO), 4)
open("malformed.warc", "wb").write(good_first + wrong_length + bad_header + good_last)
