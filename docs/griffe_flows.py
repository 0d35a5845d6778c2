"""Griffe extension: a manager method's documented return type is what the caller gets.

A manager method is written as a flow (`-> Flow[Task]`, tickspec.managers._flow) and
decorated with `operation` (or `paginated`, `-> Flow[Page[Task]]`), which turns it
into the method a client calls: on `Client` it returns `Task` (an `Iterator[Task]`
for `paginated`). Griffe reads the source, not the decorated object, so without this
the reference would show the flow's type. The pages say how `AsyncClient` and
`with_raw_response` differ (a coroutine of it, a `RawResponse` of it).
"""

from __future__ import annotations

import ast
from typing import Any

import griffe

DECORATORS = {"operation", "paginated"}


class FlowReturns(griffe.Extension):
    """Rewrites `Flow[T]` to `T`, and `Flow[Page[T]]` to `Iterator[T]`."""

    def on_function_instance(
        self,
        *,
        node: ast.AST | griffe.ObjectNode,
        func: griffe.Function,
        agent: griffe.Visitor | griffe.Inspector,
        **kwargs: Any,
    ) -> None:
        """Called by griffe for each function it loads."""
        kind = {str(decorator.value) for decorator in func.decorators} & DECORATORS
        flow = func.returns
        if not kind or not isinstance(flow, griffe.ExprSubscript) or str(flow.left) != "Flow":
            return
        result = flow.slice
        if kind == {"paginated"} and isinstance(result, griffe.ExprSubscript):
            result = griffe.ExprSubscript(griffe.ExprName("Iterator"), result.slice)
        func.returns = result
