"""octet.engine is pure Python: importing it (every submodule) never loads Django."""

from __future__ import annotations

import ast
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import octet.engine

ENGINE_DIR = Path(octet.engine.__file__).parent
REPO_ROOT = ENGINE_DIR.parent.parent

PROBE = """
import importlib, json, pkgutil, sys
import octet.engine
names = sorted("octet.engine." + m.name for m in pkgutil.iter_modules(octet.engine.__path__))
for name in names:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(json.dumps({"modules": names, "django": loaded}))
"""


def engine_files() -> list[Path]:
    return sorted(ENGINE_DIR.glob("*.py"))


def test_importing_every_engine_module_loads_no_django():
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={"PATH": "", "PYTHONPATH": str(REPO_ROOT), "PYTHONHASHSEED": "0"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    expected = {f"octet.engine.{m.name}" for m in pkgutil.iter_modules(octet.engine.__path__)}
    assert set(report["modules"]) == expected
    assert {
        "octet.engine.grading",
        "octet.engine.irt",
        "octet.engine.knowledge",
        "octet.engine.smart_random",
    } <= expected
    assert report["django"] == []


def test_no_django_import_in_the_source():
    pattern = re.compile(r"^\s*(import\s+django|from\s+django)\b", re.MULTILINE)
    offenders = [path.name for path in engine_files() if pattern.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_no_django_import_in_the_syntax_tree():
    for path in engine_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not any(alias.name.split(".")[0] == "django" for alias in node.names), path.name
            elif isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] != "django", path.name
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "__import__"
            ):
                assert not any(
                    isinstance(arg, ast.Constant) and str(arg.value).startswith("django") for arg in node.args
                ), path.name


def test_smart_random_uses_no_hash_and_no_global_random():
    tree = ast.parse((ENGINE_DIR / "smart_random.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id != "hash"
        if isinstance(node, ast.Import):
            assert all(alias.name != "random" for alias in node.names)
        if isinstance(node, ast.ImportFrom):
            assert node.module != "random"


def test_engine_reads_no_clock():
    # Dates come in as arguments: the knowledge, grading and positioning rules never read the clock.
    for name in ("grading.py", "knowledge.py", "smart_random.py", "irt.py"):
        source = (ENGINE_DIR / name).read_text(encoding="utf-8")
        assert ".now(" not in source and "time.time(" not in source and "date.today(" not in source, name
