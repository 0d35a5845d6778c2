"""A local, in-memory TickTick server implementing the spec, for tests and offline use."""
