"""Which operation of the spec a captured request is, if any.

Captures hold everything the browser did, so the router first decides whether
an entry is an API call at all (API host, not a CORS preflight), then matches
method + path against the path templates (`Spec.match`). Templates are indexed by
(method, number of segments), a literal segment beating a parameter from the left,
so `/api/v2/project/all/completed/` wins over `/api/v2/project/{projectId}/completed/`,
and matching 10,000 entries costs a few regex matches each rather than one per
operation. A segment that does not fit its parameter's schema matches nothing there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from tickspec.contract import har
from tickspec.spec import Operation, Spec, template_values

SLASHES = re.compile("//+")


class Router:
    def __init__(self, spec: Spec, hosts: Iterable[str] = har.API_HOSTS) -> None:
        self.spec = spec
        servers = [str(s.get("url", "")) for s in spec.openapi.get("servers") or []]
        # Path- and operation-level servers (the OAuth2 host ticktick.com, the focus host) also
        # serve the website: there only the requests of their own operations are API calls.
        local = {
            (urlsplit(str(s.get("url", ""))).hostname or "").lower()
            for item in spec.openapi.get("paths", {}).values()
            for node in [item, *item.values()]
            if isinstance(node, dict)
            for s in node.get("servers") or []
        }
        self.hosts = frozenset(h.lower() for h in hosts) | {
            (urlsplit(u).hostname or "").lower() for u in servers if urlsplit(u).hostname
        }
        self.local_hosts = frozenset(local - self.hosts - {""})
        prefixes = {urlsplit(u).path.rstrip("/") for u in servers} | {""}
        self.prefixes = sorted(prefixes, key=len, reverse=True)
        """Base paths of the servers (`/api/v2` for a server URL ending in it), longest first."""

    def checked(self, entry: har.Entry) -> bool:
        """An API call (not another host's request, not a CORS preflight)."""
        if entry.method == "OPTIONS":
            return False
        if entry.host in self.hosts:
            return True
        if entry.host not in self.local_hosts:
            return False
        return self.spec.match(entry.method, entry.path) is not None

    def match(self, method: str, path: str) -> tuple[Operation | None, str]:
        """(operation, path relative to the server) for a request.

        Runs of slashes count as one, as TickTick's router has it (pyticktick posts to
        `/api/v2//user/signon`, and it is served)."""
        if "//" in path:
            path = SLASHES.sub("/", path)
        for prefix in self.prefixes:
            if prefix and not path.startswith(prefix + "/"):
                continue
            rel = path[len(prefix) :] or "/"
            op = self.spec.match(method, rel)
            if op is not None:
                return op, rel
        return None, path

    def unknown_hint(self, path: str, method: str = "") -> str:
        """Tell 'wrong method' from 'unknown path' in an unknown_operation message, and name
        the template a segment did not fit (`move` is not a taskId)."""
        allowed = self.spec.path_allows(path)
        if allowed:
            return f" (the spec has {', '.join(allowed)} for this path)"
        misfits = self.spec.path_misfits(path)
        if not misfits:
            return ""
        op, name = min(misfits, key=lambda m: m[0].method != method.upper())
        value = path_values(op.path, path).get(name, "")[:40]
        return f" (not {op.method} {op.path}: {value!r} does not fit {name}'s schema)"


def path_values(template: str, path: str) -> dict[str, str]:
    """Path parameters of a matched request: `/task/{taskId}` + `/task/abc` -> {taskId: abc}."""
    return {name: unquote(value) for name, value in template_values(template, path).items()}
