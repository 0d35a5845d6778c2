"""pytest plugin: one test per HAR entry."""
