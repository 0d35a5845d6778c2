"""A local, in-memory TickTick server implementing the spec, for tests and offline use.

Entry points: `tickspec serve` (cli.py), `create_app(...)` (app.py, a Starlette
app), and `running_server(...)` (testing.py, a background-thread server for
tests, with fault injection and the store's state at hand). Nothing is imported
here, so `tickspec --help` does not pay for Starlette.

How a request is answered (dispatch.py): the spec routes it (unknown path 404
`not_found`, wrong method 405 `method_not_allowed`), injected faults may hit,
the session is checked (401 `user_not_sign_on`; signon and MFA need none), the
request is validated against the spec (400 `invalid_request`, message naming
the JSON path), then the operation's handler runs (handlers/, one module per
area). Semantic failures are HTTP 500 with TickTick's error body, as TickTick
answers them; batch endpoints report per-object failures in `id2error` with
the codes of handlers/batch.py (`TASK_NOT_FOUND`, `ETAG_MISMATCH`, ...).

Before any of that, guard.py refuses paths with control characters (400),
collapses double slashes and caps the body size (413), and turns anything that
escapes into the JSON error body (a client that hangs up is one log line, no
traceback); hosts.py answers only known Host names outside the admin API (421,
against DNS rebinding); safejson.py parses bodies without NaN,
lone surrogates or deep nesting, so no request can store a value that later
answers could not encode. protocol.py bounds connections (header timeout,
connection cap, which the admin API is outside of) under uvicorn.

Module map: store.py (collections, checkpoint, compacted change log), auth.py
(account, expiring sessions, lockout, MFA attempts and expiry), oauth_server.py
(Open API apps, codes, tokens, scopes), validation.py, safejson.py, guard.py, hosts.py, protocol.py,
limits.py (defaults of the limits), errors.py, faults.py (fault rules and
request counters), admin.py (`/__tickspec__/...`, loopback Host and JSON
content type only), generic.py (a valid answer for an operation without a
handler), seed.py (defaults and demo data), recorder.py (`--record FILE.har`).
"""
