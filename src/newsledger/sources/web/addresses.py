"""Which hosts newsledger may connect to on a user's behalf, checked where the connection is made.

Fetching a URL someone else wrote (a feed entry, a redirect) is a server-side request risk: a feed can
point at ``http://169.254.169.254/`` (a cloud's metadata service) or at an admin page on the local
network. So every TCP connection the fetcher opens goes through :class:`GuardedBackend`, which resolves
the host itself, refuses the connection if any address it resolves to is not a public unicast one
(loopback, private, link-local, carrier-grade NAT, multicast, reserved, unspecified, and the IPv4
addresses mapped into IPv6), and then connects to one of the addresses it checked. Checking at connect
time, on the addresses actually used, covers every redirect and leaves no gap between the check and the
connection for a DNS answer to change in (DNS rebinding). ``allow_private`` lifts the rule (the tests'
servers on 127.0.0.1; an intranet the user means to read).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

import httpcore
from httpcore._backends.base import SOCKET_OPTION
from httpcore._backends.sync import SyncStream

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class BlockedAddress(Exception):
    """A connection to an address that is not public, refused; the message names host and address."""


def is_public(address: IpAddress) -> bool:
    """Whether ``address`` is a public unicast address (what a news site has)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def resolve(host: str, port: int) -> list[IpAddress]:
    """Every address ``host`` resolves to for a TCP connection, in the resolver's order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise OSError(f"cannot resolve {host}: {error.strerror or error}") from error
    found: list[IpAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in found:
            found.append(address)
    return found


def check_addresses(host: str, addresses: Iterable[IpAddress]) -> None:
    """Raise :class:`BlockedAddress` if any of ``addresses`` is not public: one is enough to refuse."""
    for address in addresses:
        if not is_public(address):
            raise BlockedAddress(
                f"{host} resolves to {address}, a loopback, private, link-local or multicast address; "
                "refused (--allow-private lifts this)"
            )


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's synchronous network backend, connecting only to addresses :func:`check_addresses` passed."""

    def __init__(self, *, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = resolve(host, port)
        except OSError as error:
            raise httpcore.ConnectError(str(error)) from error
        if not self.allow_private:
            check_addresses(host, addresses)
        source = None if local_address is None else (local_address, 0)
        last_error: OSError | None = None
        for address in addresses:
            try:
                sock = socket.create_connection((str(address), port), timeout, source_address=source)
            except TimeoutError as error:
                raise httpcore.ConnectTimeout(f"{host}: connection timed out") from error
            except OSError as error:
                last_error = error
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return SyncStream(sock)
        raise httpcore.ConnectError(f"{host}: {last_error or 'no address to connect to'}")
