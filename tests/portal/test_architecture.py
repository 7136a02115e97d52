"""Apps depend on `portal`, never the other way round (DESIGN.md, "Architecture")."""

import ast
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
APPS = {"guidance", "partnerships", "entrepreneurs", "network"}


def _imported_apps(source: str) -> set[str]:
    """The apps a module imports: import statements and import_module("…") with a literal."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & APPS
    return found


@pytest.mark.parametrize(
    "source",
    [
        "import guidance",
        "import network.models as meetings",
        "from partnerships.models import Partnership",
        "from entrepreneurs import services",
        "importlib.import_module('guidance.selectors')",
    ],
)
def test_the_check_sees_each_way_of_importing_an_app(source):
    assert _imported_apps(source)


def test_portal_imports_no_app():
    offenders = {
        str(path.relative_to(BASE_DIR)): sorted(apps)
        for path in sorted((BASE_DIR / "portal").rglob("*.py"))
        if (apps := _imported_apps(path.read_text(encoding="utf-8")))
    }

    assert offenders == {}
