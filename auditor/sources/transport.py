"""The crawler's HTTP transport: where it may connect (SSRF guard), TLS, and redirect bodies.

Every connection resolves its host name once, through a resolver that tests can replace, and
connects to one of the addresses the guard allows. Public addresses are always allowed; a
loopback, private, link-local or other non-public address only when the crawl's own target
is an address of that kind, typed as one (http://192.168.1.5/, or localhost), or with
`allow_private`. The check runs for the start URL, every link and every redirect, on the
address actually connected to, so a name that resolves differently the second time (DNS
rebinding) gains nothing.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import httpcore
import httpx

from auditor.sources.problems import FetchProblem

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# A host name and port -> its IP addresses as text, best first: the crawler's DNS lookup.
Resolver = Callable[[str, int], Awaitable[list[str]]]

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# IPv6 ranges Python calls global that are not the internet: IPv4-compatible (::a.b.c.d),
# SIIT (::ffff:0:a.b.c.d), local-use NAT64 and the deprecated site-local range
_NOT_PUBLIC_V6 = tuple(
    ipaddress.ip_network(net) for net in ("::/96", "::ffff:0:0:0/96", "64:ff9b:1::/48", "fec0::/10")
)


class BlockedAddress(FetchProblem):
    """A connection the guard refused (the message says where and why)."""


def address_kind(ip: IPAddress) -> str | None:
    """What kind of non-public address `ip` is: loopback, link-local, private or reserved.

    None for a public address. IPv6 forms of an IPv4 address are judged as that address.
    """
    if isinstance(ip, ipaddress.IPv6Address):
        nat64 = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None
        if embedded := ip.ipv4_mapped or ip.sixtofour or nat64:
            return address_kind(embedded)
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:  # 169.254.169.254, the cloud metadata address, is one
        return "link-local"
    if ip.is_private:
        return "private"
    if ip.is_multicast or not ip.is_global:
        return "reserved"
    if isinstance(ip, ipaddress.IPv6Address) and any(ip in net for net in _NOT_PUBLIC_V6):
        return "reserved"
    return None


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


async def system_resolver(host: str, port: int) -> list[str]:
    """The operating system's lookup of `host` (getaddrinfo)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class AddressGuard:
    """Resolves host names for the crawler and decides which addresses it may connect to."""

    def __init__(self, resolver: Resolver | None = None, allow_private: bool = False) -> None:
        self.resolver = resolver or system_resolver
        self.allow_private = allow_private
        self.allowed_kinds: set[str | None] = {None}  # None: public

    async def addresses(self, host: str, port: int) -> list[IPAddress]:
        """The addresses of `host`: itself when it is an address, else what the resolver says."""
        try:
            return [ipaddress.ip_address(host.strip("[]"))]
        except ValueError:
            return [ipaddress.ip_address(a) for a in await self.resolver(host, port)]

    def admit_target(self, host: str) -> None:
        """Allow the kind of address the crawl's own target is, when the user typed it: an IP
        address, or localhost. A name's lookup is not trusted: its answer (a loopback or
        private address first, then others) could point the whole crawl at internal services."""
        literal = host.strip("[]").lower().rstrip(".")
        if _is_address(literal):
            self.allowed_kinds.add(address_kind(ipaddress.ip_address(literal)))
        elif literal == "localhost" or literal.endswith(".localhost"):  # always loopback
            self.allowed_kinds.add("loopback")

    async def connectable(self, host: str, port: int) -> list[str]:
        """The addresses of `host` the crawler may connect to; BlockedAddress if there are none."""
        addresses = await self.addresses(host, port)
        allowed = [
            str(ip)
            for ip in addresses
            if self.allow_private or address_kind(ip) in self.allowed_kinds
        ]
        if not allowed and addresses:
            ip = addresses[0]
            literal = host.strip("[]")
            named = literal if _is_address(literal) else f"{host} ({ip})"
            raise BlockedAddress(
                f"refused: {named} is a {address_kind(ip)} address (--allow-private allows it)"
            )
        return allowed


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """Opens TCP connections only to the addresses the guard allows (TLS still checks the name)."""

    def __init__(self, guard: AddressGuard) -> None:
        self.guard = guard
        self.inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self.guard.connectable(host, port)
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, f"{host} has no address")
        for address in addresses[:-1]:
            try:
                return await self.inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError:
                continue  # the next address
        return await self.inner.connect_tcp(
            addresses[-1], port, timeout, local_address, socket_options
        )

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise FetchProblem("refused: the crawler does not use Unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


@cache
def _ssl_context(verify: bool) -> ssl.SSLContext:
    """httpx's TLS settings, made once per process (loading the CA bundle takes a while)."""
    return httpx.create_ssl_context(verify=verify)


# httpcore's errors as httpx's (most specific first), as httpx's own transport gives them
_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
)


@contextmanager
def _as_httpx_errors() -> Iterator[None]:
    try:
        yield
    except tuple(core for core, _ in _ERRORS) as exc:
        ours = next(ours for core, ours in _ERRORS if isinstance(exc, core))
        raise ours(str(exc)) from exc


class _Body(httpx.AsyncByteStream):
    """A response body from httpcore, its errors given as httpx's."""

    def __init__(self, stream: AsyncIterable[bytes]) -> None:
        self.stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _as_httpx_errors():
            async for part in self.stream:
                yield part

    async def aclose(self) -> None:
        close = getattr(self.stream, "aclose", None)  # httpcore's pool stream has one
        if close is not None:
            await close()


class GuardedTransport(httpx.AsyncBaseTransport):
    """An httpx transport over httpcore's connection pool (as httpx's own is), connecting
    through the guard, and never reading a redirect's body. httpx's own transport takes no
    network backend, so this one is built from httpcore's public parts."""

    def __init__(self, guard: AddressGuard, verify: bool = True) -> None:
        limits = httpx.Limits()
        self.pool = httpcore.AsyncConnectionPool(
            ssl_context=_ssl_context(verify),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_GuardedBackend(guard),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        sent = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _as_httpx_errors():
            answer = await self.pool.handle_async_request(sent)
        response = httpx.Response(
            answer.status,
            headers=answer.headers,
            stream=_Body(answer.stream),
            extensions=answer.extensions,
        )
        if not response.is_redirect:  # a 3xx with a Location
            return response
        # httpx reads (and decompresses) a redirect's body whole: it could be a bomb, and it
        # is never needed
        await response.aclose()
        headers = [(k, v) for k, v in response.headers.raw if k.lower() != b"content-encoding"]
        return httpx.Response(
            response.status_code, headers=headers, content=b"", extensions=response.extensions
        )

    async def aclose(self) -> None:
        await self.pool.aclose()
