"""The API reference site builds as the README says, with no warning, and holds what
it claims: every operation of the bundled spec and the client's documented methods.

The README's build command is run as written, but for the output folder (a tmp dir);
`--strict` makes any mkdocs or mkdocstrings warning (a broken link or anchor, a
docstring griffe cannot read) a failed build.
"""

from __future__ import annotations

import importlib
import json
import re
import shlex
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.paths import ROOT
from tickspec.spec import load as load_spec

pytestmark = pytest.mark.skipif(shutil.which("uv") is None, reason="the README command uses uv")
README = (ROOT / "README.md").read_text(encoding="utf-8")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class Sections(HTMLParser):
    """Heading id -> the text from that heading to the next heading that has an id."""

    def __init__(self) -> None:
        super().__init__()
        self.text: dict[str, list[str]] = {}
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Opens a section at each heading with an id."""
        found = dict(attrs).get("id")
        if tag in HEADINGS and found:
            self.current = self.text.setdefault(found, [])

    def handle_data(self, data: str) -> None:
        """Adds text to the open section."""
        self.current.append(data)


def sections(site: Path, page: str) -> dict[str, str]:
    """The sections of one built page (`endpoints/web` is endpoints/web/index.html)."""
    parser = Sections()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    return {key: "".join(parts) for key, parts in parser.text.items()}


def readme_build_command() -> list[str]:
    """The README's build command, as written."""
    section = README.split("\n## API reference\n", 1)[1].split("\n## ", 1)[0]
    [line] = [line for line in section.splitlines() if " mkdocs build" in line]
    return shlex.split(line)


@pytest.fixture(scope="module")
def build(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Runs the README's command once for the module, into a tmp folder."""
    command = readme_build_command()
    site = tmp_path_factory.mktemp("docs") / "site"
    output = command.index("-d") + 1
    assert command[output] == "site"  # the folder .gitignore keeps out of git
    command[output] = str(site)
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )
    return result, site


def test_the_readme_command_builds_strictly_with_no_warning(
    build: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    result, site = build
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert readme_build_command()[:5] == ["uv", "run", "--frozen", "mkdocs", "build"]
    assert "--strict" in readme_build_command()
    assert [line for line in log.splitlines() if "WARNING" in line] == []
    assert "Documentation built in" in log
    assert "site/" in (ROOT / ".gitignore").read_text().splitlines()
    assert (site / "index.html").is_file()
    pages = sorted(str(page.parent.relative_to(site)) for page in site.rglob("index.html"))
    assert len(pages) == 10, pages  # the README's count
    assert "10 pages" in README


def test_the_endpoint_pages_list_every_operation_of_the_bundle(
    build: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    _, site = build
    spec = json.loads((ROOT / "generated" / "openapi.json").read_text(encoding="utf-8"))
    operations = {
        operation["operationId"]: (method.upper(), path, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
    }
    web, open_ = sections(site, "endpoints/web"), sections(site, "endpoints/open")
    listed = [key for page in (web, open_) for key in page if key in operations]
    assert len(listed) == len(operations) == len(load_spec().operations)
    assert set(listed) == set(operations)
    for op_id, (method, path, operation) in operations.items():
        text = web.get(op_id) or open_[op_id]
        assert f"{method} {path}" in text
        assert f"operationId{op_id}" in text.replace(" ", "").replace("\n", "")
        assert operation["summary"] in text
        for source in operation["x-evidence"]:
            assert source in text
    # the Open API and its OAuth flow on one page, the web API on the other
    assert all(
        operations[key][1].startswith(("/open/", "/oauth/")) for key in open_ if key in operations
    )
    assert "/api/v2/batch/task" in web["batchTask"]
    assert "TaskBatchRequest" in web["batchTask"]
    index = sections(site, "endpoints")
    assert f"{len(operations)} operations" in index["endpoints"]
    assert "param-XDevice" in index


def test_the_client_pages_document_the_managers_methods(
    build: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    _, site = build
    client, managers = sections(site, "client"), sections(site, "managers")
    assert "Blocking TickTick client" in client["tickspec.client.Client"]
    assert "tickspec.client.Client.tasks" in client
    assert "tickspec.client.AsyncClient.sync" in client
    create = managers["tickspec.managers.tasks.TasksManager.create"]
    assert "Create a task" in create
    assert "client.tasks.create(" in create
    assert "TRIGGER:-PT15M" in create
    for name in ("Tasks", "Projects", "Tags", "Filters", "Columns", "Habits", "Search", "User"):
        module = name.lower()
        assert f"tickspec.managers.{module}.{name}Manager" in managers
    open_api = sections(site, "open-api")
    assert "tickspec.open_api.client.OpenClient.exchange_code" in open_api
    assert "tickspec.open_api.managers.tasks.OpenTasksManager.create" in open_api
    errors = sections(site, "errors")
    for error in ("TickTickError", "AuthError", "NotFoundError", "RateLimitError", "BatchError"):
        assert f"tickspec.errors.{error}" in errors
    models = sections(site, "models")
    for model in ("task.Task", "project.Project", "tag.Tag", "habit.Habit"):
        assert f"tickspec_generated.models.{model}" in models
    assert "tickspec_generated.models.task.Task.due_date" in models


WEB_MANAGERS = "tasks projects tags filters columns habits search user focus countdowns comments"


def manager_classes() -> list[type]:
    """Every manager class of both clients (the Async names are the same classes)."""
    found: list[type] = []
    for name in WEB_MANAGERS.split():
        module = importlib.import_module(f"tickspec.managers.{name}")
        found += [getattr(module, f"{name.capitalize()}Manager")]
    open_managers = importlib.import_module("tickspec.open_api.managers")
    for name in open_managers.__all__:
        value = getattr(open_managers, name)
        if name.startswith("Open") and name.endswith("Manager") and isinstance(value, type):
            found.append(value)
    return found


def test_every_public_method_of_every_manager_is_documented(
    build: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    _, site = build
    documented = {**sections(site, "managers"), **sections(site, "open-api")}
    classes = manager_classes()
    assert len(classes) == 11 + 10
    missing = []
    for cls in classes:
        for name in dir(cls):
            # a staticmethod alias of a module function is documented as that function
            here = f"{cls.__module__}.{cls.__name__}.{name}", f"{cls.__module__}.{name}"
            if not name.startswith("_") and not set(here) & set(documented):
                missing.append(here[0])
    assert missing == []
    assert "tickspec.managers.filters.build_rule" in documented


def test_the_index_links_every_readme_section(
    build: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    _, site = build
    index = (site / "index.html").read_text(encoding="utf-8")
    titles = re.findall(r"^## (.+)$", README, re.M)
    assert "API reference" in titles
    links = re.findall(r'href="readme/#([^"]+)"', index)
    assert len(links) == len(titles)
    assert set(links) <= set(sections(site, "readme"))
