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
def colab(monkeypatch):
    """A stand-in for Colab's ``google.colab`` module that records enabling the custom widget manager."""
    enabled = []
    module = types.ModuleType("google.colab")
    module.output = types.SimpleNamespace(enable_custom_widget_manager=lambda: enabled.append(True))
    google = types.ModuleType("google")
    google.colab = module
    monkeypatch.setitem(sys.modules, "google", google)
    monkeypatch.setitem(sys.modules, "google.colab", module)
    return enabled


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
def test_on_colab_it_installs_fig_code_from_the_repository(path, calls, colab):
    exec(compile(colab_cell(path), str(path), "exec"), {})
    assert len(calls) == 1
    args, kwargs = calls[0]
    assert args[:4] == [sys.executable, "-m", "pip", "install"]
    # No --upgrade: what Colab preinstalls (ipywidgets 7.7.1) stays, so no runtime restart is needed.
    assert not {"-U", "--upgrade", "--force-reinstall"} & set(args)
    extras = nbformat.read(path, as_version=4).metadata.get("kmeans_in_depth", {}).get("extras")
    name = "kmeans-in-depth" + (f"[{','.join(extras)}]" if extras else "")
    assert f"{name} @ git+{repository_url(ROOT)}" in args
    assert kwargs.get("check") is True
    assert colab == [True], "Colab needs its custom widget manager for third-party widgets"
