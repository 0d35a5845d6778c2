"""`check -j N`: the same report as `-j 1`, in the same order, errors included; the
cuts of harfile's piece mode hold exactly when every piece parses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.contract.test_checker import body, entry0, set_body
from tests.paths import FIXTURES
from tickspec.contract import builder, harfile, parallel
from tickspec.contract.checker import Checker
from tickspec.contract.har import HarError


def mixed_capture(path: Path, count: int) -> Path:
    """Clean entries from every fixture, with drift of several kinds sprinkled in."""
    pool: list[Any] = []
    for har in sorted(FIXTURES.glob("*.har")):
        pool.extend(json.loads(har.read_text(encoding="utf-8"))["log"]["entries"])
    entries = [json.loads(json.dumps(pool[i % len(pool)])) for i in range(count)]
    for i in range(0, count, 7):
        bad = entry0("getUserStatus")
        value = body(bad, "response")
        value[f"new{i}"] = i
        value["userId"] = i
        set_body(bad, value, "response")
        entries[i] = bad
    entries[count // 2]["request"]["url"] = builder.API + "/api/v2/unknown"
    path.write_text(json.dumps(builder.har(entries)), encoding="utf-8")
    return path


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_report_equals_serial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(parallel, "PIECE", 4000)
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    path = mixed_capture(tmp_path / "big.har", 300)
    checker = Checker()
    serial = checker.check_paths([path, FIXTURES / "signon.har"])
    parallel_report = checker.check_paths([path, FIXTURES / "signon.har"], jobs=jobs)
    assert len(serial.findings) > 80
    assert parallel_report.to_json() == serial.to_json()
    assert parallel_report.operations == serial.operations


def test_the_first_error_in_file_order_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entry 3's bad structure comes before the syntax error at the end, as with -j 1."""
    monkeypatch.setattr(parallel, "PIECE", 200)
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    entries = [entry0("getUserStatus") for _ in range(10)]
    entries[3]["response"]["status"] = "200"
    text = json.dumps(builder.har(entries))
    path = tmp_path / "bad.har"
    path.write_text(text[: text.rindex("]")] + ", {]}}", encoding="utf-8")
    checker = Checker()
    with pytest.raises(HarError) as serial:
        checker.check_paths([path])
    with pytest.raises(HarError) as par:
        checker.check_paths([path], jobs=2)
    assert str(par.value) == str(serial.value)
    assert "entry 3: response 'status' is not an integer" in str(serial.value)


def test_cli_jobs_give_the_same_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tickspec.cli import main

    monkeypatch.setattr(parallel, "PIECE", 2000)
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    path = mixed_capture(tmp_path / "big.har", 60)
    outputs = []
    for jobs in ("1", "2"):
        code = main(["check", "--format", "json", "-j", jobs, str(path)])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0] == outputs[1] and outputs[0][0] == 1
    assert main(["check", "-j", "0", str(path)]) == 2
    assert (
        capsys.readouterr().err
        == "tickspec check: -j/--jobs: 0 is not a number of processes (>= 1)\n"
    )


def pieces(path: Path, size: int) -> list[str]:
    return list(parallel._batches(harfile.Reader(path).entries(piece=size)))


def parsed(texts: list[str]) -> list[Any] | None:
    out: list[Any] = []
    for text in texts:
        try:
            out.extend(json.loads("[" + text + "]"))
        except ValueError:
            return None
    return out


# strings full of what a cut looks for: braces, commas, quotes, escapes, JSON whitespace
TRICKY = st.text(alphabet='{}[],: "\\\n\tab', max_size=12)
# nested objects that start with the entries' first key: true `}, {"request":` cuts
# between objects inside an entry, which some piece then fails to parse
NESTED = st.dictionaries(st.one_of(st.just("request"), TRICKY), TRICKY, max_size=2)
ENTRY = st.fixed_dictionaries(
    {"request": NESTED, "response": TRICKY}, optional={"more": st.lists(NESTED, max_size=3)}
)


@settings(max_examples=300, deadline=None)
@given(
    entries=st.lists(ENTRY, max_size=12),
    size=st.integers(1, 120),
    indent=st.sampled_from([None, 0, 1, 4]),
    pages_after=st.lists(st.dictionaries(TRICKY, TRICKY, max_size=2), max_size=3),
)
def test_cuts_hold_exactly_when_every_piece_parses(
    tmp_path_factory: pytest.TempPathFactory,
    entries: list[dict[str, Any]],
    size: int,
    indent: int | None,
    pages_after: list[dict[str, str]],
) -> None:
    """Property: whatever the strings hold (`}, {"request":` included) and wherever
    the cuts fall, even between objects nested in an entry, either some piece fails
    to parse (and `check -j` falls back to reading in
    order) or the pieces' entries are exactly the file's; and the envelope read around
    them is the file's too."""
    document = {"log": {"version": "1.2", "entries": entries, "pages": pages_after}}
    path = tmp_path_factory.mktemp("cut") / "c.har"
    path.write_text(json.dumps(document, indent=indent), encoding="utf-8")
    reader = harfile.Reader(path)
    try:
        texts = list(parallel._batches(reader.entries(piece=size)))
    except harfile.HarError:
        return  # a false cut left the reader's own tail unparsable: the fallback's case
    got = parsed(texts)
    if got is not None:
        assert got == entries
        assert reader.envelope == {"log": {"version": "1.2", "pages": pages_after}}


@settings(max_examples=100, deadline=None)
@given(
    entries=st.lists(
        st.fixed_dictionaries({"request": st.text(alphabet="ab ,:", max_size=8)}), max_size=20
    ),
    size=st.integers(1, 60),
)
def test_cuts_between_plain_entries_always_hold(
    tmp_path_factory: pytest.TempPathFactory, entries: list[dict[str, str]], size: int
) -> None:
    """Property: with no nested objects every cut is between entries, so every piece
    parses and together they are the entries (the parallel path is taken, not the
    fallback)."""
    path = tmp_path_factory.mktemp("plain") / "p.har"
    path.write_text(json.dumps({"log": {"entries": entries}}, indent=1), encoding="utf-8")
    assert parsed(pieces(path, size)) == entries


def test_a_cut_inside_an_entry_falls_back_to_the_serial_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Strings that spell `}, {"startedDateTime":` offer no cut (their quotes are
    escaped), so the pieces hold; objects nested in an entry that start with the
    entries' first key are cut where no entry ends, and the file is read again in
    order. Either way the report is -j 1's."""
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "PIECE", 1)
    path = mixed_capture(tmp_path / "big.har", 120)
    doc = json.loads(path.read_text(encoding="utf-8"))
    for item in doc["log"]["entries"]:
        assert next(iter(item)) == "startedDateTime"
        item["comment"] = '}, {"startedDateTime": 1}' * 3
    calls: list[Path] = []
    original = Checker.check_file

    def counted(self: Checker, file: Path) -> Any:
        calls.append(file)
        return original(self, file)

    checker = Checker()
    for nested in (False, True):
        if nested:
            for item in doc["log"]["entries"][::5]:
                item["_nested"] = [{"startedDateTime": 1}, {"startedDateTime": 2}]
        path.write_text(json.dumps(doc), encoding="utf-8")
        serial = checker.check_paths([path])
        calls.clear()
        monkeypatch.setattr(Checker, "check_file", counted)
        assert checker.check_paths([path], jobs=2).to_json() == serial.to_json()
        monkeypatch.setattr(Checker, "check_file", original)
        assert calls == ([path] if nested else [])


def test_entry_numbers_are_shifted_across_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "PIECE", 3000)
    path = mixed_capture(tmp_path / "big.har", 200)
    assert len(pieces(path, 3000)) > 4
    report = Checker().check_paths([path], jobs=2)
    entries = sorted({f.entry for f in report.findings})
    assert entries[-1] > 150 and entries == sorted(
        {f.entry for f in Checker().check_paths([path]).findings}
    )


def test_without_cuts_the_reader_reads_entry_by_entry_in_bounded_memory(tmp_path: Path) -> None:
    """Entries that do not start with the first entry's key offer no cut: after a
    window of text the reader parses one entry at a time, and its buffer stays within
    the window, a chunk and an entry, however long the file."""
    entries = [{"request": {"n": 0}}] + [
        {"response": {"n": i}, "pad": "x" * 500} for i in range(6000)
    ]
    path = tmp_path / "keys.har"
    path.write_text(json.dumps({"log": {"entries": entries}}), encoding="utf-8")
    reader = harfile.Reader(path)
    texts, largest = [], 0
    for text in reader.entries(piece=1000):
        texts.append(text)
        largest = max(largest, len(reader._buf))
    assert parsed(texts) == entries and len(texts) == len(entries)
    assert path.stat().st_size > 3_000_000
    assert largest <= harfile.WINDOW * 1000 + 2 * harfile.CHUNK + 600
