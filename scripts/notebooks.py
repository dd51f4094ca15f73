"""Shared helpers for the maintainer scripts: where the notebooks are and how they are read and written."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def notebook_paths(root: Path = ROOT) -> list[Path]:
    """The series in reading order: notebooks/NN-Title-With-Dashes.ipynb."""
    return sorted((root / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def repository_url(root: Path = ROOT) -> str:
    """The repository address, declared once in pyproject.toml's [project.urls]."""
    with open(root / "pyproject.toml", "rb") as f:
        url = tomllib.load(f)["project"]["urls"]["Repository"]
    return url.rstrip("/")


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def dumps(nb: nbformat.NotebookNode) -> str:
    """The exact text JupyterLab writes (indent 1, UTF-8, trailing newline)."""
    return nbformat.writes(nb) + "\n"


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def merge_streams(nb: nbformat.NotebookNode) -> None:
    """Join consecutive stdout (or stderr) outputs of a cell into one, as a reader sees them.

    The kernel may flush one cell's printing in several pieces, differently from run to run.
    """
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        merged = []
        for out in cell.outputs:
            prev = merged[-1] if merged else None
            if (
                out.output_type == "stream"
                and prev is not None
                and prev.output_type == "stream"
                and prev.name == out.name
            ):
                prev.text += out.text
            else:
                merged.append(out)
        cell.outputs = merged


def sanitize(text: str, root: Path = ROOT) -> str:
    """``text`` with nbval's sanitizers (tests/sanitize.cfg) applied, as strict nbval compares it."""
    cfg = root / "tests" / "sanitize.cfg"
    if cfg.exists():
        pairs = re.findall(r"^regex: (.*)$\n^replace: (.*)$", cfg.read_text(), flags=re.M)
        for regex, replace in pairs:
            text = re.sub(regex, replace, text)
    return text


def comparable(nb: nbformat.NotebookNode) -> str:
    """The notebook's text with what legitimately changes on every run blanked: widget model ids, the
    outputs of cells tagged ``nbval-ignore-output`` (timings, which the prose says vary), and what nbval's
    sanitizers hide (the Python version in the setup check)."""
    copy = nbformat.from_dict(nbformat.reads(nbformat.writes(nb), as_version=4))
    merge_streams(copy)
    copy.metadata.get("language_info", {}).pop("version", None)
    for cell in copy.cells:
        if "nbval-ignore-output" in cell.get("metadata", {}).get("tags", []):
            cell.outputs = []
        for out in cell.get("outputs", []):
            if "text" in out:
                out["text"] = sanitize(out["text"])
            for key, value in out.get("data", {}).items():
                if key.startswith("text/") and isinstance(value, str):
                    out["data"][key] = sanitize(value)
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view is not None:
                view["model_id"] = ""
    return dumps(copy)


def write(nb: nbformat.NotebookNode, path: Path) -> bool:
    """Write ``nb`` to ``path``; return True when the file changed."""
    text = dumps(nb)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
