"""The public faces: every module that declares ``__all__`` defines each name it lists."""

import ast
import importlib
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"


def modules_with_all() -> list[str]:
    found = []
    for path in sorted(APP.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
               for node in tree.body):
            parts = list(path.relative_to(APP.parent).with_suffix("").parts)
            found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


@pytest.mark.parametrize("name", modules_with_all())
def test_all_lists_only_defined_names(name):
    module = importlib.import_module(name)
    assert not [n for n in module.__all__ if not hasattr(module, n)]


def test_the_kernel_and_the_domain_have_a_face():
    faced = set(modules_with_all())
    for kernel in ("errors", "i18n", "config", "paths", "log", "events"):
        assert f"app.{kernel}" in faced
    for path in (APP / "domain").glob("*.py"):
        if path.stem != "__init__":
            assert f"app.domain.{path.stem}" in faced
