"""Which `Host` names the server answers: the defence against DNS rebinding.

A web page at `http://evil.example` can make its own name resolve to
127.0.0.1 (DNS rebinding) and then read what the local server answers,
because to the browser it is still same-origin. The browser cannot hide the
name it used, though: it sends `Host: evil.example`. So outside the admin API
the server answers only Host names it was told about:

* always the loopback names `127.0.0.1`, `localhost` and `[::1]`, any port;
* each `--allow-host NAME` (`tickspec serve`; `allow_hosts=` of `create_app`),
  any port; `--allow-host '*'` turns the check off;
* on a non-loopback bind (`--host 0.0.0.0`, a LAN address) also any IP
  address written as such (`192.168.1.5:8765`, `[fe80::1]`): an address
  cannot be rebound, so a client on the network that types the server's
  address works, while a name still needs `--allow-host`.

Any other Host (and a request without one) is refused before routing with 421
`misdirected_request` and TickTick's JSON error body: no redirect, no code, no
token, no data. The admin API keeps its stricter rule (admin.py): loopback
names only, whatever the flags.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

from tickspec.server.errors import ApiError
from tickspec.server.guard import escaped

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
MISDIRECTED = "misdirected_request"
"""421: the request's Host is not a name this server answers (DNS rebinding)."""
ANY_HOST = "*"


def host_name(header: str) -> str:
    """The name of a Host header, lower-cased, without its port: `[::1]:80` -> `[::1]`."""
    host = header.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    name, sep, port = host.rpartition(":")
    return name if sep and port.isdigit() and ":" not in name else host


def is_loopback_name(header: str) -> bool:
    """`127.0.0.1:8765`, `localhost`, `[::1]:80` yes; `evil.example:8765`, `` no."""
    return host_name(header) in LOOPBACK_NAMES


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name[1:-1] if name.startswith("[") else name)
    except ValueError:
        return False
    return True


def is_loopback_bind(address: str) -> bool:
    """Whether a bind address only takes connections from this machine."""
    if address.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class HostPolicy:
    """The Host names the API answers (see the module docstring)."""

    names: frozenset[str] = frozenset()
    """The `--allow-host` names, as `host_name` gives them."""
    addresses: bool = False
    """A non-loopback bind: any IP address as Host too."""
    any_host: bool = False

    @classmethod
    def for_bind(cls, bind: str, allowed: Iterable[str] = ()) -> HostPolicy:
        """The policy of a server bound to `bind` with these `--allow-host` names."""
        wanted = [name.strip() for name in allowed if name.strip()]
        return cls(
            names=frozenset(host_name(name) for name in wanted if name != ANY_HOST),
            addresses=not is_loopback_bind(bind),
            any_host=ANY_HOST in wanted,
        )

    def allows(self, header: str | None) -> bool:
        """Whether a request with this Host header may reach the API."""
        if self.any_host:
            return True
        if not header:
            return False
        name = host_name(header)
        if name in LOOPBACK_NAMES or name in self.names:
            return True
        return self.addresses and _is_address(name)

    def refusal(self, header: str | None) -> ApiError | None:
        """The 421 for a Host this server does not answer, or None."""
        if self.allows(header):
            return None
        shown = escaped(header or "")[:100]
        return ApiError(
            421,
            MISDIRECTED,
            f"Host {shown!r} is not a name this server answers (DNS rebinding guard); "
            f"start it with --allow-host {host_name(shown) or 'NAME'} to allow it",
        )
