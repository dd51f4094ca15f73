"""Every notebook run the way a student runs it: in a real JupyterLab, in a real browser.

A session-scoped JupyterLab server is started on 127.0.0.1 (free port, token, temporary root, config,
runtime, settings and workspace directories, so nothing leaks into the repository or the home folder).
The notebooks are copied into the temporary root with their outputs cleared, so everything the test
sees was produced in this run. Headless Chromium (Debian's ``chromium``, driven by Playwright) opens each
notebook in a workspace of its own, runs all cells from the *Run* menu, waits until the kernel is idle
and every code cell has an execution count, and asserts that

- no cell produced an error or anything on stderr (checked in the notebook model and in the page);
- every widget rendered (no "Error displaying widget") and every image in an output loaded;
- notebook 02: the step-through widget's Next button changes the picture and Play advances it; with
  init "click to place", k mouse clicks on the picture (at the pixels of known data points, asked of
  the kernel) place the centres at those points, the caption counts them, and Next then steps the
  run from them;
- notebook 04: moving the n_colors slider changes the picture.

Screenshots go to ``tests/screenshots/`` (git-ignored): ``NN-Name.png``, the whole notebook after the
run (and after driving its widget), and ``NN-Name-widget.png``, the driven widget alone; for 02 also
``02-...-click-before.png`` and ``-click-after.png``, the widget before and after the clicks. Look at them.

Locally the test skips, saying why, when Playwright or Chromium is missing; with ``CI=true`` in the
environment a missing browser is a failure. Deselect it with ``-m "not browser"``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SCREENSHOTS = ROOT / "tests" / "screenshots"

# Generous bounds for a shared 2-core machine; a notebook itself is meant to run in <= 25 s.
SERVER_START_TIMEOUT = 90
RUN_ALL_TIMEOUT = 150
WIDGET_TIMEOUT = 30
# Screenshot height cap (pixels): a longer notebook is cut there rather than making a huge image.
MAX_SCREENSHOT_HEIGHT = 32000

STDERR_MIME = "application/vnd.jupyter.stderr"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

# JupyterLab user settings for the test server: render every cell (no windowing, so the whole notebook
# is in the page and in the screenshot) and make no requests to the internet.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "windowingMode": "none",
        "scrollPastEnd": False,
    },
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


# --------------------------------------------------------------------------------------------------
# The JupyterLab server
# --------------------------------------------------------------------------------------------------
@dataclass
class Lab:
    url: str
    token: str
    root: Path
    log: Path

    def api(self, method: str, path: str) -> object:
        req = urllib.request.Request(
            f"{self.url}{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None

    def log_tail(self, n: int = 40) -> str:
        lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(lines[-n:])


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _copy_notebooks(dest: Path) -> None:
    """The notebooks with outputs cleared: whatever the page shows later was produced in this run."""
    dest.mkdir(parents=True)
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
        nb.metadata.pop("widgets", None)
        nbformat.write(nb, dest / path.name)


@pytest.fixture(scope="session")
def lab(browser, tmp_path_factory) -> Iterator[Lab]:
    base = tmp_path_factory.mktemp("jupyterlab")
    root = base / "root"
    _copy_notebooks(root / "notebooks")
    dirs = {
        name: base / name for name in ("config", "data", "runtime", "ipython", "settings", "ws")
    }
    for d in dirs.values():
        d.mkdir()
    for rel, value in LAB_SETTINGS.items():
        target = dirs["settings"] / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value), encoding="utf-8")

    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(dirs["config"]),
        JUPYTER_DATA_DIR=str(dirs["data"]),
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
        IPYTHONDIR=str(dirs["ipython"]),
        JUPYTERLAB_SETTINGS_DIR=str(dirs["settings"]),
        JUPYTERLAB_WORKSPACES_DIR=str(dirs["ws"]),
        JUPYTER_PLATFORM_DIRS="1",
    )
    env.pop("PYTHONWARNINGS", None)
    port = _free_port()
    token = os.urandom(24).hex()
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None",
        f"--LabApp.user_settings_dir={dirs['settings']}",
        f"--LabApp.workspaces_dir={dirs['ws']}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = base / "jupyterlab.log"
    server = Lab(url=f"http://127.0.0.1:{port}", token=token, root=root, log=log)
    with open(log, "wb") as log_file:
        proc = subprocess.Popen(
            cmd, cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file
        )
        try:
            deadline = time.monotonic() + SERVER_START_TIMEOUT
            while True:
                if proc.poll() is not None:
                    pytest.fail(
                        f"jupyter lab exited with code {proc.returncode} before answering:\n"
                        f"{server.log_tail()}",
                        pytrace=False,
                    )
                try:
                    server.api("GET", "/api/status")
                    break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    if time.monotonic() > deadline:
                        pytest.fail(
                            f"jupyter lab did not answer within {SERVER_START_TIMEOUT} s:\n"
                            f"{server.log_tail()}",
                            pytrace=False,
                        )
                    time.sleep(0.3)
            yield server
        finally:
            try:
                server.api("POST", "/api/shutdown")
                proc.wait(timeout=30)
            except Exception:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


# --------------------------------------------------------------------------------------------------
# Page helpers (JavaScript evaluated in JupyterLab, through window.jupyterapp)
# --------------------------------------------------------------------------------------------------
JS_NOTEBOOK_READY = """
async (path) => {
  const app = window.jupyterapp;
  if (!app) return false;
  await app.started;
  await app.restored;
  const panel = app.shell.currentWidget;
  if (!panel || !panel.context || panel.context.path !== path) return false;
  await panel.context.ready;
  await panel.sessionContext.ready;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle';
}
"""

JS_RUN_FINISHED = """
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  const prompts = Array.from(document.querySelectorAll('.jp-InputPrompt'));
  if (prompts.length === 0 || prompts.some(p => p.textContent.includes('*'))) return false;
  let allRun = true;
  for (const cell of panel.content.model.cells) {
    if (cell.type !== 'code') continue;
    if (cell.executionCount == null) allRun = false;
    // Run All stops at the first error: then the run is over too.
    if (cell.outputs.toJSON().some(o => o.output_type === 'error')) return true;
  }
  return allRun;
}
"""

JS_MODEL_OUTPUTS = """
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const found = [];
  let index = 0;
  for (const cell of panel.content.model.cells) {
    if (cell.type === 'code') {
      const outputs = cell.outputs.toJSON();
      found.push({index, id: cell.id, count: cell.executionCount, outputs});
    }
    index += 1;
  }
  return found;
}
"""

# Widget outputs: how many the model holds, how many the page rendered as live widgets, and how many
# are still waiting for their model ("Loading widget..." stays forever when the model never comes).
JS_WIDGET_VIEWS = """
(mime) => {
  const panel = window.jupyterapp.shell.currentWidget;
  let expected = 0;
  for (const cell of panel.content.model.cells) {
    if (cell.type !== 'code') continue;
    expected += cell.outputs.toJSON().filter(o => o.data && o.data[mime]).length;
  }
  const outputs = Array.from(panel.content.node.querySelectorAll('.jp-OutputArea-output'));
  return {
    expected,
    rendered: outputs.filter(o => o.querySelector(':scope > .jupyter-widgets')).length,
    loading: outputs.filter(o => o.textContent.trim() === 'Loading widget...').length,
  };
}
"""

JS_BROKEN_IMAGES = """
() => Array.from(document.querySelectorAll('.jp-OutputArea-output img'))
  .filter(img => !(img.complete && img.naturalWidth > 0))
  .map(img => (img.getAttribute('src') || '').slice(0, 60))
"""

JS_IMAGE_DIGEST = """
async (img) => {
  const src = img.getAttribute('src') || '';
  if (!src || !img.complete || img.naturalWidth === 0) return null;
  try {
    const bytes = await (await fetch(src)).arrayBuffer();
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    const hex = Array.from(new Uint8Array(digest)).map(b => b.toString(16).padStart(2, '0'));
    return {src, digest: hex.join(''), size: bytes.byteLength};
  } catch (e) {
    return null;  // the image was replaced while we read it: ask again
  }
}
"""

# Collapse the file browser, scroll the notebook to its top, and say how tall the page must be to
# show every cell at once (and by how much the notebook still overflows now).
JS_PREPARE_SCREENSHOT = """
() => {
  window.jupyterapp.shell.collapseLeft();
  const panel = window.jupyterapp.shell.currentWidget;
  const scroller = panel.content.node.querySelector('.jp-WindowedPanel-outer') || panel.content.node;
  scroller.scrollTop = 0;
  const chrome = window.innerHeight - scroller.clientHeight;
  return {
    needed: Math.ceil(chrome + scroller.scrollHeight + 24),
    overflow: scroller.scrollHeight - scroller.clientHeight,
  };
}
"""


def _poll(what: str, probe: Callable[[], object], timeout: float, interval: float = 0.25):
    """Call ``probe`` until it returns something truthy; fail saying ``what`` did not happen."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}", pytrace=False)
        time.sleep(interval)


def _image_state(page, image_locator) -> dict:
    """The current picture of an ipywidgets Image: its src and a digest of its bytes."""
    return _poll(
        "the widget image to load",
        lambda: image_locator.evaluate(JS_IMAGE_DIGEST),
        WIDGET_TIMEOUT,
    )


def _wait_for_new_picture(page, image_locator, before: dict, what: str) -> dict:
    def changed():
        now = image_locator.evaluate(JS_IMAGE_DIGEST)
        return now if now and now["digest"] != before["digest"] else None

    after = _poll(what, changed, WIDGET_TIMEOUT)
    assert after["src"] != before["src"], f"{what}: the picture changed but its src did not"
    return after


def _frame_widget(page, control):
    """The first kernel-side image widget (a box holding an ``img``) that also holds ``control``."""
    image = page.locator("img.widget-image")
    outputs = page.locator(".jp-OutputArea-output").filter(has=image).filter(has=control)
    if outputs.count() == 0:
        return None
    # Nested boxes: the last match inside the output is the innermost box holding both.
    return outputs.first.locator(".widget-box").filter(has=image).filter(has=control).last


# --------------------------------------------------------------------------------------------------
# Notebook-specific interactions
# --------------------------------------------------------------------------------------------------
def _check_step_widget(page) -> None:
    """Notebook 02: Next changes the picture, Play advances it on its own."""
    next_button = page.locator("button.jupyter-button", has_text="Next")
    widget = _frame_widget(page, next_button)
    assert widget is not None, "notebook 02 shows no step-through widget with a Next button"
    image = widget.locator("img.widget-image").first
    before = _image_state(page, image)
    widget.locator("button.jupyter-button", has_text="Next").first.click()
    after_next = _wait_for_new_picture(page, image, before, "Next to change the picture")

    # ipywidgets 8's Play: a play/pause toggle, then stop and repeat buttons.
    play_pause = widget.locator(".widget-play button").first
    assert play_pause.count() == 1, "the step-through widget has no Play control"
    play_pause.click()
    after_play = _wait_for_new_picture(page, image, after_next, "Play to advance the picture")
    _wait_for_new_picture(page, image, after_play, "Play to keep advancing the picture")
    play_pause.click()  # pause again
    return widget


def _check_step_widget_and_clicks(page, shot: Path):
    widget = _check_step_widget(page)
    _check_click_to_place(page, widget, shot)
    return widget


# Runs Python in the notebook's kernel (not in a cell: nothing is added to the notebook) and returns
# what it printed.
JS_KERNEL_PRINT = """
async (code) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session.kernel;
  const future = kernel.requestExecute({code, silent: false, store_history: false});
  let text = '';
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === 'stream') text += msg.content.text;
    if (msg.header.msg_type === 'error') text += 'ERROR ' + msg.content.ename + ': ' + msg.content.evalue;
  };
  await future.done;
  return text;
}
"""

# The step-through widgets already in click-to-place mode (a notebook may show one), remembered so
# that the one the test switches can be told apart.
PY_CLICK_BEFORE = """
import gc as _gc, json as _json
import numpy as _np
from fig_code.step_widget import KMeansStepThrough as _K

def _clicking():
    return [o for o in _gc.get_objects() if isinstance(o, _K) and o.init_dropdown.value == "click"]

_before = {id(o) for o in _clicking()}
print(_json.dumps(len(_before)))
"""
# The step-through widget the test switched to click-to-place mode, and what the test needs of it:
# the PNG's size, k data points, their pixels in the PNG, and one PNG pixel in data units.
PY_CLICK_TARGETS = """
_new = [o for o in _clicking() if id(o) not in _before]
assert len(_new) == 1, f"expected one widget switched to click to place, found {len(_new)}"
_w = _new[0]
_k = _w.k_slider.value
_pts = _w.X[_np.linspace(0, len(_w.X) - 1, _k).astype(int)]
print(_json.dumps({
    "k": _k,
    "size": [_w.step_display.figure_.bbox.width, _w.step_display.figure_.bbox.height],
    "points": _pts.tolist(),
    "pixels": [_w.data_to_pixel(x, y) for x, y in _pts],
    "unit": abs(_w.pixel_to_data(1, 0)[0] - _w.pixel_to_data(0, 0)[0]),
}))
"""
PY_PLACED = "print(_json.dumps(_w.placed_centers.tolist()))"


def _kernel_json(page, code: str):
    out = page.evaluate(JS_KERNEL_PRINT, code)
    assert out.strip() and not out.startswith("ERROR"), f"kernel query failed: {out[:500]}"
    return json.loads(out)


def _check_click_to_place(page, widget, shot: Path) -> None:
    """Notebook 02: init "click to place", k clicks on the picture, then Next runs from them."""
    image = widget.locator("img.widget-image").first
    caption = widget.locator(".widget-label", has_text="starting centres").first
    before = _image_state(page, image)
    _kernel_json(page, PY_CLICK_BEFORE)
    widget.locator(".widget-dropdown", has_text="init").locator("select").select_option(
        label="click to place"
    )
    _poll("the click-to-place caption", lambda: caption.count() > 0 and caption.is_visible(), 10)
    targets = _kernel_json(page, PY_CLICK_TARGETS)
    k = targets["k"]
    _poll(
        "the caption to ask for k clicks",
        lambda: (
            caption.inner_text() == f"click {k} points to place the starting centres (0 of {k})"
        ),
        10,
    )
    picture = _wait_for_new_picture(page, image, before, "click mode to show the data alone")
    image.scroll_into_view_if_needed()
    widget.screenshot(path=f"{shot}-click-before.png")
    box = image.bounding_box()
    width, height = targets["size"]
    for j, (column, row) in enumerate(targets["pixels"], start=1):
        page.mouse.click(
            box["x"] + column / width * box["width"], box["y"] + row / height * box["height"]
        )
        want = f"({j} of {k})" if j < k else f"{k} starting centres placed"
        _poll(f"click {j} to be counted ({want!r})", lambda w=want: w in caption.inner_text(), 10)
        picture = _wait_for_new_picture(page, image, picture, f"click {j} to change the picture")
    placed = _kernel_json(page, PY_PLACED)
    # a click lands within rounding of its CSS pixel: at most about one PNG pixel here
    tolerance = 1.5 * max(1.0, width / box["width"]) * targets["unit"]
    for j, (got, want) in enumerate(zip(placed, targets["points"], strict=True)):
        miss = ((got[0] - want[0]) ** 2 + (got[1] - want[1]) ** 2) ** 0.5
        assert miss <= tolerance, f"click {j + 1} placed {got}, not at the data point {want}"
    widget.screenshot(path=f"{shot}-click-after.png")
    next_button = widget.locator("button.jupyter-button", has_text="Next").first
    _poll("Next to be enabled", lambda: next_button.is_enabled(), 10)
    next_button.click()
    _wait_for_new_picture(page, image, picture, "Next to step the run from the placed centres")


def _check_color_widget(page) -> None:
    """Notebook 04: moving the n_colors slider changes the picture."""
    slider = page.locator(".widget-slider").filter(has_text="n_colors")
    widget = _frame_widget(page, slider)
    assert widget is not None, "notebook 04 shows no picture widget with an n_colors slider"
    image = widget.locator("img.widget-image").first
    before = _image_state(page, image)
    slider = widget.locator(".widget-slider", has_text="n_colors").first
    readout = slider.locator(".widget-readout").first
    value_before = readout.inner_text()
    # Drag the handle the way a student does, to a tenth of the track (a few colours).
    slider.scroll_into_view_if_needed()
    handle = slider.locator(".noUi-handle").first.bounding_box()
    track = slider.locator(".noUi-target").first.bounding_box()
    y = handle["y"] + handle["height"] / 2
    page.mouse.move(handle["x"] + handle["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(track["x"] + 0.1 * track["width"], y, steps=8)
    page.mouse.up()
    _poll("the slider's readout to move", lambda: readout.inner_text() != value_before, 5)
    _wait_for_new_picture(page, image, before, "the n_colors slider to change the picture")
    return widget


# Each drives its widget and returns it (for a screenshot of the widget alone); those that take a
# second argument also get the screenshot path stem, for screenshots of their own.
INTERACTIONS: dict[str, Callable] = {
    "02-Expectation-Maximization.ipynb": _check_step_widget_and_clicks,
    "04-Color-Compression.ipynb": _check_color_widget,
}


# --------------------------------------------------------------------------------------------------
# The test
# --------------------------------------------------------------------------------------------------
def _run_all_from_menu(page) -> None:
    """Run -> Run All Cells, clicked as a student would."""
    page.locator(".lm-MenuBar-itemLabel").get_by_text("Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def _problems_in_outputs(cells: list[dict]) -> list[str]:
    problems = []
    for cell in cells:
        where = f"cell {cell['index']} (id {cell['id']!r})"
        for out in cell["outputs"]:
            kind = out.get("output_type")
            if kind == "error":
                problems.append(f"{where}: {out.get('ename')}: {out.get('evalue')}")
            elif kind == "stream" and out.get("name") == "stderr":
                text = "".join(out.get("text", ""))
                problems.append(f"{where}: stderr: {text.strip()[:300]}")
            elif STDERR_MIME in out.get("data", {}):
                problems.append(f"{where}: stderr output")
    return problems


def _shutdown_kernels(lab: Lab) -> None:
    try:
        for session in lab.api("GET", "/api/sessions") or []:
            lab.api("DELETE", f"/api/sessions/{session['id']}")
    except (urllib.error.URLError, OSError):
        pass


@pytest.mark.parametrize("notebook", [p.name for p in NOTEBOOKS])
def test_notebook_runs_in_jupyterlab(notebook: str, lab: Lab, browser) -> None:
    workspace = "test-" + notebook.removesuffix(".ipynb").lower()
    shot = SCREENSHOTS / notebook.removesuffix(".ipynb")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(WIDGET_TIMEOUT * 1000)
    page_errors: list[str] = []
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    start = time.monotonic()
    phases: list[str] = []  # printed: pytest shows it when the test fails (or with -rP)

    def phase(name: str) -> None:
        phases.append(f"{name} {time.monotonic() - start:.1f} s")

    try:
        page.goto(
            f"{lab.url}/lab/workspaces/{workspace}/tree/notebooks/{notebook}"
            f"?reset&token={lab.token}"
        )
        page.wait_for_function(
            "() => window.jupyterapp !== undefined", timeout=SERVER_START_TIMEOUT * 1000
        )
        _poll(
            f"{notebook} to open with an idle kernel",
            lambda: page.evaluate(JS_NOTEBOOK_READY, f"notebooks/{notebook}"),
            SERVER_START_TIMEOUT,
        )
        phase("opened")

        _run_all_from_menu(page)
        page.wait_for_function(JS_RUN_FINISHED, timeout=RUN_ALL_TIMEOUT * 1000, polling=250)
        phase("ran all cells")
        views = _poll(
            "every widget to render (some stay at 'Loading widget...')",
            lambda: (v := page.evaluate(JS_WIDGET_VIEWS, WIDGET_MIME))["loading"] == 0 and v,
            WIDGET_TIMEOUT,
        )

        cells = page.evaluate(JS_MODEL_OUTPUTS)
        assert cells, f"{notebook}: no code cell found in the page"
        problems = _problems_in_outputs(cells)
        assert not problems, f"{notebook}: errors or stderr output:\n" + "\n".join(problems)
        missing = [c["index"] for c in cells if c["count"] is None]
        assert not missing, f"{notebook}: cells {missing} were not executed"
        stderr_views = page.locator(f'.jp-OutputArea-output[data-mime-type="{STDERR_MIME}"]')
        assert stderr_views.count() == 0, f"{notebook}: the page shows stderr/error output"
        broken_widgets = page.get_by_text("Error displaying widget")
        assert broken_widgets.count() == 0, f"{notebook}: {broken_widgets.first.inner_text()[:300]}"
        assert views["rendered"] >= views["expected"], (
            f"{notebook}: {views['expected']} widget outputs but only {views['rendered']} rendered"
        )
        broken = _poll("images to load", lambda: [page.evaluate(JS_BROKEN_IMAGES)], 15)[0]
        assert not broken, f"{notebook}: images that did not load: {broken}"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        phase("checked outputs")

        interact = INTERACTIONS.get(notebook)
        if interact is not None:
            takes_shot = interact.__code__.co_argcount > 1
            widget = interact(page, shot) if takes_shot else interact(page)
            phase("drove the widget")
            widget.screenshot(path=f"{shot}-widget.png")
            cells = page.evaluate(JS_MODEL_OUTPUTS)
            problems = _problems_in_outputs(cells)
            assert not problems, f"{notebook}: errors after interacting:\n" + "\n".join(problems)

        # The whole notebook in one picture: a viewport as tall as the notebook (capped).
        # Layout settles after each resize (wider cells, late renders): grow until nothing overflows.
        height = 900
        for _ in range(5):
            fit = page.evaluate(JS_PREPARE_SCREENSHOT)
            if fit["overflow"] <= 0 or height >= MAX_SCREENSHOT_HEIGHT:
                break
            height = min(max(fit["needed"], height + fit["overflow"]), MAX_SCREENSHOT_HEIGHT)
            page.set_viewport_size({"width": 1280, "height": height})
            page.wait_for_timeout(300)
        page.screenshot(path=f"{shot}.png", full_page=True)
        phase("screenshot")
        assert not page_errors, f"{notebook}: uncaught errors in the page: {page_errors}"
    finally:
        print(f"{notebook}: " + ", ".join(phases))
        context.close()
        _shutdown_kernels(lab)


# A small figure shown larger than its PNG (width 100%, up to 720 CSS pixels) on a screen with two
# device pixels per CSS pixel: a click must still land on the data point under the mouse.
CLICK_DPR_CODE = (
    "from fig_code import plot_kmeans_interactive\n"
    "plot_kmeans_interactive(n_clusters=3, figsize=(5, 4), dpi=80)"
)


def test_click_to_place_at_device_pixel_ratio_2(lab: Lab, browser) -> None:
    name = "click-dpr2.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CLICK_DPR_CODE)])
    nb.metadata.update(nbformat.read(NOTEBOOKS[0], as_version=4).metadata)
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, lab.root / "notebooks" / name)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(WIDGET_TIMEOUT * 1000)
    try:
        page.goto(
            f"{lab.url}/lab/workspaces/test-click-dpr2/tree/notebooks/{name}?reset&token={lab.token}"
        )
        page.wait_for_function(
            "() => window.jupyterapp !== undefined", timeout=SERVER_START_TIMEOUT * 1000
        )
        _poll(
            f"{name} to open with an idle kernel",
            lambda: page.evaluate(JS_NOTEBOOK_READY, f"notebooks/{name}"),
            SERVER_START_TIMEOUT,
        )
        assert page.evaluate("() => window.devicePixelRatio") == 2
        _run_all_from_menu(page)
        page.wait_for_function(JS_RUN_FINISHED, timeout=RUN_ALL_TIMEOUT * 1000, polling=250)
        widget = _frame_widget(page, page.locator("button.jupyter-button", has_text="Next"))
        assert widget is not None, "the step-through widget did not render"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        _check_click_to_place(page, widget, SCREENSHOTS / "click-dpr2")
        problems = _problems_in_outputs(page.evaluate(JS_MODEL_OUTPUTS))
        assert not problems, "errors after clicking:\n" + "\n".join(problems)
    finally:
        context.close()
        _shutdown_kernels(lab)
