"""Build one reveal.js deck per numbered notebook into ``slides/``, rendering with no network at all.

Usage::

    python scripts/slides.py              # every numbered notebook -> slides/NN-Name.slides.html
    python scripts/slides.py 02 04        # only these (a number, a file name or a path)
    python scripts/slides.py --output-dir /tmp/decks 02

Open ``slides/02-Expectation-Maximization.slides.html`` in a browser (double-click is enough: nothing is
fetched). Right arrow: next topic; down arrow: the details of a topic; ``s``: the speaker view with the
notes; ``f``: full screen. The ``slides/`` folder is self-contained (git ignores it): copy the whole folder
to a USB stick or a classroom computer.

Where reveal.js comes from, and why
-----------------------------------
nbconvert 7.17's reveal template loads reveal.js 4.0.2 (CSS, theme, ``dist/reveal.js``, the notes plugin),
jQuery 2.0.3, require.js 2.1.10, mermaid 11 and MathJax 2.7.7 from CDNs, plus the widgets' HTML manager
when a notebook stores widget state. This script renders with its own template
(``scripts/slides_template/offline_reveal``, extending nbconvert's) that loads:

- reveal.js 5.2.1 (MIT) and the Source Sans Pro font of its "white" theme (SIL OFL), from a small
  **vendored copy** in ``scripts/vendor/reveal.js/`` (licences included, about 0.7 MB, only the files a deck
  loads; ``scripts/vendor/README.md`` says where each file comes from and how to update it);
- KaTeX 0.16.22 (MIT) for the few formulas, vendored the same way in ``scripts/vendor/katex/`` (about
  0.6 MB; a local MathJax 2 is 10 times larger and no pip package the series already installs ships
  either);
- no jQuery and no require.js: reveal.js is loaded with a plain ``<script>`` tag, and jQuery only served
  the template's "scroll" option, which stays off; no mermaid (a notebook that uses it is refused); no
  widget manager (a deck is built from stored outputs, there is no kernel: a widget shows its still
  picture or its text, and the live demo happens in JupyterLab, see below).

A vendored copy, rather than one taken from an installed package at build time, because learners and CI
only ``pip install -r requirements.txt``, and no package there ships reveal.js (nbconvert links to a CDN);
``npm`` is not part of the set-up. Each build copies ``scripts/vendor/*`` next to the decks.

The design size stays reveal.js's default, 960 x 700 px. On a 1280 x 720 screen reveal.js scales it by
min(0.96 * 1280 / 960, 0.96 * 720 / 700) = 0.987, so text set at 20 px shows at 19.7 px and code at
``CODE_FONT_PX`` = 16 px shows at 15.8 px (the issue asks for at least 14).

How to make a deck fit (for notebook authors)
---------------------------------------------
Every slide must fit in 960 x 700 design pixels: the browser test fails on any slide whose content is
taller than 700 px and on any code block wider than the slide. Fit by structure, not by shrinking:

1. **Slide types** (JupyterLab: right sidebar, property inspector (gear icon), "Slide Type"; stored as
   ``metadata.slideshow.slide_type``):

   - ``slide``: a new topic (right arrow). Give each H2 section one.
   - ``subslide``: a new slide below the current topic (down arrow). Use it to split a section: the
     motivation on one, code and figure on the next, the interpretation on a third.
   - ``fragment``: appears on the same slide at the next key press. It still takes its room on the slide
     (the slide must fit with every fragment shown), so fragments are for suspense, not for space.
   - ``-`` (continue): stays on the current slide.
   - ``notes``: speaker notes, shown only in the speaker view (``s``). Start them with "Instructor:".
   - ``skip``: not in the deck at all (setup cells, plumbing that the notebook reader needs but the room
     does not).

2. **Hide plumbing code**: tag a code cell ``hide-input-on-slides`` (JupyterLab: property inspector,
   "Cell Tags", add tag) and the deck shows only its output, e.g. the figure, while the notebook still
   shows the code. Use it for plotting cells whose code is not the point of the slide.

3. **Code width**: a slide is 960 px wide and code is set at 16 px in DejaVu Sans Mono (9.6 px a
   character), so a code line or a printed line holds at most ``MAX_CODE_CHARS`` = 96 characters on a
   slide, indentation included (the formatter's 100 is too wide). Printed output obeys the same limit:
   print fewer numbers a line.

4. **Figure sizes**: figures are stored at 100 dpi (``fig_code.new_figure`` and matplotlib's default),
   so ``figsize=(w, h)`` is about ``100 w`` x ``100 h`` px, and a deck shows a figure at that size,
   scaled down to the slide's 960 px width when it is wider: a figure wider than 9.6 inches takes
   ``960 * h / w`` px of height. Budget the 700 px: a heading takes about 70 px, a line of text 26 px, a
   line of code 20 px. Under a heading and two lines of text a figure can take 560 px:
   ``w / h >= 1.7``, e.g. ``figsize=(12, 7)``; with five lines of code above it as well, 450 px:
   ``figsize=(12, 5.5)``. Prefer wide figures (panels side by side, ``(12, 4.5)``: 360 px) to tall
   grids: a 2 x 4 grid at ``(16, 8.5)`` (510 px) leaves room for a heading and one sentence, so hide
   its code (point 2) and move its interpretation to the next subslide or to the notes.

5. **Long interpretation into notes**: keep one or two sentences that say what to see in the figure on
   the slide; move the rest of the explanation into a following ``notes`` cell (the notebook reader
   sees it as ordinary text).

6. **Live demos**: on the slide where a live demo belongs (a widget that needs a kernel), tag the cell
   ``live-demo`` and give it ``metadata.live_demo``::

       "live_demo": {"slide": "Live demo in JupyterLab: step through K-means",
                     "notes": "Instructor: run the notebook, click Next three times, then Play, ..."}

   (JupyterLab: property inspector, "Advanced Tools", cell metadata.) The deck then shows the one line
   ``slide`` at the top of that cell and adds ``notes`` (what to click) to its speaker notes. A plain
   string is taken as the notes, with the line "Live demo in JupyterLab" on the slide.

Check one deck (builds it, then walks every slide in headless Chromium at 1280 x 720, network blocked,
and prints each offending slide as "h/v: height px, first words")::

    python scripts/slides.py 02 && python -m pytest tests/test_slides.py -q -k 02

Look at ``slides/02-Expectation-Maximization.slides.html`` yourself and at the screenshots the test
saves in ``tests/screenshots/slides/``.
"""

from __future__ import annotations

import argparse
import copy
import html
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert.exporters import SlidesExporter
from nbconvert.preprocessors import Preprocessor
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = ROOT / "notebooks"
OUTPUT_DIR = ROOT / "slides"
VENDOR = Path(__file__).resolve().parent / "vendor"
TEMPLATES = Path(__file__).resolve().parent / "slides_template"
TEMPLATE_NAME = "offline_reveal"
REVEAL_DIR = "reveal.js"  # relative to the deck

# Reveal.js's default design size; every slide must fit it.
WIDTH, HEIGHT = 960, 700
CODE_FONT_PX = 16
# DejaVu Sans Mono (and Menlo, Consolas) advance 0.602 em a character (9.63 px at 16 px). A code block
# takes 20 px of border and padding; 10 px more are kept as a margin for other monospace fonts.
CHAR_WIDTH_EM = 0.602
CODE_PADDING_PX = 30
MAX_CODE_CHARS = int((WIDTH - CODE_PADDING_PX) // (CODE_FONT_PX * CHAR_WIDTH_EM))

HIDE_INPUT_TAG = "hide-input-on-slides"
LIVE_DEMO_TAG = "live-demo"
LIVE_DEMO_DEFAULT_LINE = "Live demo in JupyterLab"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
MATH = re.compile(r"\$[^$\s][^$]*\$|\\\(|\\\[")


def _slide_type(cell) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def live_demo_text(cell) -> tuple[str, str]:
    """The one line for the slide and the speaker note of a cell tagged ``live-demo``.

    >>> from nbformat.v4 import new_code_cell
    >>> cell = new_code_cell("w()", metadata={"tags": ["live-demo"], "live_demo": "Click Next."})
    >>> live_demo_text(cell)
    ('Live demo in JupyterLab', 'Click Next.')
    """
    meta = cell.get("metadata", {}).get("live_demo")
    if isinstance(meta, str):
        line, notes = LIVE_DEMO_DEFAULT_LINE, meta
    elif isinstance(meta, dict):
        line = meta.get("slide") or LIVE_DEMO_DEFAULT_LINE
        notes = meta.get("notes", "")
    else:
        line, notes = LIVE_DEMO_DEFAULT_LINE, ""
    if not str(notes).strip():
        raise ValueError(
            f"cell {cell.get('id')!r} is tagged {LIVE_DEMO_TAG!r} but has no metadata.live_demo notes: "
            'add "live_demo": {"slide": "one line for the slide", "notes": "what to click"}'
        )
    return str(line).strip(), str(notes).strip()


class SlidesPreprocessor(Preprocessor):
    """Prepare a notebook for a deck built from its stored outputs.

    - ``hide-input-on-slides``: the cell's code is left out, its output stays;
    - ``live-demo``: a one-line banner (``metadata.live_demo.slide``) above the cell's content and a
      speaker-notes cell (``metadata.live_demo.notes``) right after it;
    - widget outputs show their text (there is no kernel in a deck), and the notebook's stored widget
      state is dropped, so no widget manager is loaded from the network;
    - a notebook with a mermaid diagram is refused (mermaid would come from a CDN).
    """

    def preprocess(self, nb, resources):
        nb = copy.deepcopy(nb)
        nb.metadata.pop("widgets", None)
        cells = []
        for cell in nb.cells:
            tags = cell.get("metadata", {}).get("tags", [])
            if "```mermaid" in cell.source:
                raise ValueError(
                    f"cell {cell.get('id')!r} has a mermaid diagram: the decks load no mermaid "
                    "(it would come from a CDN); use a figure instead"
                )
            if cell.cell_type == "code":
                for output in cell.get("outputs", []):
                    data = output.get("data", {})
                    if WIDGET_MIME in data and len(data) > 1:
                        del data[WIDGET_MIME]
            if HIDE_INPUT_TAG in tags:
                cell.metadata["transient"] = {"remove_source": True}
            cells.append(cell)
            if LIVE_DEMO_TAG in tags:
                line, notes = live_demo_text(cell)
                banner = f'<p class="live-demo"><strong>{html.escape(line)}</strong></p>'
                if cell.cell_type == "markdown":
                    cell.source = banner + "\n\n" + cell.source
                else:
                    # A markdown cell in the code cell's place, carrying its slide type; the code
                    # cell continues that slide.
                    cells.insert(
                        len(cells) - 1,
                        nbformat.v4.new_markdown_cell(
                            banner, metadata={"slideshow": {"slide_type": _slide_type(cell)}}
                        ),
                    )
                    cell.metadata.setdefault("slideshow", {})["slide_type"] = "-"
                cells.append(
                    nbformat.v4.new_markdown_cell(
                        notes, metadata={"slideshow": {"slide_type": "notes"}}
                    )
                )
        nb.cells = cells
        resources.setdefault("slides", {})["math"] = any(
            c.cell_type == "markdown" and _slide_type(c) not in ("skip",) and MATH.search(c.source)
            for c in nb.cells
        )
        return nb, resources


def exporter() -> SlidesExporter:
    config = Config()
    config.SlidesExporter.reveal_url_prefix = REVEAL_DIR
    config.SlidesExporter.reveal_theme = "white"
    config.SlidesExporter.reveal_width = str(WIDTH)
    config.SlidesExporter.reveal_height = str(HEIGHT)
    config.SlidesExporter.exclude_input_prompt = True
    config.SlidesExporter.exclude_output_prompt = True
    ex = SlidesExporter(
        config=config,
        extra_template_basedirs=[str(TEMPLATES)],
        template_name=TEMPLATE_NAME,
    )
    return ex


def numbered_notebooks() -> list[Path]:
    return sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


def resolve(selection: list[str]) -> list[Path]:
    """Notebooks named by number (``02``), file name or path; all numbered notebooks when empty."""
    every = numbered_notebooks()
    if not selection:
        return every
    chosen = []
    for name in selection:
        path = Path(name)
        if path.suffix == ".ipynb" and path.is_file():
            chosen.append(path.resolve())
            continue
        found = [p for p in every if p.name.startswith(name) or p.stem == name]
        if len(found) != 1:
            names = ", ".join(p.name[:2] for p in every)
            raise SystemExit(f"slides.py: no single notebook matches {name!r} (numbers: {names})")
        chosen.append(found[0])
    return chosen


def copy_assets(output_dir: Path) -> None:
    """Put the vendored reveal.js and KaTeX next to the decks (replacing older copies)."""
    for folder in sorted(VENDOR.iterdir()):
        if folder.is_dir():
            target = output_dir / folder.name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(folder, target)


def build_deck(path: Path, output_dir: Path = OUTPUT_DIR) -> Path:
    """Write ``output_dir/<notebook stem>.slides.html`` (assets copied beside it); return its path."""
    output_dir.mkdir(parents=True, exist_ok=True)
    nb = nbformat.read(path, as_version=4)
    resources = {
        "metadata": {"name": path.stem, "path": str(path.parent)},
        "slides": {"code_font_px": CODE_FONT_PX, "height": HEIGHT, "math": False},
    }
    # Before the exporter's own preprocessors: nbconvert's reveal preprocessor must see the cells
    # this one adds (live-demo banners and notes) to place them on the right slides.
    nb, resources = SlidesPreprocessor().preprocess(nb, resources)
    body, _ = exporter().from_notebook_node(nb, resources=resources)
    deck = output_dir / f"{path.stem}.slides.html"
    deck.write_text(body, encoding="utf-8")
    return deck


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("notebooks", nargs="*", help="numbers (02), names or paths; default: all")
    parser.add_argument("--output-dir", type=Path, default=OUTPUT_DIR)
    args = parser.parse_args(argv)
    paths = resolve(args.notebooks)
    output_dir = args.output_dir.resolve()
    output_dir.mkdir(parents=True, exist_ok=True)
    copy_assets(output_dir)
    for path in paths:
        deck = build_deck(path, output_dir)
        try:
            shown = deck.relative_to(Path.cwd())
        except ValueError:
            shown = deck
        print(f"wrote {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
