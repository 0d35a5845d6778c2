"""`tickspec import`: turn a browser export into a fixture that is safe to commit.

A raw HAR of the web app holds static assets, analytics, other sites, CORS
preflights and every secret of the session. The importer reads the file twice,
entry by entry (memory is bounded by the largest entry, not the file):

1. every entry, of every host, goes through a `Redactor` with an open `Vault`,
   which records the account's secrets and personal data wherever a rule finds
   them (the signon, the profile, cookies, tokens under any name);
2. the TickTick API entries go through a `Redactor` with the sealed vault, which
   replaces every occurrence of every recorded value, and are written one by one.

The output goes to a temporary file next to the destination, renamed over it at
the end: an error leaves no partial fixture. An existing fixture is not
overwritten unless asked: it may have been reviewed by hand. The output is always
valid UTF-8 JSON: lone surrogates (which `\ud800` escapes can put in any string)
are replaced by U+FFFD, control characters are escaped, NaN is refused (exit 2).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tickspec.contract import builder, har
from tickspec.contract.har import HarError
from tickspec.contract.harfile import NUMBERS
from tickspec.contract.json_indent import indented
from tickspec.contract.redact import Redactor
from tickspec.contract.redact_vault import SURROGATE, Vault

COMMENT = "imported by `tickspec import`: TickTick API entries only, secrets redacted"
_ENTRY_INDENT = " " * 6
"""Entries sit at depth 3 (`{"log": {"entries": [...]}}`) of an indent-2 document."""


@dataclass(frozen=True)
class ImportResult:
    path: Path
    kept: int
    dropped: int
    replaced: int


def destination(src: Path, out: Path) -> Path:
    """`--out` is a folder (the capture keeps its file name, made shell-safe) or a .har file."""
    if out.suffix.lower() == ".har" and not out.is_dir():
        return out
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", src.stem).strip("-.") or "capture"
    return out / f"{stem}.har"


@dataclass
class Collected:
    """What pass 1 learnt: the sealed vault, the envelope and which entries are kept."""

    vault: Vault
    envelope: dict[str, Any]
    keep: bytearray
    """One byte per entry, 1 if kept: pass 2 does not shape every entry again to decide."""

    @property
    def total(self) -> int:
        """Entries in the capture."""
        return len(self.keep)

    @property
    def kept(self) -> int:
        """Entries kept (the TickTick API's)."""
        return self.keep.count(1)


def collect(src: Path, wanted: Callable[[har.Entry], bool]) -> Collected:
    """Pass 1: every entry's secrets into a vault (sealed at the end), and which to keep."""
    vault = Vault()
    collector = Redactor(vault)
    reader = har.Reader(src, NUMBERS)
    keep = bytearray()
    for index, raw in enumerate(reader.entries()):
        keep.append(wanted(har.parse_entry(raw, str(src), index)))
        _guard(src, index, collector.entry, raw)
    vault.seal()
    return Collected(vault, reader.envelope, keep)


def api_calls(hosts: Iterable[str]) -> Callable[[har.Entry], bool]:
    """What `check` would check: the API hosts' calls, and on the hosts that also serve a
    website (ticktick.com's OAuth2 pages, the focus host) only the spec's operations."""
    from tickspec.contract.router import Router
    from tickspec.spec import load

    return Router(load(), hosts).checked


def _guard(src: Path, index: int, redact: Any, raw: dict[str, Any]) -> dict[str, Any]:
    try:
        result: dict[str, Any] = redact(raw)
    except RecursionError:
        raise HarError(f"{src}: entry {index}: nested too deeply to redact") from None
    return result


def header(doc: dict[str, Any], redactor: Redactor) -> tuple[str, str]:
    """The output document's text before and after its entries."""
    log: dict[str, Any] = doc["log"] if isinstance(doc.get("log"), dict) else {}
    out = builder.har([], comment=COMMENT)
    creator = log.get("creator")
    if isinstance(creator, dict):
        out["log"]["creator"] = {
            "name": redactor.text(str(creator.get("name", ""))),
            "version": redactor.text(str(creator.get("version", ""))),
        }
    if isinstance(log.get("browser"), dict):
        out["log"]["browser"] = out["log"]["creator"]
    else:
        out["log"].pop("browser", None)
    text = builder.dumps(out)
    before, sep, after = text.partition('"entries": []')
    assert sep, "builder.har writes an empty entries list"
    return before + '"entries": [', "\n    ]" + after


def _write(stream: IO[bytes], src: Path, redactor: Redactor, keep: bytearray) -> None:
    """Pass 2: each kept entry, redacted, indented as in `builder.dumps`."""
    first = True
    for index, raw in har.iter_raw(src, NUMBERS):
        if index >= len(keep) or not keep[index]:  # past pass 1's end: secrets not learnt
            continue
        entry = _guard(src, index, redactor.entry, raw)
        try:  # Python's decoder accepts NaN and Infinity; JSON (and the output) does not
            text = indented(entry, 2, len(_ENTRY_INDENT))
        except ValueError:
            raise HarError(f"{src}: entry {index}: NaN or Infinity is not JSON") from None
        stream.write(_utf8(("\n" if first else ",\n") + _ENTRY_INDENT + text))
        first = False


def _utf8(text: str) -> bytes:
    """`text` in UTF-8, a lone surrogate as U+FFFD: every string went through `clean`,
    this only guards the file against a missed one (at no cost when there is none,
    where a search for one read the whole text again)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return SURROGATE.sub("\ufffd", text).encode("utf-8")


class _Stopped(BaseException):
    """A terminating signal arrived: unwind (removing the temporary file), then die of it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


STOPPING = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGQUIT") if hasattr(signal, name)
)
"""Signals whose default action ends the process (SIGINT is KeyboardInterrupt already)."""


@contextlib.contextmanager
def _clean_exit_on_signals() -> Iterator[None]:
    """While writing, a terminating signal unwinds like Ctrl-C (so `finally` removes the
    temporary file), then ends the process by the same signal, as if never caught. Only
    the main thread may set handlers, and a signal someone chose to handle is left be."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    _received.clear()
    for signum in STOPPING:
        if signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, _raise_stopped)
    try:
        yield
        _stop_if_signalled()  # the handler's exception was swallowed (below): die now
    except _Stopped as stop:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        previous = {}
        signal.raise_signal(stop.signum)  # the default action: the process ends here
        raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


_received: list[int] = []
"""The terminating signals received while writing. The handler's exception can be lost:
a handler runs between any two bytecodes, and one raising inside a finalizer (`__del__`,
a generator closed by the GC) is printed as unraisable and swallowed."""


def _raise_stopped(signum: int, _frame: object) -> None:
    _received.append(signum)
    raise _Stopped(signum)


def _stop_if_signalled() -> None:
    """Raise the stop a swallowed handler could not deliver."""
    if _received:
        raise _Stopped(_received[0])


def import_capture(
    src: Path, out: Path, *, force: bool = False, hosts: Iterable[str] = har.API_HOSTS
) -> ImportResult:
    """Write the redacted API entries of `src` under `out`; HarError on unusable input.

    Nothing partial is left under `out`, whether the import fails, is interrupted
    (Ctrl-C) or is ended by SIGTERM, SIGHUP or SIGQUIT (see `_clean_exit_on_signals`)."""
    with _clean_exit_on_signals():
        return _import(src, out, force, hosts)


def _import(src: Path, out: Path, force: bool, hosts: Iterable[str]) -> ImportResult:
    dest = destination(src, out)
    if dest.exists() and not force:
        raise HarError(f"{dest}: already exists (pass --force to overwrite)")
    wanted = api_calls(hosts)
    found = collect(src, wanted)
    if found.kept == 0:
        raise HarError(f"{src}: no TickTick API entry (hosts: {', '.join(sorted(hosts))})")
    redactor = Redactor(found.vault)
    before, after = header(found.envelope, redactor)
    created = not dest.parent.exists()
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    except OSError as exc:
        raise HarError(f"{dest}: cannot write ({exc.strerror or exc})") from None
    tmp = Path(name)
    try:
        os.chmod(fd, 0o644)  # mkstemp's 0600 would make the fixture unreadable to others
        with open(fd, "wb") as stream:
            stream.write(_utf8(before))
            _write(stream, src, redactor, found.keep)
            stream.write(_utf8(after))
        _stop_if_signalled()  # never publish a capture the user asked to stop writing
        os.replace(tmp, dest)
    except OSError as exc:
        raise HarError(f"{dest}: cannot write ({exc.strerror or exc})") from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if created and not dest.exists():  # a failed import leaves nothing behind
            with contextlib.suppress(OSError):
                dest.parent.rmdir()
    return ImportResult(dest, found.kept, found.total - found.kept, redactor.replaced)
