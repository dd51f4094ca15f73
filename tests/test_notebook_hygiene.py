"""Notebook hygiene: what strict nbval alone does not catch in the stored notebooks."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import navigation  # noqa: E402

from notebooks import notebook_paths  # noqa: E402

PATHS = notebook_paths(ROOT)
IDS = [p.name for p in PATHS]
MACHINE_PATH = re.compile(
    r"(/root/|/home/\w|/tmp/|/work/|/Users/\w|[A-Za-z]:\\\\|site-packages|\.venv|/usr/lib/python)"
)
MAX_BYTES = 3 * 1024 * 1024


def load(path: Path):
    return nbformat.read(path, as_version=4)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def text_of(output) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    data = output.get("data", {})
    return "\n".join(str(data[k]) for k in data if k.startswith("text/"))


def test_the_series_is_there():
    names = [p.name for p in PATHS]
    assert names[0] == "00-Index.ipynb"
    assert len(names) >= 5, names
    for name in names:
        assert re.fullmatch(r"\d\d-[A-Z][A-Za-z0-9]*(-[A-Za-z0-9]+)*\.ipynb", name), name


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_executed_top_to_bottom_in_one_kernel(path):
    counts = [c.execution_count for c in code_cells(load(path))]
    assert counts == list(range(1, len(counts) + 1)), f"execution counts {counts}"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_no_errors_and_nothing_on_stderr(path):
    for i, cell in enumerate(code_cells(load(path))):
        for out in cell.outputs:
            assert out.output_type != "error", f"code cell {i} stored an error: {out.get('ename')}"
            if out.output_type == "stream":
                assert out.name == "stdout", f"code cell {i} wrote to stderr: {out.text[:200]!r}"
            for text in (text_of(out),):
                assert "Warning" not in text, f"code cell {i} shows a warning: {text[:200]!r}"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_kernelspec_is_python3(path):
    assert load(path).metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_exactly_one_h1_in_the_first_cell_and_headings_in_order(path):
    nb = load(path)
    levels = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        in_fence = False
        for line in cell.source.splitlines():
            if line.lstrip().startswith("```"):
                in_fence = not in_fence
            m = re.match(r"(#{1,6}) \S", line)
            if m and not in_fence:
                levels.append((i, len(m.group(1)), line))
    h1 = [x for x in levels if x[1] == 1]
    assert len(h1) == 1 and h1[0][0] == 0, f"want one H1, in the first cell; got {h1}"
    for (_, prev, _), (i, level, line) in zip(levels, levels[1:], strict=False):
        assert level <= prev + 1, f"cell {i}: heading {line!r} skips a level after H{prev}"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_no_machine_paths_in_outputs(path):
    for i, cell in enumerate(code_cells(load(path))):
        for out in cell.outputs:
            m = MACHINE_PATH.search(text_of(out))
            assert not m, f"code cell {i} shows a machine path: {m.group(0)!r}"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_notebook_under_3_mb(path):
    assert path.stat().st_size < MAX_BYTES, f"{path.stat().st_size / 1e6:.1f} MB"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_relative_links_resolve(path):
    for cell in load(path).cells:
        if cell.cell_type != "markdown":
            continue
        for target in re.findall(r"\]\(([^)\s]+)\)", cell.source):
            url = urlparse(target)
            if url.scheme or target.startswith("#"):
                continue
            assert (path.parent / unquote(url.path)).exists(), f"broken link {target!r}"


def test_readme_links_resolve():
    text = (ROOT / "README.md").read_text()
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        url = urlparse(target)
        if url.scheme or target.startswith("#"):
            continue
        assert (ROOT / unquote(url.path)).exists(), f"README: broken link {target!r}"


def test_navigation_cells_contents_and_links_are_current():
    drift = navigation.update(ROOT, write=False)
    assert drift == [], f"run `python scripts/navigation.py`; out of date: {drift}"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_generated_cells_are_where_they_belong(path):
    ids = [c.get("id") for c in load(path).cells]
    assert ids[0] == "title"
    assert ids[1] == "nav-header"
    assert ids[2] == "colab-setup"
    assert ids[-1] == "nav-footer"


@pytest.mark.parametrize("path", [p for p in PATHS if not p.name.startswith("00-")], ids=IDS[1:])
def test_objectives_first_key_points_last(path):
    nb = load(path)
    assert re.search(r"learning objectives", nb.cells[0].source, flags=re.I), (
        "objectives in the title cell"
    )
    md = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert any(re.match(r"## Key points", s) for s in md[-3:]), (
        "a '## Key points' cell near the end"
    )
    assert any("<details>" in s and "Solution" in s for s in md), "exercises with hidden solutions"


def _kmeans_calls_without(tree, required=("n_init", "random_state")):
    missing = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if name in {"KMeans", "MiniBatchKMeans"}:
                kws = {k.arg for k in node.keywords}
                if None in kws:  # **kwargs: cannot tell statically
                    continue
                absent = [r for r in required if r not in kws]
                if absent:
                    missing.append((node.lineno, absent))
    return missing


def _notebook_code(path):
    src = []
    for cell in code_cells(load(path)):
        lines = [ln for ln in cell.source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
        src.append("\n".join(lines))
    return "\n\n".join(src)


@pytest.mark.parametrize(
    "path",
    PATHS + sorted((ROOT / "fig_code").rglob("*.py")) + sorted((ROOT / "benchmarks").glob("*.py")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_every_kmeans_has_explicit_n_init_and_random_state(path):
    code = _notebook_code(path) if path.suffix == ".ipynb" else path.read_text()
    bad = _kmeans_calls_without(ast.parse(code))
    assert not bad, f"KMeans without explicit n_init / random_state at lines {bad}"


def test_the_kmeans_call_check_can_fail():
    assert _kmeans_calls_without(ast.parse("KMeans(4)")) == [(1, ["n_init", "random_state"])]
    assert _kmeans_calls_without(ast.parse("KMeans(4, n_init=1, random_state=0)")) == []


NUMBER_IN_PROSE = re.compile(r"(?<![\w.,])(\d+\.\d+|\d{1,3}(?:,\d{3})+)(?![\w.]*\d)")


def prose_numbers(markdown: str) -> set[str]:
    """Decimals (0.94) and grouped thousands (96,615) in prose; code, links and math are left out."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\$[^$]*\$", " ", text)
    return set(NUMBER_IN_PROSE.findall(text))


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_numbers_in_the_prose_come_from_cell_outputs(path):
    nb = load(path)
    outputs = " ".join(text_of(o) for c in code_cells(nb) for o in c.outputs)
    sources = " ".join(c.source for c in code_cells(nb))
    missing = []
    for cell in nb.cells:
        if cell.cell_type != "markdown" or cell.get("id") in {
            "nav-header",
            "nav-footer",
            "contents",
        }:
            continue
        for number in prose_numbers(cell.source):
            plain = number.replace(",", "")
            if not any(n in outputs for n in (number, plain)) and plain not in sources:
                missing.append(number)
    assert not missing, (
        f"numbers typed into the prose that no cell prints (print them, or refer to the output): "
        f"{sorted(set(missing))}"
    )


def test_the_prose_number_check_can_fail():
    assert prose_numbers("accuracy 0.94 and 96,615 colours, `0.5` and $1.5$ left out") == {
        "0.94",
        "96,615",
    }


def _described(cells, i: int) -> bool:
    """A markdown cell (not speaker notes, not the footer) within the two cells after cell ``i``."""
    for cell in cells[i + 1 : i + 3]:
        notes = cell.metadata.get("slideshow", {}).get("slide_type") == "notes"
        if cell.cell_type == "markdown" and not notes and cell.get("id") != "nav-footer":
            return True
    return False


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_every_figure_is_described_in_the_text_beside_it(path):
    cells = load(path).cells
    bare = [
        cell.get("id", i)
        for i, cell in enumerate(cells)
        if cell.cell_type == "code"
        and any("image/png" in o.get("data", {}) for o in cell.outputs)
        and not _described(cells, i)
    ]
    assert not bare, f"figures with no sentence after them saying what to see: cells {bare}"


RAINBOW = re.compile(
    r"""["'](jet|rainbow|gist_rainbow|hsv|nipy_spectral|gist_ncar|turbo)(_r)?["']"""
)


@pytest.mark.parametrize(
    "path",
    PATHS + sorted((ROOT / "fig_code").rglob("*.py")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_no_rainbow_colormaps(path):
    code = _notebook_code(path) if path.suffix == ".ipynb" else path.read_text()
    found = RAINBOW.findall(code)
    assert not found, f"rainbow-like colormaps are not colour-blind safe: {found}"


def test_the_colormap_check_can_fail():
    assert RAINBOW.findall('plt.scatter(x, y, cmap="jet")') == [("jet", "")]
    assert RAINBOW.findall('cmap="viridis"') == []


NOTE_MARKER = "**For the instructor:**"
MAX_PROSE_WORDS = 2500


def _slide_type(cell) -> str | None:
    return cell.metadata.get("slideshow", {}).get("slide_type")


def prose_words(nb) -> int:
    """Words a learner reads: markdown, leaving out instructor notes and folded solutions."""
    words = 0
    for cell in nb.cells:
        if cell.cell_type != "markdown" or _slide_type(cell) == "notes":
            continue
        text = re.sub(r"<details>.*?</details>", " ", cell.source, flags=re.S)
        words += len(text.split())
    return words


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_instructor_notes_say_they_are_for_the_instructor(path):
    # A learner working alone reads notes cells as ordinary text: they must not look like orders to them.
    for i, cell in enumerate(load(path).cells):
        if cell.cell_type == "markdown" and _slide_type(cell) == "notes":
            assert cell.source.lstrip().startswith(NOTE_MARKER), (
                f"cell {i} is an instructor note that does not begin with {NOTE_MARKER!r}: "
                f"{cell.source[:80]!r}"
            )


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_prose_fits_the_stated_time(path):
    words = prose_words(load(path))
    assert words <= MAX_PROSE_WORDS, f"{words} words of prose (at most {MAX_PROSE_WORDS})"


def test_the_prose_word_count_leaves_out_notes_and_solutions():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("one two three"),
        nbformat.v4.new_markdown_cell("four <details><summary>S</summary> a b c d </details> five"),
        nbformat.v4.new_markdown_cell("x y z", metadata={"slideshow": {"slide_type": "notes"}}),
    ]
    assert prose_words(nb) == 5
