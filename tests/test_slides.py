"""Every notebook is also a lecture deck that fits the screen and works offline (``scripts/slides.py``).

Structure (no browser): every cell has a slide type, the title opens a slide, setup code is skipped,
lectures carry speaker notes, every ``live-demo`` cell says what to click, and the README's teaching plan
names only headings that exist.

In the browser (marked ``browser``): each deck is built with ``scripts/slides.py`` into a temporary
folder and opened from ``file://`` in headless Chromium (Debian's ``chromium``, driven by Playwright) at
1280 x 720, with every request that is not a local file aborted. The test waits for reveal.js to be
ready, then visits every slide through reveal.js's API (``Reveal.getSlides()``, ``Reveal.slide(h, v, f)``,
all fragments shown) and fails, listing each offending slide as ``h/v: height, first words``, on

- a deck that does not start (reveal.js not ready within the timeout, an uncaught page error), that
  tried to fetch anything from the network, that lacks the speaker-notes plugin (or, for a lecture,
  any speaker note) or that has an empty slide;
- a slide whose content is taller than the design height (700 px);
- a code or output block (``pre``) that is wider than its box or than the slide (its lines are cut);
- code set smaller than 14 px on the 1280 x 720 screen, or a design size larger than 960 x 700.

Screenshots of the first slide, the tallest slides and the first offending slides of each deck go to
``tests/screenshots/slides/`` (git-ignored): look at them. One deck: ``-k 02``. Locally the browser test
skips, saying why, without Playwright or Chromium; with ``CI=true`` that is a failure.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
IDS = [p.stem for p in NOTEBOOKS]
SCREENSHOTS = ROOT / "tests" / "screenshots" / "slides"

SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}
# The contents page is a landing page, not a lecture: no speaker notes, no row in the teaching plan.
LECTURES = [p for p in NOTEBOOKS if not p.name.startswith("00-")]
LECTURE_IDS = [p.stem for p in LECTURES]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

SCREEN = {"width": 1280, "height": 720}
DESIGN = (960, 700)  # reveal.js's default design size: the decks may use it or a smaller one
MIN_CODE_PX = 14  # code on the 1280 x 720 screen, in pixels
READY_TIMEOUT = 30  # s: a deck is local, it starts in about a second
TALLEST_SHOTS = 2
OFFENDING_SHOTS = 3


def _load_slides_script():
    spec = importlib.util.spec_from_file_location("slides_script", ROOT / "scripts" / "slides.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


slides_script = _load_slides_script()


def _slide_type(cell) -> str | None:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type")


def _where(i: int, cell) -> str:
    first = cell.source.strip().splitlines()[0][:50] if cell.source.strip() else ""
    return f"cell {i} (id {cell.get('id')!r}, {cell.cell_type}: {first!r})"


# --------------------------------------------------------------------------------------------------
# Structure
# --------------------------------------------------------------------------------------------------
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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_live_demos_say_what_to_click(path: Path) -> None:
    """A widget needs a kernel: its slide announces the live demo, and its notes say what to click."""
    nb = nbformat.read(path, as_version=4)
    demos = [
        (i, c)
        for i, c in enumerate(nb.cells)
        if slides_script.LIVE_DEMO_TAG in c.get("metadata", {}).get("tags", [])
    ]
    for i, cell in demos:
        try:
            slides_script.live_demo_text(cell)
        except ValueError as exc:
            pytest.fail(f"{path.name}: {_where(i, cell)}: {exc}", pytrace=False)
        assert _slide_type(cell) != "skip", (
            f"{path.name}: {_where(i, cell)} is a live demo: not skip"
        )
    widgets = [
        _where(i, c)
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and any(WIDGET_MIME in o.get("data", {}) for o in c.outputs)
    ]
    if widgets:
        assert demos, (
            f"{path.name} shows a widget ({widgets[0]}) but no cell is tagged "
            f"{slides_script.LIVE_DEMO_TAG!r}: tag the cell where the live demo belongs and give it "
            'metadata "live_demo": {"slide": "one line", "notes": "what to click"} '
            "(see scripts/slides.py)"
        )


def _tiny_notebook():
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    def cell(make, source, slide_type, **meta):
        return make(source, metadata={"slideshow": {"slide_type": slide_type}, **meta})

    return new_notebook(
        cells=[
            cell(new_markdown_cell, "# Title", "slide"),
            cell(new_code_cell, "plumbing_is_hidden = 1", "-", tags=["hide-input-on-slides"]),
            cell(new_code_cell, "code_is_shown = 2", "-"),
            cell(new_markdown_cell, "## Watch it run", "slide"),
            cell(
                new_code_cell,
                "widget_cell()",
                "subslide",
                tags=["live-demo"],
                live_demo={"slide": "Live demo: the widget", "notes": "Instructor: click Next."},
            ),
        ]
    )


def test_preprocessor_hides_tagged_input_and_announces_live_demos(tmp_path: Path) -> None:
    nb = _tiny_notebook()
    path = tmp_path / "99-Tiny.ipynb"
    nbformat.write(nb, path)
    html_text = slides_script.build_deck(path, tmp_path).read_text(encoding="utf-8")
    assert "plumbing_is_hidden" not in html_text
    assert "code_is_shown" in html_text
    banner = html_text.index('class="live-demo"')
    assert "Live demo: the widget" in html_text[banner : banner + 200]
    notes = html_text.index('<aside class="notes">', banner)
    assert "Instructor: click Next." in html_text[notes : notes + 500]
    assert html_text.index("widget_cell") < notes, "the notes follow the live-demo cell"
    assert "https://" not in re.sub(r"/\*.*?\*/", "", html_text, flags=re.S).replace(
        "https://revealjs.com", ""
    )


def test_live_demo_banner_goes_under_a_markdown_heading() -> None:
    from nbformat.v4 import new_markdown_cell, new_notebook

    demo = new_markdown_cell(
        "## Watch it run\n\nPress Next.",
        metadata={
            "slideshow": {"slide_type": "slide"},
            "tags": ["live-demo"],
            "live_demo": "Click.",
        },
    )
    nb = new_notebook(cells=[new_markdown_cell("# T"), demo])
    out, _ = slides_script.SlidesPreprocessor().preprocess(nb, {})
    heading, banner, text = out.cells[1].source.split("\n\n")
    assert heading == "## Watch it run" and 'class="live-demo"' in banner and text == "Press Next."
    assert out.cells[2].source == "Click." and out.cells[2].metadata.slideshow.slide_type == "notes"
    assert nb.cells[1].source == "## Watch it run\n\nPress Next.", (
        "the notebook itself is unchanged"
    )


def test_live_demo_without_notes_is_refused() -> None:
    nb = _tiny_notebook()
    nb.cells[-1].metadata["live_demo"] = {"slide": "Live demo"}
    with pytest.raises(ValueError, match="live_demo"):
        slides_script.SlidesPreprocessor().preprocess(nb, {})


def _teaching_plan() -> dict[str, list[str]]:
    """The rows of the README's "Teaching with this series" table(s), by notebook number."""
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
    link, time, *rest = rows[number]
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
    quoted = re.findall(r'"([^"]+)"', " ".join(rest))
    unknown = [q for q in quoted if q not in headings]
    assert not unknown, f"README quotes headings that {path.name} does not have: {unknown}"


# --------------------------------------------------------------------------------------------------
# In the browser
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deck_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("slides")


def _build(path: Path, out: Path) -> Path:
    """``python scripts/slides.py --output-dir OUT NOTEBOOK``, as an author runs it."""
    cmd = [sys.executable, str(ROOT / "scripts" / "slides.py"), "--output-dir", str(out), str(path)]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, f"scripts/slides.py failed for {path.name}:\n{result.stderr}"
    deck = out / f"{path.stem}.slides.html"
    assert deck.is_file(), f"scripts/slides.py wrote no deck for {path.name}"
    return deck


JS_READY = "() => !!(window.Reveal && Reveal.isReady && Reveal.isReady())"

# Every slide (vertical ones included), in order, with its indices and fragment count.
JS_SLIDES = """
() => {
  Reveal.configure({transition: 'none', backgroundTransition: 'none'});
  return Reveal.getSlides().map(s => {
    const i = Reveal.getIndices(s);
    return {h: i.h, v: i.v || 0, fragments: s.querySelectorAll('.fragment').length};
  });
}
"""

# Go to slide (h, v) with every fragment shown, and measure it (design pixels, before scaling).
JS_MEASURE = """
async ([h, v, fragments]) => {
  Reveal.slide(h, v, fragments > 0 ? fragments - 1 : undefined);
  Reveal.layout();
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const slide = Reveal.getCurrentSlide();
  const scale = Reveal.getScale();
  const box = slide.getBoundingClientRect();
  const cut = [];
  let smallest = Infinity;  // the smallest code font on the slide, in screen pixels
  for (const pre of slide.querySelectorAll('pre')) {
    if (pre.closest('aside.notes') || pre.offsetParent === null) continue;
    smallest = Math.min(smallest, parseFloat(getComputedStyle(pre).fontSize) * scale);
    // Where the text ends, against where it can still be seen: the pre's inner edge and the slide's.
    const range = document.createRange();
    range.selectNodeContents(pre);
    const textRight = range.getBoundingClientRect().right;
    const r = pre.getBoundingClientRect();
    const inner = r.left + (pre.clientLeft + pre.clientWidth) * scale;
    const excess = Math.max(
      (textRight - Math.min(inner, box.right)) / scale,
      pre.scrollWidth - pre.clientWidth,
    );
    if (excess > 1) {
      const line = pre.textContent.split('\\n').reduce((a, b) => (b.length > a.length ? b : a), '');
      cut.push({overflow: Math.round(excess), line: line.slice(0, 60)});
    }
  }
  const text = (slide.innerText || '').replace(/\\s+/g, ' ').trim();
  return {
    height: slide.scrollHeight,
    width: slide.scrollWidth,
    text: text.slice(0, 60),
    empty: !text && !slide.querySelector('img, svg, canvas, video, table'),
    codeFont: smallest === Infinity ? null : smallest,
    cut,
  };
}
"""


def _measure_deck(browser, deck: Path, shots_prefix: str | None) -> dict:
    """Open a deck offline at 1280 x 720 and measure every slide."""
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    page.set_default_timeout(READY_TIMEOUT * 1000)
    blocked: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith(("file://", "data:", "blob:", "about:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(deck.as_uri())
        try:
            page.wait_for_function(JS_READY, timeout=READY_TIMEOUT * 1000)
        except Exception:
            return {"started": False, "blocked": blocked, "errors": errors}
        page.evaluate("() => document.fonts.ready.then(() => true)")
        config = page.evaluate("() => Reveal.getConfig()")
        width, height = config["width"], config["height"]
        notes = page.evaluate(
            "() => [Reveal.hasPlugin('notes'), document.querySelectorAll('aside.notes').length]"
        )
        slides = page.evaluate(JS_SLIDES)
        measured = []
        for s in slides:
            m = page.evaluate(JS_MEASURE, [s["h"], s["v"], s["fragments"]])
            measured.append({**s, **m})
        if shots_prefix:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            tall = sorted(measured, key=lambda m: -m["height"])[:TALLEST_SHOTS]
            bad = [m for m in measured if m["height"] > height or m["cut"]][:OFFENDING_SHOTS]
            for m in [measured[0], *tall, *bad]:
                page.evaluate(JS_MEASURE, [m["h"], m["v"], m["fragments"]])
                page.screenshot(path=str(SCREENSHOTS / f"{shots_prefix}-{m['h']:02d}-{m['v']}.png"))
        return {
            "started": True,
            "blocked": blocked,
            "errors": errors,
            "width": width,
            "height": height,
            "slides": measured,
            "notes_plugin": notes[0],
            "notes": notes[1],
        }
    finally:
        context.close()


def _report(result: dict) -> tuple[list[str], list[str]]:
    height = result["height"]
    tall = [
        f"  {m['h']}/{m['v']}: {m['height']} px > {height} px, {m['text']!r}"
        for m in result["slides"]
        if m["height"] > height
    ]
    cut = [
        f"  {m['h']}/{m['v']}: {c['overflow']} px too wide: {c['line']!r}"
        for m in result["slides"]
        for c in m["cut"]
    ]
    return tall, cut


@pytest.mark.browser
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_deck_fits_the_screen_offline(path: Path, browser, deck_dir: Path) -> None:
    deck = _build(path, deck_dir)
    if SCREENSHOTS.exists():
        for old in SCREENSHOTS.glob(f"{path.stem[:2]}-*.png"):
            old.unlink()
    result = _measure_deck(browser, deck, shots_prefix=path.stem[:2])
    assert not result["blocked"], (
        f"{path.name}: the deck tried to load from the network: {result['blocked'][:5]}"
    )
    assert result["started"], (
        f"{path.name}: reveal.js was not ready within {READY_TIMEOUT} s with the network blocked "
        f"(page errors: {result['errors'][:3]})"
    )
    assert not result["errors"], f"{path.name}: uncaught errors in the deck: {result['errors'][:3]}"
    assert result["notes_plugin"], f"{path.name}: the speaker-notes plugin did not load"
    if path in LECTURES:
        assert result["notes"], f"{path.name}: the deck has no speaker notes (aside.notes)"
    assert result["width"] <= DESIGN[0] and result["height"] <= DESIGN[1], (
        f"{path.name}: design size {result['width']} x {result['height']} is larger than {DESIGN}"
    )
    slides = result["slides"]
    small = [
        f"{m['h']}/{m['v']}: {m['codeFont']:.1f} px"
        for m in slides
        if m["codeFont"] is not None and m["codeFont"] < MIN_CODE_PX
    ]
    assert not small, f"{path.name}: code smaller than {MIN_CODE_PX} px on screen: {small}"
    assert len(slides) >= 2, f"{path.name}: the deck has {len(slides)} slide(s)"
    empty = [f"{m['h']}/{m['v']}" for m in slides if m["empty"]]
    assert not empty, f"{path.name}: empty slides (h/v): {empty}"
    tall, cut = _report(result)
    print(
        f"{path.name}: {len(slides)} slides, {len(tall)} taller than {result['height']} px, "
        f"{len(cut)} cut code blocks"
    )
    message = []
    if tall:
        message.append(
            f"{len(tall)} of {len(slides)} slides are taller than the design height "
            f"({result['height']} px); slide h/v: height, first words:\n" + "\n".join(tall)
        )
    if cut:
        message.append(
            f"{len(cut)} code blocks are wider than the slide (lines at most "
            f"{slides_script.MAX_CODE_CHARS} characters); slide h/v: excess, longest line:\n"
            + "\n".join(cut)
        )
    if message:
        pytest.fail(
            f"{path.name} (see scripts/slides.py, 'How to make a deck fit'; screenshots in "
            f"tests/screenshots/slides/):\n" + "\n".join(message),
            pytrace=False,
        )
