"""tickspec: TickTick's web API as a spec, a typed client, and a drift check."""

__version__ = "0.1.0"
