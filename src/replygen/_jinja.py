"""Every use of Jinja's internals, in one place.

Jinja's documented API (``jinja2.Environment``, ``jinja2.sandbox``, ``jinja2.ext``,
``jinja2.nodes`` …) is used anywhere in replygen. What it does not offer, and replygen
needs, is here: names Jinja does not document (they start with ``_`` or live in
``jinja2.compiler``, ``jinja2.runtime``, ``jinja2.environment``, ``jinja2.debug`` …), each
with what it replaces and why. ``tests/test_jinja.py`` checks every one of them against the
installed Jinja, so a Jinja release that changes one fails there, loudly, rather than in a
clerk's render.
"""

from __future__ import annotations

import types
from collections.abc import Iterable
from typing import Any

import jinja2.nodes

# The code generator office templates are compiled with (see MeteredOutput).
from jinja2.compiler import CodeGenerator

# The run-time types of what a template calls and imports. Jinja documents the objects
# ({% macro %}, caller(), super(), {% import %}) but not their classes; the sandbox needs the
# classes to let a template call a macro or read an imported name, and nothing else.
from jinja2.environment import TemplateModule
from jinja2.runtime import BlockReference, Context, Macro

__all__ = [
    "BlockReference", "Context", "DirectCalls", "JINJA_CALL_KWARGS", "Macro", "MeteredOutput", "TemplateModule", "exported", "module_name",
    "template_frames",
]  # fmt: skip


# --- imported templates ---------------------------------------------------------------------


def exported(module: TemplateModule, name: str, default: Any) -> Any:
    """What ``{% import "x.j2" as m %}`` gives for ``m.name``; ``default`` when x.j2 defines no such name.

    Jinja keeps a template's exported names as the instance attributes of its module, next to
    its own (``_body_stream``, ``__name__``), which are never returned.
    """
    if name.startswith("_"):
        return default
    return vars(module).get(name, default)


def module_name(module: TemplateModule) -> str:
    """The name of the template an imported module came from (``_blocks.j2``), for messages."""
    return str(module.__name__)


# --- where a template failed ----------------------------------------------------------------


def template_frames(exc: BaseException) -> list[tuple[str, int, str]]:
    """The template frames of a failed render: (template file, template line, block or macro).

    Jinja rewrites the traceback of an error raised in a compiled template (jinja2.debug): each
    template frame becomes a frame of the template's own file name at the template's own line,
    marked by a ``__jinja_exception__`` global. Jinja has no API for this; the marker is how
    an error names the line of the clerk's template, and the macro's caller.
    """
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            code = tb.tb_frame.f_code
            frames.append((code.co_filename, tb.tb_lineno, code.co_name))
        tb = tb.tb_next
    return frames


# --- office templates: every piece of output paid for ---------------------------------------


class MeteredOutput(CodeGenerator):
    """Compiles a template so that its output, ``~`` and slices go through its environment.

    Jinja compiles ``{{ x }}`` and the text between tags to ``str(x)`` and constants yielded
    directly, ``a ~ b`` to a join and ``a[1:2]`` to a direct slice: none of them reaches the
    environment, so the sandbox could not count what a template prints or builds. Here they
    compile to ``environment.emit(x)``, ``environment.joined((a, b))`` and
    ``environment.getitem(a, slice(1, 2))``, which the office sandbox's budget charges. This is
    the guarantee that no office template can exhaust memory (README, "Limits"); Jinja offers
    no public hook for output. Needs ``autoescape=False`` and no ``finalize`` (office
    templates have neither): the str() and finalize steps are emit's.
    """

    def _output_const_repr(self, group: Iterable[Any]) -> str:
        return f"environment.emit({super()._output_const_repr(group)})"

    def _output_child_pre(self, node: jinja2.nodes.Expr, frame: Any, finalize: Any) -> None:
        self.write("environment.emit(")

    def _output_child_post(self, node: jinja2.nodes.Expr, frame: Any, finalize: Any) -> None:
        self.write(")")

    def visit_Concat(self, node: jinja2.nodes.Concat, frame: Any) -> None:
        self.write("environment.joined((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")

    def visit_Getitem(self, node: jinja2.nodes.Getitem, frame: Any) -> None:
        if not isinstance(node.arg, jinja2.nodes.Slice):
            super().visit_Getitem(node, frame)
            return
        self.write("environment.getitem(")
        self.visit(node.node, frame)
        self.write(", slice(")
        for index, part in enumerate((node.arg.start, node.arg.stop, node.arg.step)):
            self.write(", " if index else "")
            if part is None:
                self.write("None")
            else:
                self.visit(part, frame)
        self.write("))")


# --- built-in templates: the one speed trick -------------------------------------------------


class DirectCalls(Context):
    """A template context that calls macros and built-in methods directly.

    Jinja routes every call in a template through :meth:`Context.call`, which first asks the
    callee whether it wants the context, environment or eval context passed in (jinja2.utils'
    ``_PassArg``). Asking a macro or a built-in method costs two failed attribute lookups, and
    neither can ever want it: the built-in templates make about ten such calls per document
    (each item list, each joined list of names). Calling them directly saves 3.9 % of the
    instructions a text render executes (``benchmarks/jinja_tricks.py`` counts them with
    cachegrind). That is under the 5 % the project asks of a trick on an internal; it stays
    because the other one, compiling ``a.b`` to a Python attribute read (4.1 %), is gone, and
    without both a text render would cost 8.5 % more, over the 5 % a change may cost a figure. It must then drop
    the keyword arguments Jinja's generated code adds to a call made inside a loop or a block
    (``_loop_vars``, ``_block_vars``), as ``Context.call`` does. Any other callee takes
    Jinja's own path. What a macro misses is the eval context Jinja would hand it, which only
    autoescaping reads: the built-in environment never autoescapes.
    """

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's signature)
        if type(__obj) not in _NEVER_PASSED_CONTEXT:
            return super().call(__obj, *args, **kwargs)
        for name in JINJA_CALL_KWARGS:
            kwargs.pop(name, None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja does: the call's value is undefined, not an iterator's end
            return __self.environment.undefined("调用提前结束（StopIteration），没有得到值")


JINJA_CALL_KWARGS = ("_loop_vars", "_block_vars")
"""What Jinja's compiled code passes to ``context.call`` besides the template's own arguments."""

_NEVER_PASSED_CONTEXT = frozenset({Macro, types.BuiltinMethodType})
