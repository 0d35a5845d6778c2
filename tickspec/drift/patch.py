"""Format-preserving edits of schema files: JSON Patch operations applied to the text.

A maintainer reviews a proposal as a `git diff`, so an edit must touch only the
lines of the change: re-dumping a file would re-indent its inline arrays and
reorder nothing useful. The JSON files are edited through the spans of their
values (found by a small scanner, `spans`), inserting at the end of an object or
array with the indentation of its last member. `openapi.yaml` only ever gets new
path items, inserted as a YAML block at the end of `paths:` in the document's
own style (PyYAML's block style, two-space indent, unindented sequences).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any


class PatchError(ValueError):
    """An operation does not fit the document (a pointer that is not there)."""


@dataclass
class Span:
    start: int
    end: int
    members: dict[str, Span] = field(default_factory=dict)
    items: list[Span] = field(default_factory=list)
    kind: str = "scalar"
    key_start: int = -1
    """Offset of the member's key (objects' members only): where its line starts."""


_WS = re.compile(r"[ \t\r\n]*")
_SCALAR = re.compile(r'"(?:[^"\\]|\\.)*"|-?[0-9][0-9.eE+-]*|true|false|null')


def spans(text: str) -> Span:
    """The span of the document's value, with its members' spans, recursively."""
    span, _ = _value(text, _skip(text, 0))
    return span


def _value(text: str, pos: int) -> tuple[Span, int]:
    char = text[pos : pos + 1]
    if char == "{":
        span = Span(pos, pos, kind="object")
        pos = _skip(text, pos + 1)
        while text[pos] != "}":
            key_match = _SCALAR.match(text, pos)
            if key_match is None:
                raise PatchError(f"unexpected {text[pos : pos + 20]!r} at offset {pos}")
            key = json.loads(key_match.group())
            pos = _skip(text, key_match.end())
            child, pos = _value(text, _skip(text, pos + 1))  # after ':'
            child.key_start = key_match.start()
            span.members[key] = child
            pos = _skip(text, pos)
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
        span.end = pos + 1
        return span, pos + 1
    if char == "[":
        span = Span(pos, pos, kind="array")
        pos = _skip(text, pos + 1)
        while text[pos] != "]":
            child, pos = _value(text, pos)
            span.items.append(child)
            pos = _skip(text, pos)
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
        span.end = pos + 1
        return span, pos + 1
    match = _SCALAR.match(text, pos)
    if match is None:
        raise PatchError(f"unexpected {text[pos : pos + 20]!r} at offset {pos}")
    return Span(pos, match.end()), match.end()


def _skip(text: str, pos: int) -> int:
    return _WS.match(text, pos).end()  # type: ignore[union-attr]


def pointer_parts(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]


def escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _find(root: Span, parts: list[str]) -> Span:
    node = root
    for part in parts:
        if node.kind == "object" and part in node.members:
            node = node.members[part]
        elif node.kind == "array" and part.isdigit() and int(part) < len(node.items):
            node = node.items[int(part)]
        else:
            raise PatchError(f"no '{part}' in the document at this pointer")
    return node


def _line_indent(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    return text[start : len(text[start:]) - len(text[start:].lstrip(" ")) + start]


def indent_step(text: str) -> int:
    """The file's indent unit: the indentation of its first indented line."""
    match = re.search(r"\n( +)\S", text)
    return len(match.group(1)) if match else 2


def _render(value: Any, indent: str, step: int) -> str:
    dumped = json.dumps(value, indent=step, ensure_ascii=False)
    return dumped.replace("\n", "\n" + indent)


def apply_json(text: str, ops: list[dict[str, Any]]) -> str:
    """Apply JSON Patch `add` / `replace` / `remove` operations textually, one by one."""
    step = indent_step(text)
    for op in ops:
        parts = pointer_parts(op["path"])
        root = spans(text)
        parent = _find(root, parts[:-1])
        last = parts[-1]
        if op["op"] == "replace":
            target = _find(parent, [last])
            indent = _line_indent(text, target.key_start if target.key_start >= 0 else target.start)
            text = text[: target.start] + _render(op["value"], indent, step) + text[target.end :]
        elif op["op"] == "remove":
            text = _remove(text, parent, last)
        elif op["op"] == "add":
            text = _add(text, parent, last, op["value"], step)
        else:
            raise PatchError(f"unsupported operation {op['op']!r}")
    return text


def _add(text: str, parent: Span, key: str, value: Any, step: int) -> str:
    if parent.kind == "object" and key in parent.members:
        raise PatchError(f"'{key}' already exists")
    children = list(parent.members.values()) if parent.kind == "object" else parent.items
    if parent.kind == "array" and key not in ("-", str(len(children))):
        raise PatchError("only appending to an array is supported")
    prefix = json.dumps(key, ensure_ascii=False) + ": " if parent.kind == "object" else ""
    if not children:
        indent = _line_indent(text, parent.start)
        inner = indent + " " * step
        body = f"\n{inner}{prefix}{_render(value, inner, step)}\n{indent}"
        return text[: parent.start + 1] + body + text[parent.end - 1 :]
    last = children[-1]
    inline = "\n" not in text[parent.start : parent.end]
    if inline:
        rendered = json.dumps(value, ensure_ascii=False)
        return text[: last.end] + f", {prefix}{rendered}" + text[last.end :]
    indent = _line_indent(text, last.key_start if last.key_start >= 0 else last.start)
    addition = f",\n{indent}{prefix}{_render(value, indent, step)}"
    return text[: last.end] + addition + text[last.end :]


def _remove(text: str, parent: Span, key: str) -> str:
    children = list(parent.members.values()) if parent.kind == "object" else parent.items
    target = _find(parent, [key])
    index = children.index(target)
    start = target.key_start if target.key_start >= 0 else target.start
    if index > 0:  # from the end of the previous member: takes its comma along
        return text[: children[index - 1].end] + text[target.end :]
    if len(children) > 1:
        nxt = children[1]
        return text[:start] + text[(nxt.key_start if nxt.key_start >= 0 else nxt.start) :]
    return text[: parent.start + 1] + text[parent.end - 1 :]


def value_at(doc: Any, pointer: str) -> Any:
    for part in pointer_parts(pointer):
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


def add_yaml_path(text: str, path: str, item: dict[str, Any]) -> str:
    """Insert a new path item at the end of the `paths:` mapping of an OpenAPI YAML text."""
    import yaml

    lines = text.splitlines(keepends=True)
    try:
        start = next(i for i, line in enumerate(lines) if line.rstrip() == "paths:")
    except StopIteration:
        raise PatchError("openapi.yaml has no top-level 'paths:'") from None
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "\n", "#", "")),
        len(lines),
    )
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    block = yaml.safe_dump(
        {path: item}, sort_keys=False, width=120, allow_unicode=True, default_flow_style=False
    )
    indented = "".join("  " + line if line.strip() else line for line in block.splitlines(True))
    return "".join([*lines[:end], indented, *lines[end:]])
