"""What a fresh store holds: default settings always, demo data on request."""

from __future__ import annotations

from tickspec.server.context import Seeder, ServerState


def base(state: ServerState) -> None:
    """Singletons every account has (settings, preferences)."""
    del state


def demo(state: ServerState) -> None:
    """A few projects, tasks, tags and habits, for `tickspec serve --seed-demo`."""
    del state


def seeder(with_demo: bool) -> Seeder:
    def run(state: ServerState) -> None:
        base(state)
        if with_demo:
            demo(state)

    return run
