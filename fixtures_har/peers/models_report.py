"""The peers' response models as an outside opinion on the fixtures and the server.

    uv run python fixtures_har/peers/models_report.py            # writes the report
    uv run python fixtures_har/peers/models_report.py --check    # compares, writes nothing

pyticktick 0.3.0 (pydantic models that forbid extra fields, tested against the live
service) and ticktick-sdk 0.4.3 (lenient models with required fields and types) each
read some operations' answers with a model. This script

1. collects every 2xx JSON answer of every capture under fixtures_har/ (subfolders
   included: peers/, real/), keyed `<file>#<entry>` with the sha256 of the body, and
   the answers of `tickspec serve --seed-demo` (on 127.0.0.1) to the reads the peers
   make, keyed `serve: <operationId>`;
2. installs each peer at its pinned version into a throwaway environment (uv venv +
   uv pip install; the only traffic beyond 127.0.0.1) and runs drivers/check_models.py
   there: the peer's own model for each operation it parses;
3. groups the errors into disagreements (peer, operation, path with indices as `*`,
   error type), gives each the verdict of `models-verdicts.json` that matches it (the
   hand-written, evidence-citing explanations), and writes `models-report.json` and
   `models-report.md`.

A disagreement no verdict matches is `unexplained`: the script exits 1 and the test
tests/contract/test_peers_models.py fails until it is fixed or explained. That test
also fails when a capture's answer is not in the report (new or changed fixture):
re-run this script. Exit codes: 0 written (or --check: up to date), 1 unexplained
disagreements (report still written) or --check found it stale, 2 uv missing or a
peer failed to install.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import json
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from fixtures_har.peers.models_serve import server_cases  # noqa: E402
from tickspec.contract import har  # noqa: E402
from tickspec.contract.router import Router  # noqa: E402
from tickspec.spec import load as load_spec  # noqa: E402

PEERS = {"pyticktick": "0.3.0", "ticktick-sdk": "0.4.3"}
PYTHON = "3.11"
REPORT = HERE / "models-report.json"
MARKDOWN = HERE / "models-report.md"
VERDICTS = HERE / "models-verdicts.json"
CHECKER = HERE / "drivers" / "check_models.py"
OBJECT_ID = re.compile(r"^[0-9a-f]{24}$")


def body_hash(value: Any) -> str:
    """sha256 of the body as canonical JSON (sorted keys, compact): whitespace and
    base64 in the capture do not change it, a changed value does."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def capture_cases(root: Path = ROOT / "fixtures_har") -> list[dict[str, Any]]:
    """Every 2xx JSON answer of every capture under `root`, with its operation."""
    router = Router(load_spec())
    cases = []
    for path in har.expand([root]):
        for entry in har.entries(path):
            if not router.checked(entry) or not 200 <= entry.status < 300:
                continue
            op, _ = router.match(entry.method, entry.path)
            value, error = entry.response_body.parse()
            if op is None or error is not None:
                continue
            cases.append({
                "key": f"{path.relative_to(ROOT).as_posix()}#{entry.index}",
                "operation": op.operation_id,
                "sha256": body_hash(value),
                "body": value,
            })  # fmt: skip
    return cases


def install(peer: str, version: str, venv: Path) -> str:
    """Python of a fresh environment holding `peer==version`; raises on failure."""
    for cmd in (["uv", "venv", "--quiet", "--python", PYTHON, str(venv)],
                ["uv", "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"),
                 f"{peer}=={version}"]):  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:3])} failed: {done.stderr.strip()[-300:]}")
    return str(venv / "bin" / "python")


def run_peer(peer: str, python: str, cases: list[dict[str, Any]], work: Path) -> list[Any]:
    """The peer's verdict on each case it parses: {key, model, errors}."""
    file = work / "cases.json"
    file.write_text(json.dumps([{k: c[k] for k in ("key", "operation", "body")} for c in cases]))
    done = subprocess.run([python, str(CHECKER), peer, str(file)], capture_output=True,
                          text=True, check=False, timeout=600)  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"{peer} checker failed: {done.stderr.strip()[-500:]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def normal_path(path: str) -> str:
    """A model error's location with list indices and object ids as `*`: one disagreement
    for every task of a sync that lacks the same field."""
    parts = path.split("/") if path else []
    return "/".join("*" if p.isdigit() or OBJECT_ID.match(p) else p for p in parts)


def match_verdict(ident: str, verdicts: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first verdict whose `match` glob (over `peer|operation|path|type`) fits."""
    for verdict in verdicts:
        if any(fnmatch.fnmatchcase(ident, m) for m in verdict["match"]):
            return verdict
    return None


def build(cases: list[dict[str, Any]], results: dict[str, list[Any]],
          verdicts: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    """The report: every checked answer and every disagreement with its verdict."""
    by_key = {c["key"]: c for c in cases}
    checked: dict[str, Any] = {}
    groups: dict[str, dict[str, Any]] = {}
    for peer, lines in results.items():
        for line in lines:
            case = by_key[line["key"]]
            row = checked.setdefault(line["key"], {
                "operation": case["operation"], "sha256": case["sha256"], "models": {},
                "disagreements": [],
            })  # fmt: skip
            row["models"][peer] = line["model"]
            for err in line["errors"]:
                ident = f"{peer}|{case['operation']}|{normal_path(err['path'])}|{err['type']}"
                group = groups.setdefault(ident, {
                    "id": ident, "peer": peer, "operation": case["operation"],
                    "model": line["model"], "path": normal_path(err["path"]),
                    "type": err["type"], "message": err["message"], "input": err["input"],
                    "occurrences": [],
                })  # fmt: skip
                if line["key"] not in group["occurrences"]:
                    group["occurrences"].append(line["key"])
                if ident not in row["disagreements"]:
                    row["disagreements"].append(ident)
    disagreements = []
    for ident in sorted(groups):
        group = groups[ident]
        verdict = match_verdict(ident, verdicts["explained"])
        if verdict is None:
            group |= {"verdict": "unexplained", "explanation": "", "evidence": []}
        else:
            group |= {k: verdict[k] for k in ("verdict", "explanation", "evidence")}
        disagreements.append(group)
    operations = {p: sorted({by_key[r["key"]]["operation"] for r in rs}) for p, rs in
                  results.items()}  # fmt: skip
    return {
        "generated_by": "fixtures_har/peers/models_report.py",
        "peers": PEERS,
        "operations": operations,
        "summary": summary(checked, disagreements),
        "disagreements": disagreements,
        "fixed": verdicts["fixed"],
        "checked": dict(sorted(checked.items())),
    }


def summary(checked: dict[str, Any], disagreements: list[dict[str, Any]]) -> dict[str, int]:
    """Counts for the reader: answers checked, disagreements by verdict."""
    out = {"answers_checked": len(checked),
           "answers_with_disagreements": sum(1 for r in checked.values() if r["disagreements"]),
           "disagreements": len(disagreements)}  # fmt: skip
    for item in disagreements:
        out[item["verdict"]] = out.get(item["verdict"], 0) + 1
    return out


def essence(report: dict[str, Any]) -> Any:
    """What --check compares: the captures' keys and hashes, each disagreement's id, where
    it occurs and its verdict. The server's answers carry fresh ids on every run, so their
    hashes and quoted inputs are left out."""
    if not report:
        return None
    checked = {k: v["sha256"] for k, v in report["checked"].items() if not k.startswith("serve: ")}
    found = [(d["id"], d["occurrences"], d["verdict"]) for d in report["disagreements"]]
    return checked, found


def markdown(report: dict[str, Any]) -> str:
    """The readable twin of the JSON report."""
    lines = ["# The peers' models on tickspec's answers", "",
             "Written by `fixtures_har/peers/models_report.py` (do not edit; edit "
             "`models-verdicts.json` and re-run). Peers: "
             + ", ".join(f"{p} {v}" for p, v in report["peers"].items()) + ".", "",
             "| | count |", "|---|---|"]  # fmt: skip
    lines += [f"| {k} | {v} |" for k, v in report["summary"].items()]
    lines += ["", "## Disagreements", ""]
    for item in report["disagreements"]:
        shown = ", ".join(item["occurrences"][:4])
        more = len(item["occurrences"]) - 4
        lines += [f"### {item['peer']} · {item['operation']} · `{item['path'] or '(body)'}`", "",
                  f"- model `{item['model']}` says **{item['type']}**: {item['message']}"
                  + (f" (input `{item['input']}`)" if item["input"] else ""),
                  f"- in {shown}" + (f" and {more} more" if more > 0 else ""),
                  f"- verdict: **{item['verdict']}**. {item['explanation']}"]  # fmt: skip
        lines += [f"  - evidence: {e}" for e in item["evidence"]]
        lines.append("")
    lines += ["## Fixed (the spec, a fixture or the server was wrong)", ""]
    for item in report["fixed"]:
        lines += [f"- **{item['what']}**: {item['fix']}"]
        lines += [f"  - evidence: {e}" for e in item["evidence"]]
    lines += ["", "## Operations each peer parses", ""]
    lines += [f"- {p}: {', '.join(ops)}" for p, ops in report["operations"].items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the peers on every answer, write (or with --check compare) the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    if shutil.which("uv") is None:
        print("models_report.py: uv is not installed (pip install uv)", file=sys.stderr)
        return 2
    verdicts = json.loads(VERDICTS.read_text("utf-8"))
    cases = capture_cases()
    results: dict[str, list[Any]] = {}
    with tempfile.TemporaryDirectory(prefix="tickspec-peer-models-") as tmp:
        work = Path(tmp)
        served = server_cases(secrets.token_hex(40).upper())
        cases += [c | {"sha256": body_hash(c["body"])} for c in served]
        for peer, version in PEERS.items():
            try:
                python = install(peer, version, work / peer)
                results[peer] = run_peer(peer, python, cases, work)
            except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
                print(f"models_report.py: {peer}: {exc}", file=sys.stderr)
                return 2
    report = build(cases, results, verdicts)
    text = json.dumps(report, indent=1, ensure_ascii=False) + "\n"
    unexplained = [d for d in report["disagreements"] if d["verdict"] == "unexplained"]
    for item in unexplained:
        print(f"unexplained: {item['id']} ({item['message']}) in {item['occurrences'][0]}")
    print(json.dumps(report["summary"]))
    if args.check:
        old = json.loads(REPORT.read_text("utf-8")) if REPORT.exists() else {}
        stale = essence(old) != essence(report)
        print("report is stale: re-run without --check" if stale else "report is up to date")
        return 1 if stale or unexplained else 0
    REPORT.write_text(text, encoding="utf-8")
    MARKDOWN.write_text(markdown(report), encoding="utf-8")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
