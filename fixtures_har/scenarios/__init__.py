"""The synthetic captures of fixtures_har/, one module per area of the API.

Each module's `scenarios()` maps a file stem (`<operationId>[-<scenario>]`) to the
entries of that capture, and its docstring says which operations and which
evidence (seed, public client, census) the captures stand for. `common` holds
what they share: the redacted ids, the entry-spec builders and the writer.
`fixtures_har/build.py` writes the web-app captures, `fixtures_har/build_census.py`
the census ones (open_api, focus, census_web); a new module goes into the
`MODULES` of one of them.
"""
