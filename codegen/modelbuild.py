"""Build the models while the caller renders the rest: cached, else in two processes.

`ModelBuild(spec)` starts the work and returns at once; `result()` waits for it.
On a cache hit (codegen/modelcache.py) datamodel-code-generator is not even imported.
On a miss the parent imports it and runs it once on two tiny files, so that the modules
it imports on first use are loaded before the workers fork and shared with them, then
forks one worker per group of codegen/partition.py. The groups' outputs are merged; a
module that two groups both made must come out the same in both, or the models are
built again in one run over all files.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType

from codegen import modelcache
from codegen.models import finish_models, model_inputs, run_datamodel_codegen
from codegen.partition import closure, file_refs, partition
from codegen.spec import Spec, SpecError, module_name

WARM_UP = {
    "a.json": {
        "title": "A",
        "type": "object",
        "description": "A.",
        "properties": {
            "name": {"type": "string", "pattern": "^a", "description": "Name."},
            "count": {"anyOf": [{"type": "integer"}, {"type": "number"}]},
            "kind": {"enum": ["one", "two"]},
            "items": {"type": "array", "items": {"$ref": "b.json"}},
            "tasks": {"type": "array", "items": {"type": "object", "properties": {}}},
            "day": {"$ref": "#/$defs/Day"},
        },
        "$defs": {"Day": {"title": "Day", "type": ["string", "null"], "minLength": 1}},
    },
    "b.json": {
        "title": "B",
        "type": "object",
        "properties": {"done": {"type": "boolean"}},
        "additionalProperties": {"type": "integer"},
    },
}
"""Two files that take the generator through the code paths the real schemas take."""


def _build(inputs: dict[str, str]) -> dict[str, str]:
    """The generator's modules for `inputs`; its many exception types become SpecError."""
    try:
        return run_datamodel_codegen(inputs)
    except Exception as exc:  # name the cause in one line, whatever the type
        raise SpecError(f"datamodel-code-generator failed: {exc}") from None


def _fork_safe() -> bool:
    """Fork only where it is cheap and safe: a start method of this OS, and no other
    thread that might hold a lock the child would inherit taken (a test runner's)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


class ModelBuild:
    """The models of one spec, being built; a context manager that ends its workers."""

    def __init__(self, spec: Spec) -> None:
        """Look the models up in the cache, else start building them."""
        self._spec = spec
        self._inputs = model_inputs(spec)
        self._key = modelcache.key(self._inputs)
        self._raw = modelcache.load(self._key)
        self._pool: ProcessPoolExecutor | None = None
        self._jobs: list[tuple[list[str], Future[dict[str, str]]]] = []
        self._groups: list[list[str]] | None = None
        if self._raw is not None:
            return
        self._groups = groups = partition(self._inputs, spec.schemas)
        if groups is None or not _fork_safe():
            return
        _build({name: json.dumps(schema) for name, schema in WARM_UP.items()})
        # Objects alive now are the workers' too: frozen, the workers' collections
        # skip them and do not copy the pages they sit on.
        gc.freeze()
        self._pool = ProcessPoolExecutor(
            len(groups), mp_context=multiprocessing.get_context("fork")
        )
        for roots in groups:
            self._jobs.append((roots, self._pool.submit(_build, self._group_inputs(roots))))
        gc.unfreeze()

    def result(self) -> dict[str, str]:
        """Module file name -> text for generated/tickspec_generated/models/."""
        if self._raw is None:
            self._raw = self._merged()
            modelcache.store(self._key, self._raw)
        return finish_models(self._raw, self._spec)

    def _merged(self) -> dict[str, str]:
        if self._groups is None:
            return _build(self._inputs)
        outputs: list[tuple[list[str], dict[str, str]]] = []
        try:
            for roots, job in self._jobs:
                outputs.append((roots, job.result()))
        except BrokenProcessPool:
            outputs = []
        if not outputs:  # no fork here, or a worker died: the same groups, one by one
            outputs = [(roots, _build(self._group_inputs(roots))) for roots in self._groups]
        return _merge(outputs) or _build(self._inputs)

    def _group_inputs(self, roots: list[str]) -> dict[str, str]:
        """The files a group's run reads: its roots and all that they refer to."""
        refs = {name: file_refs(schema) - {name} for name, schema in self._spec.schemas.items()}
        return {name: self._inputs[name] for name in sorted(closure(roots, refs))}

    def close(self) -> None:
        """End the workers (after a result, or when the caller failed first)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ModelBuild:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _merge(outputs: list[tuple[list[str], dict[str, str]]]) -> dict[str, str] | None:
    """The groups' modules as one run over all files, or None when two groups disagree.

    A root's module comes from its group; any other module (one of a file a group only
    read, or `_internal`) must be the same in every group that made it.
    """
    owned = {f"{module_name(root)}.py" for roots, _ in outputs for root in roots}
    merged: dict[str, str] = {}
    for roots, modules in outputs:
        mine = {f"{module_name(root)}.py" for root in roots}
        for name, text in modules.items():
            if name == "__init__.py":  # ours replaces it (finish_models)
                continue
            if name in mine or (name not in owned and name not in merged):
                merged[name] = text
    for _, modules in outputs:
        for name, text in modules.items():
            if name != "__init__.py" and merged.get(name) != text:
                return None
    return dict(sorted(merged.items()))
