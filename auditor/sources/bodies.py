"""Read a response body within a size cap, decompressing gzip and deflate without bombs.

httpx decompresses whole network chunks (a 64 kB chunk of a gzip bomb is 64 MB, and each
further layer of `Content-Encoding: gzip, gzip` multiplies that again); here every layer stops
as soon as its output passes the cap.
"""

from __future__ import annotations

import zlib

import httpx

from auditor.sources.problems import FetchProblem

ACCEPT_ENCODING = "gzip, deflate"  # what read_body can decode
MAX_LAYERS = 3  # each holds a decompressor: 15,000 layers of gzip would take 600 MB


class BodyTooLarge(FetchProblem):
    """The body, decompressed, is larger than the cap."""


class _Layer:
    """One Content-Encoding layer (gzip or deflate), producing at most `cap` bytes in all."""

    def __init__(self, encoding: str, cap: int) -> None:
        self.encoding = encoding
        self.room = cap
        self.produced = False
        # gzip or zlib by their header; "deflate" is sometimes sent raw, tried on a first error
        self.inflate = zlib.decompressobj(zlib.MAX_WBITS | 32)
        self.started = False

    def feed(self, data: bytes) -> bytes:
        try:
            out = self.inflate.decompress(data, self.room + 1)
        except zlib.error:
            if self.started or self.encoding != "deflate":
                raise FetchProblem(f"corrupt {self.encoding} data") from None
            self.inflate = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self.inflate.decompress(data, self.room + 1)
        self.started = True
        if len(out) > self.room or self.inflate.unconsumed_tail:
            raise BodyTooLarge("too large decompressed")
        self.room -= len(out)
        self.produced = self.produced or bool(out)
        return out

    def finish(self) -> None:
        """At the end of the body: data that never gave a byte is not a page."""
        if not self.started or (not self.inflate.eof and not self.produced):
            raise FetchProblem(f"corrupt {self.encoding} data")


async def read_body(response: httpx.Response, cap: int) -> bytes:
    """The body of a streamed response, decoded; BodyTooLarge as soon as it passes `cap`."""
    encodings = [e.strip() for e in response.headers.get("content-encoding", "").lower().split(",")]
    if len([e for e in encodings if e and e != "identity"]) > MAX_LAYERS:
        raise FetchProblem(f"unsupported Content-Encoding: more than {MAX_LAYERS} layers")
    layers = []
    for encoding in reversed([e for e in encodings if e and e != "identity"]):
        if encoding not in ("gzip", "x-gzip", "deflate"):
            raise FetchProblem(f"unsupported Content-Encoding: {encoding[:40]}")
        layers.append(_Layer(encoding, cap))
    length = response.headers.get("content-length", "")
    if not layers and length.isascii() and length.isdigit() and int(length[:20]) > cap:
        raise BodyTooLarge("announced too large")  # not a byte of it read
    body = bytearray()
    async for chunk in response.aiter_raw():
        for layer in layers:
            chunk = layer.feed(chunk)
        body += chunk
        if len(body) > cap:
            raise BodyTooLarge("too large")
    for layer in layers:
        layer.finish()
    return bytes(body)
