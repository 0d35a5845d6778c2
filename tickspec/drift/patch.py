"""Format-preserving edits of schema files: JSON Patch operations applied to the text.

A maintainer reviews a proposal as a `git diff`, so an edit must touch only the
lines of the change: re-dumping a file would re-indent its inline arrays and
reorder nothing useful. The JSON files are edited through the spans of their
values (found by a small scanner, `spans`), inserting at the end of an object or
array with the indentation of its last member. `openapi.yaml` gets new path
items, new operations of a path item and new parameters of an operation,
inserted as YAML blocks in the document's own style (PyYAML's block style,
two-space indent, unindented sequences).
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tickspec._tool_errors import ToolError
from tickspec.contract.pointer import escape, pointer_parts, value_at


@dataclass
class Edit:
    """One JSON Patch operation on one schema file, with the evidence that calls for it."""

    file: str
    op: dict[str, Any]
    reason: str
    operation: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, **self.op, "reason": self.reason, "operation": self.operation}


class PatchError(ToolError, ValueError):
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


def apply_doc(doc: Any, ops: list[dict[str, Any]]) -> Any:
    """RFC 6902 `add` / `replace` / `remove` on a parsed document (changed in place): what a
    textual edit must amount to, so that `apply` can check it before writing. Values are
    copied in: a later operation must not change the patch's own values."""
    for raw in ops:
        op = {**raw, "value": copy.deepcopy(raw.get("value"))}
        parts = pointer_parts(op["path"])
        if not parts:
            doc = op["value"]
            continue
        parent = value_at(doc, "".join("/" + escape(p) for p in parts[:-1]))
        last = parts[-1]
        if isinstance(parent, list):
            index = len(parent) if last == "-" else int(last)
            if op["op"] == "add":
                parent.insert(index, op["value"])
            elif op["op"] == "remove":
                del parent[index]
            else:
                parent[index] = op["value"]
        elif op["op"] == "remove":
            del parent[last]
        else:
            parent[last] = op["value"]
    return doc


def add_yaml_path(text: str, path: str, item: dict[str, Any]) -> str:
    """Insert a new path item at the end of the `paths:` mapping of an OpenAPI YAML text."""
    return add_yaml(text, "/paths/" + escape(path), item)


def add_yaml(text: str, pointer: str, value: Any) -> str:
    """JSON Patch `add` on a block-style YAML text: a new key at the end of its mapping, or
    a new item before the `pointer`'s index of its sequence (`-`: at the end).

    Only mappings are walked (`/paths/{path}/{method}/parameters/2` is as deep as a
    proposal goes); the text is located by indentation, which PyYAML's block style makes
    exact: a key's children are indented deeper, or are `- ` items at its own indent.
    The one flow value it opens is the empty parent (`parameters: []`)."""
    parts = pointer_parts(pointer)
    if not parts:
        raise PatchError("cannot replace the whole YAML document")
    lines = text.splitlines(keepends=True)
    start, end, indent, sequence = 0, len(lines), 0, False
    for depth, part in enumerate(parts[:-1]):
        if sequence:
            raise PatchError(f"'{part}': edits inside a YAML sequence item are not supported")
        at = _yaml_key(lines, start, end, indent, part)
        head = lines[at].rstrip("\r\n")
        if head.endswith((": []", ": {}")) and depth == len(parts) - 2:  # `parameters: []`
            lines[at] = head[:-3] + (lines[at][len(head) :] or "\n")
            sequence = head.endswith("[]")
            start = end = at + 1
            indent = indent if sequence else indent + 2
            break
        if not head.rstrip().endswith(":"):
            raise PatchError(f"'{part}' is not a block mapping or sequence")
        start, end = at + 1, _yaml_end(lines, at + 1, end, indent)
        first = next((ln for ln in lines[start:end] if ln.strip()), "")
        sequence = first[indent:].startswith("- ")
        indent = indent if sequence else indent + 2
    last = parts[-1]
    while end > start and not lines[end - 1].strip():
        end -= 1
    if sequence:
        items = [i for i in range(start, end) if lines[i][indent:].startswith("- ")
                 and len(lines[i]) - len(lines[i].lstrip(" ")) == indent]  # fmt: skip
        if last != "-" and not (last.isdigit() and int(last) <= len(items)):
            raise PatchError(f"no index {last} in a sequence of {len(items)}")
        at = end if last in ("-", str(len(items))) else items[int(last)]
        block = _dump([value])
    else:
        if any(_is_key(lines[i], indent, _key_text(last)) for i in range(start, end)):
            raise PatchError(f"'{last}' already exists")
        at, block = end, _dump({last: value})
    indented = "".join(" " * indent + ln if ln.strip() else ln for ln in block.splitlines(True))
    if at == len(lines) and lines and not lines[-1].endswith("\n"):
        indented = "\n" + indented
    return "".join([*lines[:at], indented, *lines[at:]])


@cache
def _dumper() -> Any:
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    return Dumper


def _dump(value: Any) -> str:
    """PyYAML block style as openapi.yaml is written, without anchors: a copied node must
    not add `&id001` to a document that has anchors of its own."""
    import yaml

    return yaml.dump(
        value, Dumper=_dumper(), sort_keys=False, width=120, allow_unicode=True,
        default_flow_style=False,
    )  # fmt: skip


def _key_text(key: str) -> str:
    """A mapping key as the dumper writes it (`'200'` quoted, a path plain)."""
    return _dump({key: None}).rsplit(": null", 1)[0]


def _is_key(line: str, indent: int, text: str) -> bool:
    if len(line) - len(line.lstrip(" ")) != indent or not line[indent:].startswith(text + ":"):
        return False
    return line[indent + len(text) + 1 :][:1] in (" ", "\r", "\n", "")


def _yaml_key(lines: list[str], start: int, end: int, indent: int, key: str) -> int:
    text = _key_text(key)
    for i in range(start, end):
        if _is_key(lines[i], indent, text):
            return i
    raise PatchError(f"no '{key}' in the YAML document at this pointer")


def _yaml_end(lines: list[str], start: int, end: int, indent: int) -> int:
    """The end of the children of a key at `indent` whose children start at `start`: the
    next line less indented, or as indented and not a `- ` item of that key's sequence.
    Blank lines and comments never end it (quoted scalars hold blank lines)."""
    for i in range(start, end):
        line = lines[i]
        stripped = line.lstrip(" ")
        if not stripped.strip() or stripped.startswith("#"):
            continue
        depth = len(line) - len(stripped)
        if depth < indent or (depth == indent and not stripped.startswith("- ")):
            return i
    return end
