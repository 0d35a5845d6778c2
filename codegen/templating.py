"""The Jinja2 environment of codegen/templates/, and the one generated-file header.

Every generated file starts with the `header` macro of `templates/header.jinja`,
whether it is rendered from a template, copied from a plain `.py` template, or
written by datamodel-code-generator.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> object:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )


def render(template: str, **values: object) -> str:
    return str(environment().get_template(template).render(**values))  # type: ignore[attr-defined]


def header(source: str, edit: str = "the spec") -> str:
    """The two comment lines (with a trailing newline) naming the source and what to edit."""
    macro = environment().get_template("header.jinja").module.header  # type: ignore[attr-defined]
    return str(macro(source, edit)) + "\n"


def plain(name: str, source: str, edit: str) -> str:
    """A template with nothing templated in it, behind the header."""
    return header(source, edit) + (TEMPLATES / name).read_text(encoding="utf-8")
