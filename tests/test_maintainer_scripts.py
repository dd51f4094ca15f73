"""The navigation generator and the re-execute command work, and running them twice changes nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def copy(tmp_path) -> Path:
    """A scratch copy of what the scripts read and write."""
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(
        ROOT / "scripts", tmp_path / "scripts", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks", ignore=shutil.ignore_patterns(".*"))
    (tmp_path / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "sanitize.cfg", tmp_path / "tests" / "sanitize.cfg")
    return tmp_path


def run(copy: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=copy, capture_output=True, text=True, timeout=300
    )


def snapshot(root: Path) -> dict[str, str]:
    files = [root / "README.md", *sorted((root / "notebooks").glob("*.ipynb"))]
    return {f.name: f.read_text() for f in files}


def test_navigation_restores_what_was_removed_and_is_idempotent(copy):
    before = snapshot(copy)
    nb_path = sorted((copy / "notebooks").glob("0[1-9]-*.ipynb"))[0]
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells = [c for c in nb.cells if c.get("id") not in {"nav-header", "nav-footer"}]
    nbformat.write(nb, nb_path)
    readme = copy / "README.md"
    readme.write_text(readme.read_text().replace("| 01 |", "| 99 |"))

    check = run(copy, "scripts/navigation.py", "--check")
    assert check.returncode == 1 and nb_path.name in check.stdout and "README.md" in check.stdout

    first = run(copy, "scripts/navigation.py")
    assert first.returncode == 0, first.stderr
    assert snapshot(copy) == before
    second = run(copy, "scripts/navigation.py")
    assert "current" in second.stdout and snapshot(copy) == before


def test_every_link_follows_the_one_repository_setting(copy):
    pyproject = copy / "pyproject.toml"
    old = "github.com/kmeans-in-depth/kmeans-in-depth"
    assert old in pyproject.read_text()
    pyproject.write_text(pyproject.read_text().replace(old, "github.com/someone/fork"))
    assert run(copy, "scripts/navigation.py").returncode == 0
    for name, text in snapshot(copy).items():
        assert old not in text, f"{name} still points at the old repository"
        assert "someone/fork" in text, name


def test_reexecute_reproduces_the_stored_index_exactly(copy):
    path = copy / "notebooks" / "00-Index.ipynb"
    stored = path.read_text()
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, path)
    res = run(copy, "scripts/reexecute.py", "notebooks/00-Index.ipynb")
    assert res.returncode == 0, res.stderr
    # Equal as strict nbval compares them: on another Python the setup check prints its own version.
    sys.path.insert(0, str(ROOT / "scripts"))
    from notebooks import comparable

    assert comparable(nbformat.reads(path.read_text(), as_version=4)) == comparable(
        nbformat.reads(stored, as_version=4)
    )
    rerun = path.read_text()
    again = run(copy, "scripts/reexecute.py", "notebooks/00-Index.ipynb")
    assert "unchanged" in again.stdout and path.read_text() == rerun


def test_a_rerun_on_another_python_leaves_the_stored_notebook_alone(copy):
    # Only the sanitized Python version differs, so re-executing changes no file.
    path = copy / "notebooks" / "00-Index.ipynb"
    text = path.read_text()
    other = "3.12" if "python        3.11" in text else "3.11"
    path.write_text(re.sub(r"(python +)3\.\d+", rf"\g<1>{other}", text, count=1))
    changed = path.read_text()
    res = run(copy, "scripts/reexecute.py", "notebooks/00-Index.ipynb")
    assert res.returncode == 0 and "unchanged" in res.stdout, res.stdout + res.stderr
    assert path.read_text() == changed


def test_reruns_that_differ_only_in_widget_ids_or_split_printing_count_as_unchanged():
    sys.path.insert(0, str(ROOT / "scripts"))
    from notebooks import WIDGET_VIEW, comparable, merge_streams

    def run_output(model_id, pieces):
        cell = nbformat.v4.new_code_cell("w", id="c")
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=t) for t in pieces]
        cell.outputs.append(
            nbformat.v4.new_output(
                "display_data", data={"text/plain": "w", WIDGET_VIEW: {"model_id": model_id}}
            )
        )
        return nbformat.v4.new_notebook(cells=[cell])

    first, second = run_output("aaa", ["a\n", "b\n"]), run_output("bbb", ["a\nb\n"])
    assert comparable(first) == comparable(second)
    timing, other_timing = run_output("a", ["0.31 s\n"]), run_output("a", ["0.29 s\n"])
    assert comparable(timing) != comparable(other_timing)
    for nb in (timing, other_timing):
        nb.cells[0].metadata["tags"] = ["nbval-ignore-output"]
    assert comparable(timing) == comparable(other_timing)
    assert comparable(first) != comparable(run_output("aaa", ["a\n", "c\n"]))
    merge_streams(first)
    assert [o.get("text") for o in first.cells[0].outputs] == ["a\nb\n", None]
