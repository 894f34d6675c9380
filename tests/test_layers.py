"""No import runs up the layers: a module uses only its own layer and those below it.

The layers, lowest first. A newcomer reads a module knowing that nothing it imports reaches
back into the commands above it; a new module must be placed here, or this test fails.
Imports inside functions count as imports; those under ``if TYPE_CHECKING:`` do not (they
only name types for the checker).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# Lowest first; a name stands for the module and, for a package, everything in it.
LAYERS: list[tuple[str, frozenset[str]]] = [
    (
        "foundations",
        frozenset(
            {
                # The package's own module imports nothing: its names load on first use (PEP 562).
                "replygen",
                "replygen.errors",
                "replygen.genre",
                "replygen.fieldpath",
                "replygen.naming",
                "replygen.blocks",
                "replygen.layout",
                "replygen.output",
                "replygen.cache",
                # The libraries' internals, each behind its seam; they import only the library.
                "replygen._jinja",
                "replygen._pydocx",
            }
        ),
    ),
    (
        "model",
        frozenset(
            {
                "replygen.model",
                "replygen.validation",
                "replygen.loader",
                "replygen.style",
                "replygen.formulas",
                "replygen.placeholders",
                "replygen.process",
                "replygen.co_handling",
                # Reading a letter into model data. A 会办 unit's opinion arrives as a letter and
                # is read while its draft is validated; only the importer's last stage (verify,
                # which renders) and its front doors sit above, with the package.
                "replygen.importer.source",
                "replygen.importer.docx",
                "replygen.importer.docprops",
                "replygen.importer.clean",
                "replygen.importer.classify",
                "replygen.importer.patterns",
                "replygen.importer.frame",
                "replygen.importer.body",
                "replygen.importer.house",
                "replygen.importer.data",
                "replygen.importer.build",
            }
        ),
    ),
    (
        "render",
        frozenset(
            {"replygen.render", "replygen.sandbox", "replygen.docinfo", "replygen.feedback"}
        ),
    ),
    (
        "writers and readers",
        frozenset({"replygen.text", "replygen.docx", "replygen.pdf", "replygen.versions", "replygen.importer"}),
    ),
    ("formats", frozenset({"replygen.formats"})),
    ("pipeline", frozenset({"replygen.pipeline"})),
    (
        "around the letter",
        frozenset(
            {
                "replygen.scaffold",
                "replygen.proposal_text",
                "replygen.intake",
                "replygen.deadlines",
                "replygen.status",
                "replygen.lint",
                "replygen.schema",
                "replygen.batch",
            }
        ),
    ),
    ("command line", frozenset({"replygen.cli", "replygen.__main__"})),
]

# Upward imports the code needs and why, each one function-level import named exactly: none
# today. (A 会办 opinion file, read while its draft is validated, goes through the importer's
# reading stages, which sit in the model's layer for that reason.)
ALLOWED: dict[tuple[str, str], str] = {}


def _enclosing(module: str) -> list[str]:
    """``module`` and the packages it is in, innermost first, but not the top package.

    The top package stands only for its own ``__init__``: were it to hold its modules as the
    other packages do, every module missing from LAYERS would land in the foundations unseen.
    """
    parts = module.split(".")
    return [".".join(parts[:end]) for end in range(len(parts), 1, -1)] or [module]


def layer_of(module: str, layers: list[tuple[str, frozenset[str]]] = LAYERS) -> int | None:
    """The index of the layer holding ``module`` (or the package it is in); None if unplaced."""
    for name in _enclosing(module):
        for index, (_, members) in enumerate(layers):
            if name in members:
                return index
    return None


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(module: str, source: str, is_package: bool) -> list[tuple[str, int]]:
    """The replygen modules ``source`` imports, with their lines, TYPE_CHECKING blocks left out."""
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names if alias.name.split(".")[0] == "replygen")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] == "replygen":
                if node.module is None:  # `from . import genre` imports the module genre
                    found.extend((f"{target}.{alias.name}", node.lineno) for alias in node.names)
                else:
                    found.append((target, node.lineno))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return found


def upward_imports(
    modules: dict[str, tuple[str, bool]],
    layers: list[tuple[str, frozenset[str]]] = LAYERS,
    allowed: dict[tuple[str, str], str] = ALLOWED,
) -> list[str]:
    """Every import that runs up, and every module no layer holds, as lines naming them.

    ``modules`` maps a module's name to its source and whether it is a package's __init__.
    """
    problems: list[str] = []
    for module, (source, is_package) in sorted(modules.items()):
        own = layer_of(module, layers)
        if own is None:
            problems.append(f"{module}: in no layer; add it to LAYERS in tests/test_layers.py")
            continue
        for target, line in imports_of(module, source, is_package):
            # `from . import x` may name a function rather than a module: judge the module it is in.
            name = target if target in modules else target.rpartition(".")[0] if target.rpartition(".")[0] in modules else target
            theirs = layer_of(name, layers)
            if theirs is None or theirs <= own or allowed.get((module, _placed(name, layers))):
                continue
            problems.append(
                f"{module}:{line} imports {name} ({layers[theirs][0]}), above its own layer ({layers[own][0]})"
            )
    return problems


def _placed(module: str, layers: list[tuple[str, frozenset[str]]]) -> str:
    """The name under which ``module`` is placed in ``layers`` (itself or its package)."""
    for name in _enclosing(module):
        if any(name in members for _, members in layers):
            return name
    return module


def package_modules(root: Path = SRC) -> dict[str, tuple[str, bool]]:
    modules: dict[str, tuple[str, bool]] = {}
    for path in sorted((root / "replygen").rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        is_package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_package else parts)
        modules[name] = (path.read_text(encoding="utf-8"), is_package)
    return modules


def test_no_import_runs_up_the_layers() -> None:
    assert upward_imports(package_modules()) == []


def test_each_allowed_exception_is_still_needed() -> None:
    # An exception the code no longer needs would hide the next upward import of its kind.
    modules = package_modules()
    for module, target in ALLOWED:
        assert any(_placed(name, LAYERS) == target for name, _ in imports_of(module, *modules[module]))


_FAKE_LAYERS = [("low", frozenset({"replygen.low"})), ("high", frozenset({"replygen.high", "replygen.pkg"}))]


@pytest.mark.parametrize(
    "source",
    [
        "from .high import thing\n",
        "import replygen.high\n",
        "def f():\n    from replygen.high import thing\n",  # inside a function counts too
        "from . import high\n",
        "if other:\n    from .pkg.sub import x\n",
    ],
)
def test_an_upward_import_is_named(source: str) -> None:
    modules = {"replygen.low": (source, False), "replygen.high": ("", False), "replygen.pkg.sub": ("", False)}
    problems = upward_imports(modules, _FAKE_LAYERS, {})
    assert len(problems) == 1
    assert problems[0].startswith("replygen.low:") and "above its own layer (low)" in problems[0]


@pytest.mark.parametrize(
    "source",
    [
        "from .low import thing\n",  # down: fine
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .high import Thing\n",  # types only
        "import json\n",
    ],
)
def test_downward_and_type_only_imports_pass(source: str) -> None:
    modules = {"replygen.high": (source, False), "replygen.low": ("", False)}
    assert upward_imports(modules, _FAKE_LAYERS, {}) == []
    # The same text in the lower module is upward only when it reaches the higher one.
    assert upward_imports({"replygen.low": ("import json\n", False), "replygen.high": ("", False)}, _FAKE_LAYERS, {}) == []


def test_a_module_in_no_layer_is_named() -> None:
    problems = upward_imports({"replygen.stray": ("", False)}, _FAKE_LAYERS, {})
    assert problems == ["replygen.stray: in no layer; add it to LAYERS in tests/test_layers.py"]


def test_placing_the_top_package_does_not_place_its_modules() -> None:
    layers = [("low", frozenset({"replygen"})), *_FAKE_LAYERS]
    problems = upward_imports({"replygen": ("", True), "replygen.stray": ("", False)}, layers, {})
    assert problems == ["replygen.stray: in no layer; add it to LAYERS in tests/test_layers.py"]
    assert layer_of("replygen.pkg.inner", layers) == 2  # a subpackage still holds its modules


def test_an_allowed_exception_passes_only_for_its_pair() -> None:
    modules = {"replygen.low": ("from .high import thing\n", False), "replygen.high": ("", False)}
    assert upward_imports(modules, _FAKE_LAYERS, {("replygen.low", "replygen.high"): "why"}) == []
    assert upward_imports(modules, _FAKE_LAYERS, {("replygen.low", "replygen.pkg"): "why"}) != []
