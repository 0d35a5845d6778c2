"""Running the plan through the typed clients, and cleaning up whatever happens.

Each step's call is a generated stub's `ApiCall`, sent by the client's own
transport (headers, sign-on, retries with backoff and `Retry-After`, typed
errors). The answer's JSON feeds the context even when it no longer fits the
generated model: that is drift, for `check` to report, not a reason to stop.

A refused request (after the client's retries) fails that step only; steps that
need what it would have created are skipped. An auth failure stops the run
(the pacer refuses every later request), except an Open API 403: the token is
valid but lacks a scope (a `tasks:read` token's write), so the run goes on and
skips every later Open API write, saying why. Ctrl-C and SIGTERM stop it too. In
every case the ledger is emptied at the end, with SIGINT/SIGTERM ignored while
that runs, so a second Ctrl-C cannot leave the sandbox half deleted.
"""

from __future__ import annotations

import contextlib
import json
import signal
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tickspec_generated.endpoints import ApiCall

from tickspec.errors import AuthError, TickTickError, TransportError
from tickspec.probe.pacing import AuthStopped
from tickspec.probe.plan import Context, Step
from tickspec.probe.sandbox import (
    Ledger,
    describe,
    open_leftovers,
    open_listings,
    web_leftovers,
    web_listings,
)


@dataclass
class Outcome:
    """What one step (or cleanup call) got: its status, or why it got none."""

    operation_id: str
    api: str
    status: int | None = None
    note: str = ""

    @property
    def answered(self) -> bool:
        return self.status is not None


@dataclass
class Result:
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    """Operation -> why a step of it was not sent (its prerequisite failed, ...)."""
    leftovers: list[str] = field(default_factory=list)
    """What cleanup could not delete (run `tickspec probe --cleanup` later)."""
    stopped: str = ""
    """Why the run stopped early: an auth failure or an interruption."""
    interrupted: bool = False


class _Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C."""


def _raise_terminated(signum: int, frame: Any) -> None:
    raise _Terminated()


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM raises like Ctrl-C, so `finally` blocks (cleanup) run."""
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread (tests): nothing to install
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def uninterruptible() -> Iterator[None]:
    """Ignore SIGINT/SIGTERM while cleaning up (restored afterwards)."""
    saved: list[tuple[signal.Signals, Any]] = []
    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            saved.append((sig, signal.signal(sig, signal.SIG_IGN)))
    except ValueError:  # not the main thread
        pass
    try:
        yield
    finally:
        for sig, handler in saved:
            signal.signal(sig, handler)


class Runner:
    """Sends steps through `senders` ({"web": transport, "open": transport})."""

    def __init__(self, senders: dict[str, Any], ctx: Context | None = None) -> None:
        self.senders = senders
        self.ctx = ctx or Context()
        self.ledger = Ledger()
        self.result = Result()
        self.unusable: set[str] = set()
        """Keys whose create failed: the id stays for cleanup, later steps skip them."""
        self.forbidden = ""
        """Why Open API writes are skipped: one was answered 403 (a missing scope)."""

    def send(self, api: str, call: ApiCall[Any]) -> tuple[Outcome, Any]:
        """Send one call; (outcome, the answer's JSON or None). Raises AuthError/AuthStopped."""
        sender = self.senders[api]
        outcome = Outcome(call.request.operation_id, api)
        try:
            response = sender.send(call.request)
        except AuthError as exc:
            outcome.status, outcome.note = exc.status_code, f"auth failure: {exc}"
            self.result.outcomes.append(outcome)
            raise
        except TransportError:
            raise  # no answer: the caller decides what a lost answer means
        except TickTickError as exc:
            outcome.status, outcome.note = exc.status_code, f"refused: {exc}"
            self.result.outcomes.append(outcome)
            return outcome, None
        outcome.status = response.status_code
        answer = _json(response.content)
        try:
            call.decode(sender, response)
        except Exception as exc:  # drift: the answer no longer fits the model
            outcome.note = f"answer does not fit the model: {str(exc).splitlines()[0]}"
        self.result.outcomes.append(outcome)
        return outcome, answer

    def step(self, step: Step) -> None:
        """Run one step: skip it without its prerequisites, record what it creates."""
        missing = [k for k in step.needs if k not in self.ctx.ids or k in self.unusable]
        absent = [a for a in (step.api, *step.also) if a not in self.senders]
        if (step.writes or missing) and step.api == "open" and self.forbidden:
            self.result.skipped.setdefault(step.operation_id, self.forbidden)
            return
        if missing or absent:
            why = step.unmet or f"needs {', '.join(missing)}, which no earlier step created"
            self.result.skipped.setdefault(step.operation_id, why if missing else "no sender")
            return
        try:
            call = step.call(self.ctx)
        except (KeyError, TypeError, ValueError) as exc:  # a probe bug: say so, go on
            self.result.skipped.setdefault(step.operation_id, f"cannot build the request: {exc}")
            return
        early = step.undo is not None and _builds(step, self.ctx)
        if early and step.undo is not None:
            self.ledger.record(step.creates, step.undo)
        try:
            outcome, answer = self.send(step.api, call)
        except TransportError as exc:  # no answer for good: the write may have happened
            self.result.outcomes.append(Outcome(step.operation_id, step.api, None, str(exc)))
            if step.creates:
                self.unusable.add(step.creates)  # later steps skip it; the undo stays
            return
        except AuthError as exc:
            if step.api != "open" or exc.status_code != 403:
                raise
            self._forbid(step)
            return
        if not 200 <= (outcome.status or 0) < 300:
            if early and (outcome.status or 0) < 500:
                self.ledger.forget(step.creates)  # refused: nothing was created
            if step.creates:
                self.unusable.add(step.creates)
            return
        if step.keep is not None:
            try:
                step.keep(self.ctx, answer)
            except (KeyError, TypeError, ValueError, IndexError) as exc:
                outcome.note = f"answer lacks what later steps need ({exc!r})"
        if step.undo is not None and not early and step.creates in self.ctx.ids:
            self.ledger.record(step.creates, step.undo)
        for key in step.removes:
            self.ledger.forget(key)
            self.ctx.ids.pop(key, None)

    def _forbid(self, step: Step) -> None:
        """An Open API 403: the token may not do this; after a write, skip the others."""
        if step.creates:
            self.ledger.forget(step.creates)  # refused: nothing was created
            self.unusable.add(step.creates)
        if step.writes and not self.forbidden:
            self.forbidden = (
                f"the Open API token may not write ({step.operation_id} was answered 403): "
                "it lacks the tasks:write scope, so the probe skips Open API writes"
            )

    def run(self, steps: list[Step]) -> Result:
        """Every step, then cleanup of whatever is left, whatever happened."""
        try:
            with sigterm_as_interrupt():
                for step in steps:
                    self.step(step)
        except (AuthError, AuthStopped) as exc:
            self.result.stopped = f"stopped after an auth failure: {exc}"
        except KeyboardInterrupt:
            self.result.stopped = "interrupted"
            self.result.interrupted = True
        finally:
            with uninterruptible():
                self.cleanup()
        return self.result

    def cleanup(self) -> None:
        """Delete what the ledger still holds, the last created first."""
        for key, undo in self.ledger.pending():
            what = describe(self.ctx, key)
            try:
                call = undo(self.ctx)
                api = "open" if call.request.path.startswith("/open/") else "web"
                outcome, _ = self.send(api, call)
            except (KeyError, AuthError, AuthStopped) as exc:
                self.result.leftovers.append(f"{what}: {exc}")
                continue
            except Exception as exc:
                self.result.outcomes.append(Outcome(undo.__name__, "web", None, str(exc)))
                self.result.leftovers.append(f"{what}: {exc}")
                continue
            if outcome.answered and 200 <= (outcome.status or 0) < 300:
                self.ledger.forget(key)
            else:
                self.result.leftovers.append(f"{what}: {outcome.note or outcome.status}")

    def sweep(self) -> list[str]:
        """`--cleanup`: delete every object named with the probe's prefix; what was deleted."""
        deleted: list[str] = []
        calls: list[tuple[str, str, ApiCall[Any]]] = []
        if "web" in self.senders:
            for kind, listing in web_listings():
                _, answer = self.send("web", listing)
                calls += [("web", what, call) for what, call in web_leftovers(kind, answer)]
        if "open" in self.senders:
            for kind, listing in open_listings(self.ctx, with_web="web" in self.senders):
                _, answer = self.send("open", listing)
                calls += [("open", what, call) for what, call in open_leftovers(kind, answer)]
        for api, what, call in calls:
            outcome, _ = self.send(api, call)
            if outcome.answered and 200 <= (outcome.status or 0) < 300:
                deleted.append(what)
            else:
                self.result.leftovers.append(f"{what}: {outcome.note or outcome.status}")
        return deleted


def _builds(step: Step, ctx: Context) -> bool:
    """Whether the undo can be built before the answer (the id is the client's)."""
    assert step.undo is not None
    try:
        step.undo(ctx)
    except (KeyError, TypeError):
        return False
    return True


def _json(content: bytes) -> Any:
    try:
        return json.loads(content) if content else None
    except ValueError:
        return None
