"""The streaming HAR reader: same values as `json.loads`, bounded buffer, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tickspec.contract import harfile
from tickspec.contract.har import HarError, envelope, iter_raw

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def write(tmp_path: Path, doc: Any, indent: int | None = None) -> Path:
    path = tmp_path / "capture.har"
    path.write_text(json.dumps(doc, indent=indent), encoding="utf-8")
    return path


@settings(max_examples=200)
@given(
    entries=st.lists(JSON, max_size=6),
    extra=st.dictionaries(st.sampled_from(["version", "creator", "pages", "comment"]), JSON),
    top=st.dictionaries(st.sampled_from(["a", "z", "comment"]), JSON, max_size=2),
    chunk=st.integers(1, 64),
    indent=st.sampled_from([None, 0, 2]),
    entries_first=st.booleans(),
)
def test_streaming_reads_what_json_loads_reads(
    tmp_path_factory: pytest.TempPathFactory,
    entries: list[Any],
    extra: dict[str, Any],
    top: dict[str, Any],
    chunk: int,
    indent: int | None,
    entries_first: bool,
) -> None:
    """Property: for any HAR-shaped JSON document, any chunk size and any layout, the
    streamed entries and envelope equal what `json.loads` of the whole file gives."""
    log = {"entries": entries, **extra} if entries_first else {**extra, "entries": entries}
    doc = {**top, "log": log}
    path = write(tmp_path_factory.mktemp("h"), doc, indent)
    old, harfile.CHUNK = harfile.CHUNK, chunk
    try:
        assert [e for _, e in iter_raw(path)] == entries
        expected = json.loads(path.read_text(encoding="utf-8"))
        del expected["log"]["entries"]
        assert envelope(path) == expected
    finally:
        harfile.CHUNK = old


def test_multibyte_characters_split_across_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(harfile, "CHUNK", 1)
    path = tmp_path / "utf8.har"
    text = '{"log": {"entries": [{"t": "é漢😀\\ud800"}]}}'  # a lone surrogate as JSON writes it
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert list(iter_raw(path)) == [(0, {"t": "é漢😀\ud800"})]


def test_the_buffer_holds_about_one_entry_not_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(harfile, "CHUNK", 1024)
    doc = {"log": {"entries": [{"body": "x" * 4000, "i": i} for i in range(500)]}}
    path = write(tmp_path, doc)
    reader = harfile.Reader(path)
    longest = 0
    for _ in reader.entries():
        longest = max(longest, len(reader._buf))
    assert reader.count == 500
    assert path.stat().st_size > 2_000_000 and longest < 3 * 4100 + 2 * 1024


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "not a HAR (no top-level 'log' object) at line 1 column 1"),
        ('{"log": 1}', "not a HAR (no top-level 'log' object) at line 1 column 9"),
        ('{"log": {}}', "not a HAR ('log.entries' is not a list)"),
        ('{"log": {"entries": [1,]}}', "not JSON in entry 1 (Expecting value) at line 1 column 24"),
        ('{"log":\n {"entries": [\n{"a": tru}]}}',
         "not JSON in entry 0 (Expecting value) at line 3 column 7"),
        ('{"log": {"entries": [1 2]}}',
         "not JSON (expected ',' or ']' after entry 0) at line 1 column 24"),
        ('{"log": {"entries": []}} x',
         "not JSON (extra data after the document) at line 1 column 26"),
        ('{"log": {"entries": [',
         "not JSON (Expecting value: the file ends too early) at line 1 column 22"),
        ('{"log": {"entries": [' + "[" * 100_000, "not a HAR (entry 0 is JSON nested too deeply)"),
    ],
)  # fmt: skip
def test_errors_are_one_line_naming_the_file_and_place(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "bad.har"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HarError) as info:
        list(iter_raw(path))
    assert str(info.value).startswith(f"{path}: {expected}")
    assert "\n" not in str(info.value)


def test_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "bad.har"
    path.write_bytes(b'{"log": {"entries": ["\xff"]}}')
    with pytest.raises(HarError, match=r"not a HAR \(not UTF-8 text\) at byte 22$"):
        list(iter_raw(path))


def test_entries_before_a_fault_are_yielded(tmp_path: Path) -> None:
    path = tmp_path / "cut.har"
    path.write_text('{"log": {"entries": [{"a": 1}, {"b": 2}, {"c":', encoding="utf-8")
    seen = []
    with pytest.raises(HarError, match="entry 2"):
        for index, raw in iter_raw(path):
            seen.append((index, raw))
    assert seen == [(0, {"a": 1}), (1, {"b": 2})]
