"""What a learner installs is the wheel, not this tree: it must carry every module of fig_code.

Colab's setup cell and Binder install the package; every other test imports fig_code from the working tree,
so a module left out of the wheel (fig_code.checks once was) is invisible to them. This test builds the wheel
the way pip does for a learner and compares its contents with the tree. ``scripts/run_as_learner.py`` (run
by CI) then executes the notebooks against that wheel outside the repository.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel_files(tmp_path_factory) -> set[str]:
    # Build from a copy of what the sdist would hold, so no stale build/ folder can fill the gaps.
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "fig_code", src / "fig_code", ignore=shutil.ignore_patterns("__pycache__")
    )
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(src)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("kmeans_in_depth-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


def tree_files() -> set[str]:
    return {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "fig_code").rglob("*.py")
        if "__pycache__" not in p.parts
    }


def test_the_tree_has_subpackages_to_lose():
    # The comparison below only means something if fig_code has subpackages (fig_code.checks).
    assert any(len(Path(f).parts) > 2 for f in tree_files())


def test_every_module_of_fig_code_is_in_the_wheel(wheel_files):
    missing = sorted(tree_files() - wheel_files)
    assert not missing, f"the wheel leaves out {missing}: check [tool.setuptools.packages.find]"


def test_the_wheel_holds_fig_code_only(wheel_files):
    code = {f for f in wheel_files if f.endswith(".py")}
    assert code == tree_files(), f"unexpected modules in the wheel: {sorted(code - tree_files())}"


def test_every_package_directory_is_a_regular_package():
    # setuptools' find skips a folder without __init__.py (namespaces = false): make that loud here.
    for folder in {p.parent for p in (ROOT / "fig_code").rglob("*.py")}:
        if "__pycache__" in folder.parts:
            continue
        assert (folder / "__init__.py").exists(), f"{folder.relative_to(ROOT)} has no __init__.py"
