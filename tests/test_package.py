"""The lazy package keeps its public functions whatever submodules get imported."""

from __future__ import annotations

import importlib
import types

import pytest

import replygen


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
