"""The house's rules about who may know whom (DESIGN.md, "Architecture"), checked in the source.

- `portal` names no feature app: no import, no dotted string ("guidance.views",
  "network:overview"); the feature apps are only the list settings.FEATURE_APPS.
- No feature app names another, in code or in a migration.
- Nor in a template: portal's templates (templates/ and portal/**/templates/) name no feature
  app's URL ({% url 'guidance:overview' %}) or template ("guidance/_card.html"), and an app's
  templates none of another app's.
- No migration depends on a migration of another feature app, and no portal migration on one.
- The parts of `portal` (portal.cases, portal.exports …) import each other without cycles,
  counting imports inside functions, which only hide a cycle.

Each check reads the source with `ast`, so it needs no import and runs on any tree: the tests at
the end run it on a small tree that breaks each rule.
"""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(__file__).resolve().parents[2]
FEATURE_APPS = frozenset(settings.FEATURE_APPS)


def _names(source: str) -> Iterator[str]:
    """Every module a source imports, and every string that names a module, URL or model.

    Import statements anywhere in the file (also inside functions), import_module("…") and
    __import__("…") with a literal, and string literals that are dotted or namespaced names
    ("guidance.views", "network:overview", "partnerships.Partnership"). A plain word ("network",
    a choice value) and prose (a docstring) are not names.
    """
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if re.fullmatch(r"\w+(?:[.:][\w-]+)+", node.value):
                yield node.value


def _apps_named(source: str, apps: frozenset[str] = FEATURE_APPS) -> set[str]:
    return {re.split(r"[.:]", name)[0] for name in _names(source)} & apps


# A URL name in a {% url %} tag, and a template path in quotes ({% include "network/_card.html" %}).
TEMPLATE_NAMES = re.compile(
    r"""\{%\s*url\s+["'](?P<url>\w+):|["'](?P<path>\w+)/[^"'\s]*\.(?:html|txt)["']"""
)


def _apps_named_in_template(source: str, apps: frozenset[str] = FEATURE_APPS) -> set[str]:
    return {
        found.group("url") or found.group("path") for found in TEMPLATE_NAMES.finditer(source)
    } & apps


def _template_files(root: Path, owner: str) -> list[Path]:
    """The templates of `owner`: those in its templates/ folders; portal's also the project's."""
    folders = [root / owner, *([root / "templates"] if owner == "portal" else [])]
    return sorted(
        path
        for folder in folders
        for path in folder.rglob("*")
        if path.suffix in (".html", ".txt")
        and "templates" in path.relative_to(root).parts
        and ".venv" not in path.parts
    )


def _migration_dependencies(source: str) -> Iterator[str]:
    """The app labels in a migration's `dependencies = [("app", "0001_…"), …]`."""
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Assign)
            and any(getattr(target, "id", None) == "dependencies" for target in node.targets)
            and isinstance(node.value, ast.List | ast.Tuple)
        ):
            for dependency in node.value.elts:
                if (
                    isinstance(dependency, ast.Tuple)
                    and dependency.elts
                    and isinstance(dependency.elts[0], ast.Constant)
                ):
                    yield dependency.elts[0].value


def _python_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.py") if ".venv" not in path.parts)


def cross_app_violations(root: Path, apps: frozenset[str] = FEATURE_APPS) -> list[str]:
    """Every place in the tree at `root` where the house's rules about names are broken."""
    violations = []
    owners = {"portal": apps, **{app: apps - {app} for app in apps}}
    for owner, forbidden in owners.items():
        for path in _python_files(root / owner):
            where = path.relative_to(root).as_posix()
            source = path.read_text(encoding="utf-8")
            for app in sorted(_apps_named(source, forbidden)):
                violations.append(f"{where} names {app}")
            if "migrations" in path.parts:
                for label in _migration_dependencies(source):
                    if label in forbidden:
                        violations.append(f"{where} depends on a migration of {label}")
        for path in _template_files(root, owner):
            where = path.relative_to(root).as_posix()
            for app in sorted(_apps_named_in_template(path.read_text(encoding="utf-8"), forbidden)):
                violations.append(f"{where} names {app}")
    return violations


def _component(module: str) -> str | None:
    """The part of portal a module belongs to: portal.cases.admin -> portal.cases."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "portal" and len(parts) > 1 else None


def _app_labels(root: Path) -> dict[str, str]:
    """The app label of each part of portal that is an app: {"cases": "portal.cases", …}."""
    labels = {}
    for apps_module in (root / "portal").glob("*/apps.py"):
        found = re.search(r"^\s+label = \"(\w+)\"", apps_module.read_text(), re.MULTILINE)
        labels[found.group(1) if found else apps_module.parent.name] = (
            f"portal.{apps_module.parent.name}"
        )
    return labels


def import_graph(root: Path, *, models: bool = False) -> dict[str, set[str]]:
    """Which parts of portal import which, from every import in portal's modules.

    With `models`, a lazy reference to another part's model ("cases.Case" in a ForeignKey)
    counts as an import too. portal/settings.py, urls.py and wsgi.py put the parts together and
    are left out, as are the migrations (which repeat the models' references).
    """
    labels = _app_labels(root) if models else {}
    graph: dict[str, set[str]] = {}
    for path in _python_files(root / "portal"):
        relative = path.relative_to(root).with_suffix("")
        if relative.parts[-1] == "__init__":
            relative = relative.parent
        module = ".".join(relative.parts)
        source = _component(module)
        if source in (None, "portal.settings", "portal.urls", "portal.wsgi"):
            continue
        if "migrations" in relative.parts:
            continue
        for name in _names(path.read_text(encoding="utf-8")):
            label, _dot, model = name.partition(".")
            if label in labels and re.fullmatch(r"[A-Z]\w*", model):
                name = labels[label]
            target = _component(name)
            if target in (None, source) or not _is_module(root, target):
                continue
            graph.setdefault(source, set()).add(target)
    return graph


def _is_module(root: Path, dotted: str) -> bool:
    """Whether a dotted name is a module of the tree (not "portal.view_case", a permission)."""
    path = root.joinpath(*dotted.split("."))
    return path.is_dir() or path.with_suffix(".py").is_file()


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each cycle of the graph, once, as a path that ends where it starts."""
    cycles, seen = [], set()

    def visit(node: str, path: list[str]) -> None:
        for target in sorted(graph.get(node, ())):
            if target in path:
                cycle = path[path.index(target) :]
                key = frozenset(cycle)
                if key not in seen:
                    seen.add(key)
                    cycles.append([*cycle, target])
            elif len(path) < 8:
                visit(target, [*path, target])

    for start in sorted(graph):
        visit(start, [start])
    return cycles


def test_portal_names_no_feature_app_and_no_feature_app_another():
    assert cross_app_violations(BASE_DIR) == []


def test_the_parts_of_portal_import_each_other_without_cycles():
    assert import_cycles(import_graph(BASE_DIR)) == []


def test_the_models_of_portals_parts_point_at_each_other_without_cycles():
    assert import_cycles(import_graph(BASE_DIR, models=True)) == []


def test_the_feature_apps_are_the_settings_list_and_installed_from_it():
    assert set(settings.FEATURE_APPS) <= set(settings.INSTALLED_APPS)
    assert settings.FEATURE_APPS == ["guidance", "partnerships", "entrepreneurs", "network"]


# The checks themselves: each breaks when a rule is broken.


@pytest.mark.parametrize(
    "source",
    [
        "import guidance",
        "import network.models as meetings",
        "from partnerships.models import Partnership",
        "from entrepreneurs import services",
        "def f():\n    from guidance.models import Enquiry",
        "importlib.import_module('guidance.selectors')",
        "path('', include('guidance.urls'))",
        "reverse('network:overview')",
        "models.ForeignKey('partnerships.Partnership', on_delete=models.CASCADE)",
    ],
)
def test_the_check_sees_each_way_of_naming_an_app(source):
    assert _apps_named(source)


@pytest.mark.parametrize(
    "source",
    [
        'NETWORK = "network", _("Netværk")',
        '"""The guidance app registers its enquiries here."""',
        "from portal.cases.models import Case",
        'FEATURE_APPS = ["guidance", "network"]',
    ],
)
def test_the_check_lets_plain_words_and_portal_be(source):
    assert not _apps_named(source)


@pytest.fixture
def tree(tmp_path):
    """A small project that keeps the rules: portal, guidance and network."""
    for folder in ("portal", "guidance/migrations", "network"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "portal/cases.py").write_text("from portal.registry import Company\n")
    (tmp_path / "portal/registry.py").write_text("import django\n")
    (tmp_path / "guidance/views.py").write_text("from portal.cases import open_case\n")
    (tmp_path / "guidance/migrations/0001_initial.py").write_text(
        'dependencies = [("cases", "0001_initial")]\n'
    )
    (tmp_path / "network/views.py").write_text("from portal.cases import open_case\n")
    (tmp_path / "templates/pages").mkdir(parents=True)
    (tmp_path / "templates/pages/home.html").write_text(
        '{% include "pages/_card.html" %}<a href="{{ principle.url }}">{{ principle.action }}</a>'
    )
    (tmp_path / "guidance/templates/guidance").mkdir(parents=True)
    (tmp_path / "guidance/templates/guidance/overview.html").write_text(
        "{% extends 'guidance/base.html' %}{% url 'guidance:overview' %}"
    )
    return tmp_path


def test_a_tree_that_keeps_the_rules_passes(tree):
    assert cross_app_violations(tree, frozenset({"guidance", "network"})) == []
    assert import_cycles(import_graph(tree)) == []


def test_the_check_fails_when_guidance_imports_network(tree):
    (tree / "guidance/views.py").write_text("from network.models import Meeting\n")

    assert cross_app_violations(tree, frozenset({"guidance", "network"})) == [
        "guidance/views.py names network"
    ]


def test_the_check_fails_when_a_migration_depends_on_another_app(tree):
    (tree / "guidance/migrations/0002_meeting.py").write_text(
        'dependencies = [("guidance", "0001_initial"), ("network", "0001_initial")]\n'
    )

    assert cross_app_violations(tree, frozenset({"guidance", "network"})) == [
        "guidance/migrations/0002_meeting.py depends on a migration of network"
    ]


def test_the_check_fails_when_portal_names_an_app_by_string(tree):
    (tree / "portal/urls.py").write_text("urlpatterns = [include('guidance.urls')]\n")

    assert cross_app_violations(tree, frozenset({"guidance", "network"})) == [
        "portal/urls.py names guidance"
    ]


@pytest.mark.parametrize(
    "source",
    [
        "{% url 'guidance:overview' %}",
        '{% url "network:meeting-detail" slug=meeting.slug %}',
        '{% include "partnerships/_card.html" with card=card %}',
        "{% extends 'entrepreneurs/base.html' %}",
        '{% include "guidance/receipt_email.txt" %}',
    ],
)
def test_the_template_check_sees_each_way_of_naming_an_app(source):
    assert _apps_named_in_template(source)


@pytest.mark.parametrize(
    "source",
    [
        "{% url 'pages:home' %}",
        "{% url link.url %}",
        '{% include "includes/header.html" %}',
        "<p>Om guidance/ og network: se netværket.</p>",
    ],
)
def test_the_template_check_lets_portal_and_prose_be(source):
    assert not _apps_named_in_template(source)


def test_the_check_fails_when_a_portal_template_names_an_app(tree):
    (tree / "templates/pages/home.html").write_text("{% url 'guidance:overview' %}")
    (tree / "portal/pages/templates/pages").mkdir(parents=True)
    (tree / "portal/pages/templates/pages/about.html").write_text(
        '{% include "network/_card.html" %}'
    )

    assert cross_app_violations(tree, frozenset({"guidance", "network"})) == [
        "portal/pages/templates/pages/about.html names network",
        "templates/pages/home.html names guidance",
    ]


def test_the_check_fails_when_an_apps_template_names_another_app(tree):
    (tree / "guidance/templates/guidance/overview.html").write_text("{% url 'network:overview' %}")

    assert cross_app_violations(tree, frozenset({"guidance", "network"})) == [
        "guidance/templates/guidance/overview.html names network"
    ]


def test_the_check_finds_a_cycle_through_a_lazy_model_reference(tree):
    (tree / "portal/registry").mkdir()
    (tree / "portal/registry/apps.py").write_text('class C:\n    label = "registry"\n')
    (tree / "portal/registry.py").unlink()
    (tree / "portal/registry/models.py").write_text('ForeignKey("cases.Case")\n')
    (tree / "portal/cases").mkdir()
    (tree / "portal/cases/apps.py").write_text('class C:\n    label = "cases"\n')
    (tree / "portal/cases/models.py").write_text("from portal.registry import Company\n")
    (tree / "portal/cases.py").unlink()

    assert import_cycles(import_graph(tree)) == []
    assert import_cycles(import_graph(tree, models=True)) == [
        ["portal.cases", "portal.registry", "portal.cases"]
    ]


def test_the_check_finds_a_cycle_hidden_by_a_local_import(tree):
    (tree / "portal/registry.py").write_text("def f():\n    from portal.cases import x\n")

    assert import_cycles(import_graph(tree)) == [
        ["portal.cases", "portal.registry", "portal.cases"]
    ]
