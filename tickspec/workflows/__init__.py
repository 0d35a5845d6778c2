"""Multi-request workflows as pure functions over wire objects."""
