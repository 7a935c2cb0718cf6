"""Which machines the fetcher may connect to.

A host is resolved once per request hop (`resolve`), every address it resolves to is checked
(`refusal`), and the connection then goes to one of those checked addresses — never to a second
lookup's answer, so a DNS name that changes its answer between check and connect (rebinding)
reaches nothing unchecked. Refused unless allowed: loopback, private (RFC 1918, ULA), link-local
(169.254.0.0/16 with cloud metadata at 169.254.169.254, fe80::/10), shared (100.64.0.0/10),
multicast, reserved, unspecified and documentation ranges — any address that is not global —
also when wrapped in IPv6 (::ffff:a.b.c.d, 6to4, NAT64).
"""
from __future__ import annotations

import ipaddress
import queue
import socket
import threading
from collections.abc import Iterable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class ResolveError(OSError):
    """The host name did not resolve (or not within the time left)."""


def resolve(host: str, port: int, timeout: float) -> list[str]:
    """The addresses `host` resolves to (an IP literal: itself), in the resolver's order.
    Waits at most `timeout` seconds: the lookup runs in a daemon thread left to finish alone."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    answers: queue.Queue = queue.Queue(maxsize=1)

    def lookup() -> None:
        try:
            answers.put(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as error:
            answers.put(error)

    threading.Thread(target=lookup, name=f"resolve {host}", daemon=True).start()
    try:
        answer = answers.get(timeout=max(0.0, timeout))
    except queue.Empty:
        raise ResolveError(f"no answer for {host} within {timeout:.1f} s") from None
    if isinstance(answer, OSError):
        raise ResolveError(f"{host}: {answer}")
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in answer:
        address = str(sockaddr[0]).split("%", 1)[0]      # drop an IPv6 zone id
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise ResolveError(f"{host}: no address")
    return addresses


def refusal(address: str, allow_private: bool = False, allowed_networks: Iterable[str] = ()) -> str | None:
    """Why the fetcher must not connect to `address` (e.g. `127.0.0.1 is loopback`), or None.
    `allow_private` allows every such address; `allowed_networks` (CIDR strings) allows just those."""
    ip = ipaddress.ip_address(address)
    if allow_private or any(ip in ipaddress.ip_network(network, strict=False) for network in allowed_networks):
        return None
    for each in _with_embedded(ip):
        kind = _kind(each)
        if kind:
            return f"{address} is {kind}" if each == ip else f"{address} wraps {each}, {kind}"
    return None


def _with_embedded(ip: IPAddress) -> list[IPAddress]:
    """The address and any IPv4 address it carries inside IPv6."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return [ip]
    if ip in _NAT64:
        return [ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]       # the NAT64 prefix itself is fine
    inner = [each for each in (ip.ipv4_mapped, ip.sixtofour) if each is not None]
    return [ip, *inner]


def _kind(ip: IPAddress) -> str | None:
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_reserved:
        return "reserved"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "not a global address"
    return None
