"""The lazy package keeps its public functions whatever submodules get imported."""

from __future__ import annotations

import importlib

import replygen


def test_public_functions_stay_functions_after_submodules_are_imported() -> None:
    importlib.import_module("replygen.loader")
    importlib.import_module("replygen.lint")
    assert callable(replygen.load)
    assert replygen.load.__module__ == "replygen.loader"
    from replygen.loader import parse_yaml

    assert callable(parse_yaml)
