"""The lazy package keeps its public functions whatever submodules get imported; README names its modules."""

from __future__ import annotations

import importlib
import re
import types

import pytest

import replygen
from conftest import ROOT


def test_public_functions_stay_functions_after_submodules_are_imported() -> None:
    importlib.import_module("replygen.loader")
    importlib.import_module("replygen.lint")
    assert callable(replygen.load)
    assert replygen.load.__module__ == "replygen.loader"
    from replygen.loader import parse_yaml

    assert callable(parse_yaml)


def test_dir_shows_the_public_names_and_nothing_else() -> None:
    importlib.import_module("replygen.loader")  # a submodule import must not widen the list
    assert dir(replygen) == sorted(replygen.__all__)
    assert len(set(replygen.__all__)) == len(replygen.__all__)
    # No helper the module itself defines or imports is left under a public-looking name.
    stray = [
        name
        for name, value in vars(replygen).items()
        if not name.startswith("_") and name not in replygen.__all__ and not isinstance(value, types.ModuleType)
    ]
    assert stray == []


@pytest.mark.parametrize("name", sorted(replygen.__all__))
def test_every_public_name_resolves_and_is_documented(name: str) -> None:
    value = getattr(replygen, name)
    # The package docstring (help(replygen)) names every public name.
    assert f"``{name}``" in (replygen.__doc__ or "")
    if callable(value):
        # Its own docstring: a class's, not one inherited from pydantic or Exception.
        doc = vars(value).get("__doc__") if isinstance(value, type) else value.__doc__
        assert doc and doc.strip(), name


def test_the_readme_layout_names_every_module() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How the code is laid out", 1)[1].split("\n## ", 1)[0]
    package = ROOT / "src" / "replygen"
    named = set(re.findall(r"`([\w/.]+)`", section))
    missing = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        if relative.parent.name and path.name == "__init__.py":
            names = {f"{relative.parent.as_posix()}/"}  # a subpackage is named as a folder
        else:  # a module by its file name, or by its stem in its package's list
            names = {path.name, path.stem, relative.as_posix()}
        if not names & named:
            missing.append(relative.as_posix())
    assert missing == [], f"README.md's 'How the code is laid out' does not name: {missing}"
