"""The seam to Jinja's internals (``replygen._jinja``): each internal replygen relies on is
still there and behaves as relied on, so a Jinja upgrade that changes one fails here, naming
it, and not in a clerk's render."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import jinja2
import jinja2.nodes
import pytest

from replygen import _jinja


def test_macros_blocks_imports_and_contexts_have_the_types_the_sandbox_tells_apart() -> None:
    templates = {"lib.j2": "{% macro m() %}甲{% endmacro %}", "base.j2": "{% block b %}乙{% endblock %}"}
    env = jinja2.Environment(loader=jinja2.DictLoader(templates))
    seen: dict[str, Any] = {}

    @jinja2.pass_context
    def keep(context: Any, key: str, value: Any) -> str:
        seen[key], seen["context"] = value, context
        return ""

    source = (
        '{% extends "base.j2" %}{% import "lib.j2" as lib %}'
        '{% block b %}{{ keep("module", lib) }}{{ keep("macro", lib.m) }}{{ keep("block", super) }}{% endblock %}'
    )
    env.from_string(source).render(keep=keep)
    assert type(seen["module"]) is _jinja.TemplateModule
    assert type(seen["macro"]) is _jinja.Macro
    assert type(seen["block"]) is _jinja.BlockReference
    assert isinstance(seen["context"], _jinja.Context)


def test_an_imported_template_exports_the_names_it_defines_and_nothing_of_its_own() -> None:
    env = jinja2.Environment(loader=jinja2.DictLoader({"lib.j2": "{% macro m() %}甲{% endmacro %}{% set n = 1 %}"}))
    module = env.get_template("lib.j2").module
    missing = object()
    assert _jinja.exported(module, "n", missing) == 1
    assert _jinja.exported(module, "m", missing)() == "甲"
    assert _jinja.exported(module, "absent", missing) is missing
    # Jinja's own attributes of the module (it has them) are not names the template defines.
    for own in ("_body_stream", "__name__", "__dict__", "__class__"):
        assert hasattr(module, own)
        assert _jinja.exported(module, own, missing) is missing
    assert _jinja.module_name(module) == "lib.j2"


def test_a_rewritten_traceback_still_marks_each_template_frame(tmp_path: Path) -> None:
    (tmp_path / "lib.j2").write_text("{% macro boom(n) %}\n\n{{ 1 // n }}{% endmacro %}", encoding="utf-8")
    (tmp_path / "main.j2").write_text(
        '{% import "lib.j2" as lib %}\n{% block body %}\n{{ lib.boom(0) }}{% endblock %}', encoding="utf-8"
    )
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)))
    with pytest.raises(ZeroDivisionError) as caught:
        env.get_template("main.j2").render()
    frames = _jinja.template_frames(caught.value)
    # Outermost first, each at its own line: the template's top level, the block that called,
    # then the macro where it failed. render.py names a block's caller by these names.
    assert [(Path(file).name, line, code) for file, line, code in frames] == [
        ("main.j2", 2, "top-level template code"),
        ("main.j2", 3, "block 'body'"),
        ("lib.j2", 3, "template"),
    ]


def test_an_error_outside_any_template_has_no_template_frames() -> None:
    try:
        1 // 0
    except ZeroDivisionError as exc:
        assert _jinja.template_frames(exc) == []


# --- MeteredOutput: the code generator hooks it overrides ---------------------------------


class _Metered(jinja2.Environment):
    """Records what a template compiled with MeteredOutput hands its environment."""

    code_generator_class = _jinja.MeteredOutput

    def __init__(self) -> None:
        super().__init__(autoescape=False)
        self.calls: list[tuple[str, Any]] = []

    def emit(self, value: Any) -> str:
        self.calls.append(("emit", value))
        return str(value)

    def joined(self, values: tuple[Any, ...]) -> str:
        self.calls.append(("joined", values))
        return "".join(map(str, values))

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.calls.append(("getitem", argument))
        return super().getitem(obj, argument)


def test_every_piece_of_output_goes_through_emit() -> None:
    env = _Metered()
    out = env.from_string("甲{{ x }}乙{{ 1 }}{% for i in xs %}{{ i }}{% endfor %}").render(x="丙", xs=[7, 8])
    assert out == "甲丙乙178"
    emitted = [value for kind, value in env.calls if kind == "emit"]
    # Constant text (folded with constant expressions) and each expression's value, as they are.
    assert "丙" in emitted and 7 in emitted and 8 in emitted
    assert "".join(map(str, emitted)) == out


def test_concatenation_goes_through_joined_and_slices_through_getitem() -> None:
    env = _Metered()
    out = env.from_string("{{ a ~ b }}|{{ a[1:] }}|{{ a[::2] }}|{{ a[0] }}").render(a="甲乙丙", b="丁")
    assert out == "甲乙丙丁|乙丙|甲丙|甲"
    assert ("joined", ("甲乙丙", "丁")) in env.calls
    assert [arg for kind, arg in env.calls if kind == "getitem"] == [slice(1, None, None), slice(None, None, 2), 0]


def test_the_code_generator_hooks_keep_the_signatures_overridden() -> None:
    from jinja2.compiler import CodeGenerator

    expected = {
        "_output_const_repr": ["self", "group"],
        "_output_child_pre": ["self", "node", "frame", "finalize"],
        "_output_child_post": ["self", "node", "frame", "finalize"],
        "visit_Concat": ["self", "node", "frame"],
        "visit_Getitem": ["self", "node", "frame"],
    }
    for name, parameters in expected.items():
        assert list(inspect.signature(getattr(CodeGenerator, name)).parameters) == parameters, name
        assert name in vars(_jinja.MeteredOutput), name
    # Jinja's constant output is still a repr of the joined group, which emit then wraps.
    generator = CodeGenerator(jinja2.Environment(), "t", None)
    assert generator._output_const_repr(["甲", "1"]) == repr("甲1")


# --- built-in templates: the speed tricks ------------------------------------------------


class _Direct(jinja2.Environment):
    context_class = _jinja.DirectCalls


def test_the_keyword_arguments_jinja_adds_to_a_call_are_the_ones_dropped() -> None:
    source = "{% for x in xs %}{% set y = x %}{{ f(x) }}{% endfor %}{% block b %}{% set z = 1 %}{{ f(z) }}{% endblock %}"
    code = jinja2.Environment().compile(source, raw=True)
    calls = [line for line in code.splitlines() if "context.call(" in line]
    assert len(calls) == 2
    added = {name for line in calls for name in re.findall(r"\b(_\w+)=", line)}
    assert added == set(_jinja.JINJA_CALL_KWARGS)
    # Context.call(self, callee, *args, **kwargs): DirectCalls.call overrides it as such.
    kinds = [parameter.kind for parameter in inspect.signature(_jinja.Context.call).parameters.values()]
    positional = inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert kinds == [positional, positional, inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD]


def test_macros_and_methods_are_called_directly_in_loops_and_blocks() -> None:
    env = _Direct()
    template = env.from_string(
        '{% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}'
        '{% for n in names %}{% set m = n %}{{ twice(m) }}{{ "、".join(names) }}{% endfor %}'
        '{% block b %}{% set k = "丁" %}{{ twice(k) }}{% endblock %}'
    )
    assert template.render(names=["乙", "丙"]) == "乙乙乙、丙丙丙乙、丙丁丁"


def test_what_jinja_would_hand_a_macro_is_only_the_eval_context() -> None:
    # Jinja's call asks a macro's __call__, which wants the eval context (for autoescaping);
    # the direct call skips that, which is the same as long as nothing autoescapes, as in the
    # built-in environment (autoescape=False, no {% autoescape %} in its templates).
    asks = getattr(_jinja.Macro.__call__, "jinja_pass_arg", None)
    assert asks is not None and asks.name == "eval_context"
    macro = jinja2.Environment().from_string("{% macro m() %}甲{% endmacro %}").module.m
    assert type(macro) is _jinja.Macro and not hasattr(macro, "jinja_pass_arg")
    assert not hasattr("、".join, "jinja_pass_arg")


def test_callables_that_want_the_context_still_get_it_and_an_ended_iterator_is_undefined() -> None:
    @jinja2.pass_context
    def who(context: Any) -> str:
        return str(context["names"][0])

    env = _Direct(undefined=jinja2.StrictUndefined)
    assert env.from_string("{{ who() }}").render(names=["乙"], who=who) == "乙"
    with pytest.raises(jinja2.UndefinedError, match="StopIteration"):
        env.from_string("{{ step(it) }}").render(step=next, it=iter([]))
