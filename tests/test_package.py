"""The lazy package keeps its public functions whatever submodules get imported."""

from __future__ import annotations

import importlib

import replygen


def test_load_stays_the_function_after_the_submodule_is_imported() -> None:
    importlib.import_module("replygen.load")
    importlib.import_module("replygen.lint")
    assert callable(replygen.load)
    assert replygen.load.__module__ == "replygen.load"
    from replygen.load import parse_yaml

    assert callable(parse_yaml)
