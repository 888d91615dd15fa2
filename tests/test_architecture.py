"""The shape of the code, read from its imports (parsed with ast, nothing is run).

- models never import access rules, services, forms or views (imports point one way:
  views -> services and forms -> cohorts.access -> models);
- academy, the site-wide package, imports no domain app (courses, cohorts);
- cohorts and its feature apps import courses only in demo data (cohorts point at pages by
  foreign key, as strings);
- no import is hidden behind `# noqa: E402`, no section is labelled by issue number, and
  wagtail_hooks.py modules only register (no class or view is defined there).
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("academy", "courses", "cohorts")
LAYERS_ABOVE_MODELS = ("access", "services", "forms", "views", "admin", "wagtail_hooks")


def python_files(*packages):
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def module_name(path):
    relative = path.relative_to(ROOT).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path):
    """Every module path path imports, relative imports resolved, names included
    (`from cohorts import access` yields cohorts and cohorts.access)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield module
            for alias in node.names:
                yield f"{module}.{alias.name}"


def is_model_module(path):
    return path.name == "models.py" or "models" in path.relative_to(ROOT).parts[:-1]


def touches_layer(module):
    return any(part in LAYERS_ABOVE_MODELS for part in module.split(".")[1:])


def ours(module):
    return module.split(".")[0] in PACKAGES


MODEL_FILES = [path for path in python_files(*PACKAGES) if is_model_module(path)]


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_models_import_no_rules_services_forms_or_views(path):
    wrong = sorted(
        {module for module in imported_modules(path) if ours(module) and touches_layer(module)}
    )
    assert wrong == [], f"{path.relative_to(ROOT)} imports {wrong}"


def test_academy_imports_no_domain_app():
    wrong = {
        str(path.relative_to(ROOT)): module
        for path in python_files("academy")
        for module in imported_modules(path)
        if module.split(".")[0] in ("courses", "cohorts")
    }
    assert wrong == {}


def test_cohorts_imports_courses_only_in_demo_data():
    wrong = {
        str(path.relative_to(ROOT)): module
        for path in python_files("cohorts")
        if path.name != "demo.py"
        for module in imported_modules(path)
        if module.split(".")[0] == "courses"
    }
    assert wrong == {}


def test_the_kernel_does_not_reach_into_feature_apps():
    """Feature apps depend on the kernel, never the reverse; only the access package (which
    owns the rules for every model) reads their models."""
    kernel = [
        path
        for path in python_files("cohorts")
        if len(path.relative_to(ROOT / "cohorts").parts) == 1
        or path.relative_to(ROOT / "cohorts").parts[0] in ("models", "services", "views")
    ]
    wrong = {
        str(path.relative_to(ROOT)): module
        for path in kernel
        for module in imported_modules(path)
        if module.startswith("cohorts.coursework")
    }
    assert wrong == {}


def test_the_checker_sees_relative_and_absolute_imports(tmp_path):
    """The rules above would pass vacuously if the parser missed imports: it must not."""
    probe = ROOT / "cohorts" / "coursework" / "models" / "submission.py"
    modules = set(imported_modules(probe))
    assert "academy.fields.SanitizedHTMLField" in modules
    assert "cohorts.uploads.storage" in modules
    services = ROOT / "cohorts" / "services" / "invitations.py"
    assert "cohorts.services.memberships.add_member" in set(imported_modules(services))
    assert touches_layer("cohorts.access.trainees") and not touches_layer("cohorts.models")


NOQA_E402 = re.compile(r"noqa:\s*E402")
ISSUE_SECTION = re.compile(r"\(issue \d+|issue \d+\)|# issue \d+", re.IGNORECASE)


def source_files():
    for package in (*PACKAGES, "tests", "bench", "scripts"):
        for path in sorted((ROOT / package).rglob("*")):
            if path.suffix in (".py", ".html", ".txt") and "migrations" not in path.parts:
                yield path


def test_no_hidden_imports_and_no_sections_by_issue():
    offenders = []
    for path in source_files():
        if path == Path(__file__).resolve():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if NOQA_E402.search(line) or ISSUE_SECTION.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


@pytest.mark.parametrize(
    "path",
    [path for path in python_files(*PACKAGES) if path.name == "wagtail_hooks.py"],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_wagtail_hooks_only_register(path):
    """Viewsets, views and forms live in the app's admin module; hooks only register them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    classes = [node.name for node in tree.body if isinstance(node, ast.ClassDef)]
    assert classes == []
