"""Only the seam modules reach into Jinja's and python-docx's internals.

A Jinja or python-docx release may change anything it does not document. replygen keeps every
use of such a thing in two small modules, ``_jinja.py`` and ``_pydocx.py``, each use with a test
of its own (tests/test_jinja.py, tests/test_pydocx.py) that fails when a release changes it. This
test reads the source of every other module, the tests' included, and fails on the first
internal it reaches, so a new one cannot slip in beside the seam.

Internal means: a name starting with ``_`` (imported, read as ``x._name`` or ``super()._name``,
or defined as a method of a subclass of a library class, where it overrides the library's), a
module Jinja does not document for users (its compiler, runtime …), a file inside the installed
package (python-docx's default template), or Jinja's traceback marker.
"""

from __future__ import annotations

import ast
import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "replygen"
TESTS = ROOT / "tests"
SEAM = frozenset({PACKAGE / "_jinja.py", PACKAGE / "_pydocx.py"})
LIBRARIES = ("jinja2", "docx")

# Jinja's documented modules are jinja2 itself and those of its sandbox, extension, node, lexer,
# exception and bytecode-cache APIs; the rest is how Jinja works inside.
INTERNAL_MODULES = frozenset(
    {
        "jinja2.compiler",
        "jinja2.runtime",
        "jinja2.environment",
        "jinja2.utils",
        "jinja2.debug",
        "jinja2.idtracking",
        "jinja2.optimizer",
        "jinja2.visitor",
        "jinja2.async_utils",
        "jinja2.filters",
        "jinja2.tests",
        "jinja2.defaults",
    }
)


@cache
def private_attributes() -> frozenset[str]:
    """Every ``_name`` (not ``__dunder__``) the classes of Jinja and python-docx define or set.

    Read from the libraries' source rather than their classes: python-docx sets most of its
    private attributes (``self._sectPr = …``) on instances, which no class lists.
    """
    names: set[str] = set()
    for library in LIBRARIES:
        spec = importlib.util.find_spec(library)
        assert spec is not None and spec.submodule_search_locations, library
        for folder in spec.submodule_search_locations:
            # tests/docx is a folder named like python-docx: read the installed library only.
            assert not Path(folder).resolve().is_relative_to(TESTS), f"{library} found at {folder}"
            for path in Path(folder).rglob("*.py"):
                tree = ast.parse(path.read_text(encoding="utf-8"))
                for node in ast.walk(tree):
                    if isinstance(node, ast.ClassDef):
                        for item in node.body:
                            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                                names.add(item.name)
                            elif isinstance(item, (ast.Assign, ast.AnnAssign)):
                                targets = item.targets if isinstance(item, ast.Assign) else [item.target]
                                names.update(t.id for t in targets if isinstance(t, ast.Name))
                    elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
                        names.add(node.attr)
    return frozenset(n for n in names if _private(n))


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


@dataclass(frozen=True)
class Reach:
    line: int
    what: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.what}"


def _library_of(module: str | None) -> str | None:
    root = (module or "").split(".")[0]
    return root if root in LIBRARIES else None


def _internal_module(module: str) -> bool:
    return module in INTERNAL_MODULES or any(_private(part) for part in module.split("."))


class _Reader(ast.NodeVisitor):
    """Walks one module and collects each place it reaches a library internal."""

    def __init__(self) -> None:
        self.found: list[Reach] = []
        self.library_names: set[str] = set()  # local names bound to a library, its modules or classes
        self.library_classes: list[bool] = []  # for each enclosing class: does it subclass a library class?
        self.own_names: set[str] = set()  # this module's classes and replygen's own modules

    def reach(self, node: ast.AST, what: str) -> None:
        self.found.append(Reach(getattr(node, "lineno", 0), what))

    # imports -------------------------------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if _library_of(alias.name):
                self.library_names.add((alias.asname or alias.name).split(".")[0])
                if _internal_module(alias.name):
                    self.reach(node, f"import {alias.name}")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or (node.module or "").split(".")[0] == "replygen":
            self.own_names.update(alias.asname or alias.name for alias in node.names)
            return
        if not _library_of(node.module):
            return
        module = node.module or ""
        if _internal_module(module):
            self.reach(node, f"from {module} import …")
        for alias in node.names:
            self.library_names.add(alias.asname or alias.name)
            if _private(alias.name) or _internal_module(f"{module}.{alias.name}"):
                self.reach(node, f"from {module} import {alias.name}")

    # reads ---------------------------------------------------------------------------------
    def visit_Attribute(self, node: ast.Attribute) -> None:
        chain = _chain(node)
        if chain and chain[0] in self.library_names:
            dotted = ".".join(chain)
            if any(_private(part) for part in chain[1:]) or _internal_module(".".join(chain[:2])):
                self.reach(node, dotted)
            elif chain[-1] == "__file__":
                self.reach(node, f"{dotted} (a file inside the installed package)")
            return  # the rest of the chain is names, reported once here
        elif _private(node.attr) and node.attr in private_attributes() and not self._own(node.value):
            self.reach(node, f"._{node.attr[1:]} (a private attribute of a Jinja or python-docx class)")
        self.generic_visit(node)

    def _own(self, value: ast.expr) -> bool:
        """``self._x``/``cls._x`` is the class's own attribute, unless the class is a library's."""
        if isinstance(value, ast.Name) and value.id in {"self", "cls", "__self"}:
            return not (self.library_classes and self.library_classes[-1])
        return isinstance(value, ast.Name) and value.id in self.own_names

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and node.value.startswith("__jinja"):
            self.reach(node, f"{node.value!r} (a marker Jinja sets inside its runtime)")

    def visit_Call(self, node: ast.Call) -> None:
        # importlib.util.find_spec("docx") and the like: the way to a file inside the package.
        if isinstance(node.func, (ast.Attribute, ast.Name)) and _chain(node.func)[-1:] == ["find_spec"]:
            if node.args and isinstance(node.args[0], ast.Constant) and _library_of(str(node.args[0].value)):
                self.reach(node, f"find_spec({node.args[0].value!r}) (a file inside the installed package)")
        self.generic_visit(node)

    # subclasses ----------------------------------------------------------------------------
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        subclasses_library = any(_chain(base)[:1] and _chain(base)[0] in self.library_names for base in node.bases)
        self.library_classes.append(subclasses_library)
        if subclasses_library:
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and _private(item.name):
                    if item.name in private_attributes():
                        self.reach(item, f"def {item.name} (overrides an internal of the library class)")
        self.generic_visit(node)
        self.library_classes.pop()


def _chain(node: ast.expr) -> list[str]:
    """``a.b.c`` → ["a", "b", "c"]; ``super().x`` → ["super()", "x"]; anything else → []."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super":
        parts.append("super()")
    else:
        return []
    return parts[::-1]


def reaches(source: str) -> list[Reach]:
    """Where ``source`` (a module's text) reaches an internal of Jinja or python-docx."""
    reader = _Reader()
    tree = ast.parse(source)
    reader.own_names.update(node.name for node in tree.body if isinstance(node, ast.ClassDef))
    # Imports first, wherever they stand, so a name imported inside a function is known above it.
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            reader.visit(node)
    found_in_imports = reader.found
    reader.found = []
    for node in tree.body:
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            reader.visit(node)
    return sorted({*found_in_imports, *reader.found}, key=lambda r: (r.line, r.what))


# The seams' own tests reach the internals on purpose, to fail when a release changes one; this
# file names them as examples.
SEAM_TESTS = frozenset({TESTS / "test_jinja.py", TESTS / "test_pydocx.py", TESTS / "test_seams.py"})


def _modules() -> Iterator[Path]:
    # The tests count too: one that builds its input through an internal breaks on a new release
    # as surely as the code would.
    yield from sorted(p for p in PACKAGE.rglob("*.py") if p not in SEAM)
    yield from sorted(p for p in TESTS.rglob("*.py") if p not in SEAM_TESTS)


@pytest.mark.parametrize("path", list(_modules()), ids=lambda p: str(p.relative_to(ROOT)))
def test_module_reaches_no_library_internal_outside_the_seam(path: Path) -> None:
    found = reaches(path.read_text(encoding="utf-8"))
    where = path.relative_to(ROOT)
    assert not found, f"{where} reaches a library internal; move it into _jinja.py or _pydocx.py:\n" + "\n".join(
        f"  {where}:{reach}" for reach in found
    )


def test_the_seam_modules_exist() -> None:
    # The check above would pass vacuously if the seam had moved elsewhere.
    missing = [p.name for p in SEAM if not p.is_file()]
    assert not missing


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import jinja2.compiler", "import jinja2.compiler"),
        ("from jinja2.runtime import Context", "from jinja2.runtime import …"),
        ("from docx.section import _Footer", "from docx.section import _Footer"),
        ("import jinja2\nx = jinja2.runtime._PassArg", "jinja2.runtime._PassArg"),
        ("def f(section):\n    return section._sectPr", "._sectPr"),
        ("import docx\nfrom pathlib import Path\np = Path(docx.__file__)", "docx.__file__"),
        ("import importlib.util\nimportlib.util.find_spec('docx')", "find_spec('docx')"),
        ("ok = '__jinja_exception__' in globals()", "'__jinja_exception__'"),
        (
            "import jinja2\nclass E(jinja2.Environment):\n    def _parse(self, s, n, f):\n        return super()._parse(s, n, f)",
            "def _parse",
        ),
        ("import jinja2\nclass E(jinja2.Environment):\n    def f(self):\n        return self._parse('', None, None)", "._parse"),
    ],
)
def test_the_check_finds_each_kind_of_reach(source: str, expected: str) -> None:
    found = reaches(source)
    assert any(expected in str(reach) for reach in found), found


@pytest.mark.parametrize(
    "source",
    [
        "import jinja2\nenv = jinja2.Environment(undefined=jinja2.StrictUndefined)",
        "import jinja2.sandbox, jinja2.nodes, jinja2.ext, jinja2.lexer",
        "from docx.shared import Mm",
        "class A:\n    def _parse(self):\n        return self._parse",  # our own class, our own names
        "from lxml import etree\nx: etree._Element",  # lxml's element class is its documented API
        "class Body:\n    def _p(self): ...\nhandlers = {'p': Body._p}",  # a name python-docx also uses
        "from . import render\nrender._environment(None)",  # replygen's own modules are not the seam's concern
        "from replygen import render\nrender._environment(None)",  # nor are they from the tests
    ],
)
def test_the_check_lets_documented_use_pass(source: str) -> None:
    assert reaches(source) == []
