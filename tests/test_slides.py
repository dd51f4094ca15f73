"""Every notebook is also a lecture deck: ``jupyter nbconvert --to slides`` turns it into reveal.js slides.

For each notebook this checks the slide metadata (every cell has a slide type; the title opens a slide;
setup code is skipped; the lecture notebooks carry speaker notes) and builds the deck, without
executing anything, into a temporary directory: it must have six or more top-level slides, none of
them empty.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]

SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}
MIN_SLIDES = 6
# The contents page is a landing page, not a lecture: no speaker notes, no row in the teaching plan.
LECTURES = [p for p in NOTEBOOKS if not p.name.startswith("00-")]
LECTURE_IDS = [p.stem for p in LECTURES]


def _slide_type(cell) -> str | None:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type")


def _where(i: int, cell) -> str:
    first = cell.source.strip().splitlines()[0][:50] if cell.source.strip() else ""
    return f"cell {i} (id {cell.get('id')!r}, {cell.cell_type}: {first!r})"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_cell_has_slide_metadata(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    bad = [
        f"{_where(i, c)}: slide_type {_slide_type(c)!r}"
        for i, c in enumerate(nb.cells)
        if _slide_type(c) not in SLIDE_TYPES
    ]
    assert not bad, (
        f"{path.name}: every cell needs metadata.slideshow.slide_type, one of "
        f"{sorted(SLIDE_TYPES)}:\n" + "\n".join(bad)
    )
    assert _slide_type(nb.cells[0]) == "slide", f"{path.name}: the title cell must open a slide"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_setup_cells_are_skipped(path: Path) -> None:
    """Install and import plumbing is not lecture material: colab-setup and the setup cell are 'skip'."""
    nb = nbformat.read(path, as_version=4)
    setup = [
        (i, c)
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and (c.get("id") == "colab-setup" or "sns.set_theme(" in c.source)
    ]
    shown = [_where(i, c) for i, c in setup if _slide_type(c) != "skip"]
    assert not shown, f"{path.name}: setup cells must have slide_type 'skip':\n" + "\n".join(shown)


@pytest.mark.parametrize("path", LECTURES, ids=LECTURE_IDS)
def test_lecture_has_speaker_notes(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    notes = [c for c in nb.cells if _slide_type(c) == "notes"]
    assert notes, f"{path.name}: add a few speaker-notes cells (slide_type 'notes')"
    empty = [c.get("id") for c in notes if not c.source.strip()]
    assert not empty, f"{path.name}: empty speaker-notes cells: {empty}"


class _Slides(HTMLParser):
    """Collect the top-level ``<section>`` elements of a reveal.js deck, with their visible content."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # <section> nesting
        self.slides: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            if self.depth == 0:
                self.slides.append({"text": "", "images": 0})
            self.depth += 1
        elif tag in ("img", "svg") and self.depth:
            self.slides[-1]["images"] += 1

    def handle_endtag(self, tag):
        if tag == "section" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.slides[-1]["text"] += data


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, str]:
    """Build every deck with ONE ``jupyter nbconvert --to slides`` run (no execution)."""
    out = tmp_path_factory.mktemp("slides")
    cmd = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "slides", "--output-dir", str(out)]
    result = subprocess.run(
        cmd + [str(p) for p in NOTEBOOKS], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"jupyter nbconvert --to slides failed:\n{result.stderr}"
    built = {}
    for path in NOTEBOOKS:
        deck = out / f"{path.stem}.slides.html"
        if deck.is_file():
            built[path.name] = deck.read_text(encoding="utf-8")
    return built


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_deck_has_six_or_more_slides(path: Path, decks: dict[str, str]) -> None:
    assert path.name in decks, f"nbconvert wrote no deck for {path.name}"
    html = decks[path.name]
    assert 'class="reveal"' in html, f"{path.name}: the output is not a reveal.js deck"
    parser = _Slides()
    parser.feed(html)
    slides = parser.slides
    assert len(slides) >= MIN_SLIDES, (
        f"{path.name}: the deck has {len(slides)} top-level slides; a lecture needs {MIN_SLIDES} or "
        "more (give each idea its own slide_type 'slide')"
    )
    empty = [i for i, s in enumerate(slides, 1) if not s["text"].strip() and not s["images"]]
    assert not empty, f"{path.name}: empty slides (numbers {empty})"


def _teaching_plan() -> dict[str, list[str]]:
    """The rows of the README's "Teaching with this series" table, by notebook number."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Teaching with this series" in text, "README.md lacks 'Teaching with this series'"
    section = text.split("## Teaching with this series", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        m = re.match(r"\|\s*\[(\d\d) ", line)  # | [01 Introducing K-Means](notebooks/...) | ...
        if m:
            rows[m.group(1)] = [c.strip() for c in line.strip().strip("|").split("|")]
    return rows


@pytest.mark.parametrize("path", LECTURES, ids=LECTURE_IDS)
def test_readme_teaching_plan_matches_notebook(path: Path) -> None:
    """The README's plan gives each lecture its own time and names only headings that exist."""
    rows = _teaching_plan()
    number = path.name[:2]
    assert number in rows, f"README 'Teaching with this series' has no row for {path.name}"
    link, time, present, pause = rows[number]
    assert f"(notebooks/{path.name})" in link, f"the row for {number} must link {path.name}"
    nb = nbformat.read(path, as_version=4)
    minutes = nb.metadata["kmeans_in_depth"]["minutes"]
    assert time == f"{minutes} min", (
        f"README gives {time!r} for {path.name}; its metadata says {minutes} min"
    )
    headings = {
        line.lstrip("#").strip()
        for cell in nb.cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if line.startswith("#")
    }
    quoted = re.findall(r'"([^"]+)"', present + " " + pause)
    unknown = [q for q in quoted if q not in headings]
    assert not unknown, f"README quotes headings that {path.name} does not have: {unknown}"
