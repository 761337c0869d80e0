"""Who is asking: the client's address, behind the reverse proxies the deployment trusts.

Rate limits (public forms, staff logins) count per address. Behind nginx or a load balancer
``REMOTE_ADDR`` is the proxy's own address, shared by every citizen, so the real one has to be
read from ``X-Forwarded-For``; but anybody can send that header, so its entries are believed
only as far back as the chain is made of trusted proxies (``GONGKAI_TRUSTED_PROXIES``: addresses
or networks, e.g. ``127.0.0.1,10.0.0.0/8``). Walking from the right, the first address that is
not a trusted proxy is the client; what lies left of it was written by the client and is ignored.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(text: str) -> tuple[Network, ...]:
    """``"127.0.0.1, 10.0.0.0/8"`` as networks; raises ValueError naming a wrong entry."""
    networks = []
    for entry in (e.strip() for e in text.split(",")):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"“{entry}”不是有效的IP地址或网段（如 10.0.0.0/8）") from None
    return tuple(networks)


@lru_cache(maxsize=8)
def _trusted(configured: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(",".join(configured))


def _is_trusted(address: str, networks: Iterable[Network]) -> bool:
    return _is_address(address) and any(
        ipaddress.ip_address(address) in network for network in networks
    )


def client_address(request: HttpRequest) -> str:
    """The address of the visitor, as far as the trusted proxies vouch for it."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _trusted(tuple(getattr(settings, "GONGKAI_TRUSTED_PROXIES", ())))
    if not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    address = remote
    for hop in reversed([a for a in forwarded if a]):
        if not _is_address(hop):
            # A trusted proxy writes addresses; anything else is a misconfiguration, and a
            # made-up value must not become somebody's identity in the counters.
            break
        address = hop
        if not _is_trusted(hop, networks):
            break
    return address


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
