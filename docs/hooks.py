"""MkDocs hook: the pages that are written at build time, never by hand.

- `endpoints/web.md` and `endpoints/open.md`: every operation of the bundled spec
  (`generated/openapi.json`, what `tickspec bundle` writes), one section per tag: method,
  path, operationId, summary, parameters, request and response schemas, x-evidence.
  `endpoints/index.md`: the servers, the auth schemes and the parameters many share.
- `readme.md`: README.md itself, so the site's guide is the tested one.
- On `index.md`, `<!-- readme-topics -->` becomes a link to each README section.

The spec is read as JSON with the standard library only: the docs build must not
depend on the runtime it documents.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from markdown.extensions.toc import slugify  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "generated" / "openapi.json"
README = ROOT / "README.md"
METHODS = ("get", "put", "post", "delete", "patch")
# The Open API v1 and its OAuth2 flow are one client (`OpenClient`), so one page.
OPEN_TAGS = ("open", "oauth")
TOPICS_MARK = "<!-- readme-topics -->"
Json = dict[str, Any]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Adds the endpoint pages and the README page to the site."""
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    for uri, text in endpoint_pages(spec).items():
        files.append(File.generated(config, uri, content=text))
    files.append(File.generated(config, "readme.md", content=readme_page()))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fills the index's list of README topics from README.md's own headings."""
    if page.file.src_uri != "index.md":
        return markdown
    topics = [
        f"- [{title}](readme.md#{slugify(title.replace('`', ''), '-')})"
        for title in re.findall(r"^## (.+)$", README.read_text(encoding="utf-8"), re.M)
    ]
    return markdown.replace(TOPICS_MARK, "\n".join(topics))


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """`mkdocs serve` rebuilds when the spec or the README changes, not only docs/."""
    server.watch(str(SPEC))
    server.watch(str(README))
    return server


def readme_page() -> str:
    """README.md, its links to repository files (LICENSE) made plain text: the site
    holds only the docs, and a link to a file it lacks would fail `--strict`."""
    text = README.read_text(encoding="utf-8")
    return re.sub(r"\[([^\]]+)\]\((?![a-z]+:|#)[^)]+\)", r"\1", text)


def endpoint_pages(spec: Json) -> dict[str, str]:
    """Page path -> markdown, for the endpoint reference of `spec`."""
    tags = [tag["name"] for tag in spec.get("tags", [])]
    by_tag: dict[str, list[tuple[str, str, Json]]] = {}
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                operation = item[method]
                tag = (operation.get("tags") or ["other"])[0]
                by_tag.setdefault(tag, []).append((method, path, operation))
                if tag not in tags:
                    tags.append(tag)
    described = {tag["name"]: tag.get("description", "") for tag in spec.get("tags", [])}
    web = [tag for tag in tags if tag not in OPEN_TAGS and tag in by_tag]
    open_ = [tag for tag in OPEN_TAGS if tag in by_tag]
    intro_web = (
        "The web app's API (`/api/v2`, a few `/api/v1` and `/api/v3` paths), signed in "
        "with the session cookie: what `tickspec.Client` and its managers call."
    )
    intro_open = (
        "TickTick's official Open API v1 (`/open/v1`) and its OAuth2 flow, with a bearer "
        "token: what `tickspec.open_api.OpenClient` and its managers call."
    )
    return {
        "endpoints/index.md": overview(spec, {"web": web, "open": open_}, by_tag),
        "endpoints/web.md": api_page("Web API", intro_web, web, by_tag, described, spec),
        "endpoints/open.md": api_page("Open API v1", intro_open, open_, by_tag, described, spec),
    }


def overview(spec: Json, pages: dict[str, list[str]], by_tag: dict[str, list[Any]]) -> str:
    """The endpoint index: what the pages hold, servers, auth schemes, shared parameters."""
    info = spec["info"]
    count = sum(len(ops) for ops in by_tag.values())
    lines = [
        "# Endpoints",
        "",
        f"{info['title']}, version {info['version']}, OpenAPI {spec['openapi']}: "
        f"{count} operations, written at build time from `generated/openapi.json` "
        "(the document `tickspec bundle` writes).",
        "",
        info.get("summary", ""),
        "",
        "| page | tag | operations |",
        "|---|---|---|",
    ]
    for page, tags in pages.items():
        title = "Web API" if page == "web" else "Open API v1"
        for tag in tags:
            lines.append(
                f"| [{title}]({page}.md) | [{tag}]({page}.md#tag-{tag}) | {len(by_tag[tag])} |"
            )
    lines += ["", "## Servers", ""]
    lines += [f"- `{server['url']}`: {server.get('description', '')}" for server in spec["servers"]]
    lines += ["", "## Authentication", ""]
    for name, scheme in spec["components"].get("securitySchemes", {}).items():
        lines.append(f"- **{name}** ({scheme['type']}): {one_line(scheme.get('description', ''))}")
    lines += ["", "## Shared parameters", ""]
    lines.append("Operations list these by name; each is declared once in the document.")
    for name, param in spec["components"].get("parameters", {}).items():
        required = "required" if param.get("required") else "optional"
        lines += [
            "",
            f"### {param['name']} {{ #param-{name} }}",
            "",
            f"In {param['in']}, {required}, {schema_text(param.get('schema', {}))}. "
            + one_line(param.get("description", "")),
        ]
    return "\n".join(lines) + "\n"


def api_page(
    title: str,
    intro: str,
    tags: list[str],
    by_tag: dict[str, list[tuple[str, str, Json]]],
    described: dict[str, str],
    spec: Json,
) -> str:
    """One API's page: a section per tag, a subsection per operation."""
    lines = [f"# {title}", "", intro, ""]
    for tag in tags:
        lines += [f"## {tag} {{ #tag-{tag} }}", "", described.get(tag, ""), ""]
        for method, path, operation in by_tag[tag]:
            lines += operation_lines(method, path, operation, spec)
    return "\n".join(lines) + "\n"


def operation_lines(method: str, path: str, operation: Json, spec: Json) -> list[str]:
    """The markdown of one operation."""
    op_id = operation["operationId"]
    # an operation's own security replaces the document's (`[]`: none at all)
    security: list[Json] = (
        operation["security"] if "security" in operation else spec.get("security", [])
    )
    lines = [
        f"### {op_id} {{ #{op_id} }}",
        "",
        f"`{method.upper()} {path}`: {operation.get('summary', '')}"
        + (" (deprecated)" if operation.get("deprecated") else ""),
        "",
        "| field | value |",
        "|---|---|",
        f"| operationId | `{op_id}` |",
        f"| idempotent | {yes_no(operation.get('x-idempotent'))} |",
        f"| auth | {auth_text(security)} |",
    ]
    if "servers" in operation:
        urls = ", ".join(f"`{server['url']}`" for server in operation["servers"])
        lines.append(f"| servers | {urls} |")
    body = operation.get("requestBody")
    if body is not None:
        required = "required" if body.get("required") else "optional"
        lines.append(f"| request body ({required}) | {content_text(body.get('content', {}))} |")
    for status, answer in operation.get("responses", {}).items():
        lines.append(f"| {status} | {response_text(answer, spec)} |")
    evidence = ", ".join(escape(source) for source in operation.get("x-evidence", []))
    lines += [f"| x-evidence | {evidence or 'none'} |", ""]
    own = [param for param in operation.get("parameters", []) if "$ref" not in param]
    shared = [param["$ref"] for param in operation.get("parameters", []) if "$ref" in param]
    if own:
        lines += ["| parameter | in | required | schema | description |", "|---|---|---|---|---|"]
        for param in own:
            lines.append(
                f"| `{param['name']}` | {param['in']} | {yes_no(param.get('required'))} "
                f"| {schema_text(param.get('schema', {}))} "
                f"| {escape(one_line(param.get('description', '')))} |"
            )
        lines.append("")
    if shared:
        names = ", ".join(shared_link(ref, spec) for ref in shared)
        lines += [f"Shared parameters: {names}.", ""]
    if operation.get("description"):
        lines += [operation["description"], ""]
    return lines


def shared_link(ref: str, spec: Json) -> str:
    """A link to a shared parameter's entry on the endpoint index."""
    name = ref.rsplit("/", 1)[1]
    return f"[{spec['components']['parameters'][name]['name']}](index.md#param-{name})"


def response_text(answer: Json, spec: Json) -> str:
    """`Error: ErrorBody (application/json)`: a response's name and body schema."""
    name = ""
    if "$ref" in answer:
        name = answer["$ref"].rsplit("/", 1)[1]
        answer = spec["components"]["responses"][name]
    content = answer.get("content", {})
    body = content_text(content) if content else "no body"
    return f"{name}: {body}" if name else body


def content_text(content: Json) -> str:
    """`Task` (application/json): each media type's schema."""
    return "; ".join(
        f"{schema_text(media.get('schema', {}))} ({kind})" for kind, media in content.items()
    )


def schema_text(schema: Json) -> str:
    """A schema in a few words: its component name, or its type and constraints."""
    if "$ref" in schema:
        return f"`{schema['$ref'].rsplit('/', 1)[1]}`"
    kind = schema.get("type", "any")
    text = " or ".join(kind) if isinstance(kind, list) else str(kind)
    if kind == "array" and "items" in schema:
        text = f"array of {schema_text(schema['items'])}"
    notes = [f"{key} `{schema[key]}`" for key in ("format", "pattern") if key in schema]
    notes += [
        f"{key} {schema[key]}" for key in ("minimum", "maximum", "minLength") if key in schema
    ]
    if "enum" in schema:
        notes.append("one of " + ", ".join(f"`{json.dumps(value)}`" for value in schema["enum"]))
    if "contentSchema" in schema:
        notes.append(f"JSON of {schema_text(schema['contentSchema'])}")
    return escape(", ".join([text, *notes]))


def auth_text(security: list[Json]) -> str:
    """The alternatives of an operation's security: `oauth2` (tasks:read) or `personalToken`."""
    options = []
    for requirement in security:
        if not requirement:
            options.append("none")
        for name, scopes in requirement.items():
            options.append(f"`{name}`" + (f" ({', '.join(scopes)})" if scopes else ""))
    return " or ".join(options) or "none"


def yes_no(value: Any) -> str:
    """The word for a boolean field; `unknown` when the spec leaves it out."""
    return "unknown" if value is None else ("yes" if value else "no")


def one_line(text: str) -> str:
    """Text for a table cell or a list item: no line breaks."""
    return " ".join(text.split())


def escape(text: str) -> str:
    """Text that markdown shows as written inside a table cell (`|` would split it)."""
    return text.replace("|", "\\|")
