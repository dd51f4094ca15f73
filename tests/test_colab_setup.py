"""The generated Colab cell installs fig_code on Colab only, and is silent everywhere else."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from notebooks import notebook_paths, repository_url  # noqa: E402

PATHS = notebook_paths(ROOT)


def colab_cell(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    cells = [c for c in nb.cells if c.get("id") == "colab-setup"]
    assert len(cells) == 1, "exactly one generated colab-setup cell"
    assert cells[0].cell_type == "code"
    assert cells[0].outputs == [], "the stored Colab cell printed something outside Colab"
    return cells[0].source


@pytest.fixture
def calls(monkeypatch):
    seen = []

    def fake_run(args, **kwargs):
        seen.append((list(args), kwargs))
        return subprocess.CompletedProcess(args, 0)

    monkeypatch.setattr(subprocess, "run", fake_run)
    return seen


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_outside_colab_it_does_nothing_and_prints_nothing(path, calls, capsys, monkeypatch):
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    exec(compile(colab_cell(path), str(path), "exec"), {})
    assert calls == []
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_on_colab_it_installs_fig_code_from_the_repository(path, calls, monkeypatch):
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    exec(compile(colab_cell(path), str(path), "exec"), {})
    assert len(calls) == 1
    args, kwargs = calls[0]
    assert args[:4] == [sys.executable, "-m", "pip", "install"]
    assert f"git+{repository_url(ROOT)}" in args
    assert kwargs.get("check") is True
