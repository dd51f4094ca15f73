"""fig_code.step_widget: the K-means step-through, driven programmatically."""

from __future__ import annotations

import base64
import io
import sys
from fractions import Fraction

import ipywidgets as widgets
import numpy as np
import pytest
from PIL import Image

import fig_code
from fig_code import DATASETS, KMeansStepDisplay, figure_to_png, make_dataset, new_figure
from fig_code.step_widget import KMeansStepThrough, plot_kmeans_interactive


@pytest.fixture
def widget() -> KMeansStepThrough:
    """A fresh widget for every test (tests move its controls)."""
    return plot_kmeans_interactive()


def _text(widget) -> str:
    """The widget's text/plain, what a reader sees where no kernel runs."""
    return widget._repr_mimebundle_()["text/plain"]


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _png_size(widget) -> tuple[int, int]:
    """(width, height) of the picture shown, in PNG pixels."""
    height, width = _pixels(bytes(widget.image.value)).shape[:2]
    return width, height


def test_starts_at_k4_step0_with_a_png(widget):
    assert isinstance(widget, widgets.VBox)
    assert widget.k_slider.value == 4
    assert (widget.k_slider.min, widget.k_slider.max) == (1, 10)
    assert isinstance(widget.k_slider, widgets.IntSlider)
    assert widget.step_slider.value == 0
    assert widget.step_slider.max == len(widget.steps) - 1
    assert widget.init_dropdown.value == "random"
    assert list(widget.dataset_dropdown.options) == list(DATASETS)
    png = bytes(widget.image.value)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert _pixels(png).shape == (560, 640, 3)
    last = len(widget.steps) - 1
    assert _text(widget) == f"K-means step-through on blobs: k=4, step 0 of {last} (init)"


def test_moving_the_step_slider_changes_the_image(widget):
    seen = {bytes(widget.image.value)}
    for i in range(1, widget.step_slider.max + 1):
        widget.step_slider.value = i
        seen.add(bytes(widget.image.value))
    assert len(seen) == widget.step_slider.max + 1  # every frame is a different picture
    assert _text(widget).endswith(
        f"step {widget.step_slider.max} of {widget.step_slider.max} (assign)"
    )
    assert widget.steps[-1].converged


def test_frames_are_deterministic_and_cached(widget):
    widget.step_slider.value = 3
    first = bytes(widget.image.value)
    widget.step_slider.value = 0
    widget.step_slider.value = 3
    assert bytes(widget.image.value) == first
    other = plot_kmeans_interactive()
    other.step_slider.value = 3
    assert bytes(other.image.value) == first  # a fresh widget draws the very same frame


def test_next_back_and_play(widget):
    widget.back.click()
    assert widget.step_slider.value == 0  # cannot go before the start
    widget.next.click()
    widget.next.click()
    assert widget.step_slider.value == 2
    widget.back.click()
    assert widget.step_slider.value == 1
    widget.step_slider.value = widget.step_slider.max
    widget.next.click()
    assert widget.step_slider.value == widget.step_slider.max  # nor past the end
    assert isinstance(widget.play, widgets.Play)
    assert widget.play.max == widget.step_slider.max
    before = bytes(widget.image.value)
    widget.play.value = 2  # Play drives the slider (linked in the kernel)
    assert widget.step_slider.value == 2
    assert bytes(widget.image.value) != before


def test_update_frames_have_arrows_and_captions(widget):
    widget.step_slider.value = 2
    assert widget.steps[2].phase == "update"
    display = widget.step_display
    assert isinstance(display, KMeansStepDisplay)
    assert any(a.get_visible() for a in display.arrows_)
    assert display.caption_.get_text().lower() == "move each centre to the mean of its points"
    widget.step_slider.value = 1
    assert not any(a.get_visible() for a in display.arrows_)
    assert display.caption_.get_text().lower() == "assign each point to its nearest centre"
    assert "inertia" in display.info_.get_text() and "step 1 of" in display.info_.get_text()
    widget.step_slider.value = widget.step_slider.max
    assert "converged" in display.info_.get_text()
    assert display.caption_.get_text() == "Converged: no point changed cluster"


def test_every_caption_fits_inside_the_frame(widget):
    """No caption or info line may be cut off at the right edge of the picture."""
    display = widget.step_display
    renderer = display.figure_.canvas.get_renderer()
    width = display.figure_.bbox.width
    for i in range(widget.step_slider.max + 1):
        widget.step_slider.value = i
        for text in (display.caption_, display.info_):
            box = text.get_window_extent(renderer)
            assert 0 <= box.x0 and box.x1 <= width, (i, text.get_text())


def test_changing_k_recomputes_and_caches(widget):
    steps4 = widget.steps
    widget.step_slider.value = 2
    widget.k_slider.value = 6
    assert widget.step_slider.value == 0
    assert widget.steps[0].centers.shape == (6, 2)
    assert widget.step_slider.max == len(widget.steps) - 1 == widget.play.max
    assert "k=6, step 0 of" in _text(widget)
    widget.k_slider.value = 4
    assert widget.steps is steps4  # computed once per (data, k, init, seed)


def test_changing_seed_init_and_dataset_recomputes(widget):
    c0 = widget.steps[0].centers
    widget.seed.value = 1
    assert not np.array_equal(widget.steps[0].centers, c0)
    c1 = widget.steps[0].centers
    widget.init_dropdown.value = "k-means++"
    assert not np.array_equal(widget.steps[0].centers, c1)
    before = bytes(widget.image.value)
    widget.dataset_dropdown.value = "two moons"
    np.testing.assert_array_equal(widget.X, make_dataset("two moons", n_samples=300)[0])
    assert bytes(widget.image.value) != before
    assert _text(widget).startswith("K-means step-through on two moons: k=4, step 0 of")
    # the axes are fixed from the data: the window does not move between frames
    ax = widget.step_display.ax_
    lims = ax.get_xlim(), ax.get_ylim()
    widget.step_slider.value = widget.step_slider.max
    assert (ax.get_xlim(), ax.get_ylim()) == lims


def test_own_data():
    X, _ = make_dataset("uneven sizes", n_samples=60, random_state=1)
    w = plot_kmeans_interactive(X, n_clusters=3, init="k-means++", random_state=5)
    assert w.dataset_dropdown is None
    assert w.k_slider.value == 3 and w.init_dropdown.value == "k-means++" and w.seed.value == 5
    np.testing.assert_array_equal(w.X, X)
    assert _text(w).startswith("K-means step-through: k=3, step 0 of")
    tiny = plot_kmeans_interactive(X[:6], n_clusters=2)
    assert tiny.k_slider.max == 6


def test_display_bundle_has_text_and_png(widget):
    widget.step_slider.value = 1
    bundle = widget._repr_mimebundle_()
    last = len(widget.steps) - 1
    assert bundle["text/plain"] == f"K-means step-through on blobs: k=4, step 1 of {last} (assign)"
    assert base64.b64decode(bundle["image/png"]) == bytes(widget.image.value)


def test_nothing_is_printed(capsys):
    w = plot_kmeans_interactive(n_clusters=5)
    w.next.click()
    w.k_slider.value = 2
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


def test_png_encoders_write_the_same_pixels():
    """The widgets' "fast" and "pillow" encoders and savefig all write the pixels drawn."""
    rgb = np.random.RandomState(0).randint(0, 256, size=(5, 7, 3)).astype(np.uint8)
    fig = new_figure((0.07, 0.05), dpi=100)  # 7 x 5 pixels
    fig.figimage(rgb)
    fast = figure_to_png(fig, encoder="fast")
    np.testing.assert_array_equal(_pixels(fast), rgb)
    for encoder in ("pillow", "savefig"):
        np.testing.assert_array_equal(_pixels(figure_to_png(fig, encoder=encoder)), rgb)
    assert figure_to_png(fig, encoder="fast") == fast  # the bytes depend only on the pixels
    with pytest.raises(ValueError, match="encoder must be one of 'savefig', 'pillow', 'fast'"):
        figure_to_png(fig, encoder="png")
    with pytest.raises(ValueError, match="leave dpi out or use encoder='savefig'"):
        figure_to_png(fig, dpi=50, encoder="fast")


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((np.arange(10.0),), {}, r"X must be a 2-D array of shape \(n_samples, 2\)"),
        ((np.zeros((10, 3)),), {}, r"X must be a 2-D array of shape \(n_samples, 2\)"),
        ((np.full((10, 2), np.nan),), {}, "NaN or infinite"),
        ((), {"n_clusters": 0}, "n_clusters must be between 1 and 10"),
        ((), {"n_clusters": 11}, "n_clusters must be between 1 and 10"),
        ((np.zeros((3, 2)),), {"n_clusters": 4}, "n_clusters must be between 1 and 3"),
        ((), {"n_clusters": 2.5}, "n_clusters must be an integer"),
        ((), {"init": "kmeans"}, "init must be 'random', 'k-means\\+\\+', 'click' or an array"),
        ((), {"init": None}, r"init must be a 2-D array of shape \(n_clusters, 2\)"),
        ((), {"init": [1.0, 2.0]}, r"init must be a 2-D array of shape \(n_clusters, 2\)"),
        ((), {"init": np.zeros((3, 3))}, r"init must be a 2-D array of shape \(n_clusters, 2\)"),
        ((), {"init": [[0, 0], [np.nan, 1]]}, "init contains 1 NaN or infinite"),
        ((), {"init": [["a", "b"]]}, "init must be a numeric 2-D array"),
        ((), {"init": np.zeros((11, 2))}, "init must have between 1 and 10 centres"),
        ((np.zeros((3, 2)),), {"init": np.zeros((4, 2))}, "init must have between 1 and 3"),
        (
            (),
            {"init": np.zeros((3, 2)), "n_clusters": 4},
            "init has 3 centre\\(s\\) but n_clusters",
        ),
        ((np.zeros((20, 2)),), {"dataset": "blobs"}, "cannot be used together with X"),
        ((np.zeros((20, 2)),), {"n_samples": 300}, "cannot be used together with X"),
        ((), {"random_state": -1}, "random_state must be between 0 and 9999"),
        ((), {"random_state": None}, "random_state must be an integer"),
        ((), {"dataset": "circles"}, "dataset must be one of"),
        ((), {"n_samples": 5}, "n_samples must be between 10 and 2000"),
        ((), {"max_iter": 0}, "max_iter must be between 1 and 300"),
        ((), {"dpi": 10}, "dpi must be between 20 and 300"),
        ((), {"figsize": (0, 0)}, "figsize must be two positive numbers"),
        ((), {"figsize": (6.4, -1)}, "figsize must be two positive numbers"),
        ((), {"figsize": (6.4,)}, "figsize must be two positive numbers"),
        ((), {"figsize": 6.4}, "figsize must be two positive numbers"),
        ((), {"figsize": ("6", 5)}, "figsize must be two positive numbers"),
        ((), {"figsize": (np.inf, 5)}, "figsize must be two positive numbers"),
    ],
)
def test_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        plot_kmeans_interactive(*args, **kwargs)


def test_numpy_figsize_accepted():
    w = plot_kmeans_interactive(figsize=(np.float32(3), np.int64(2)), dpi=50)
    assert tuple(w.step_display.figure_.get_size_inches()) == (3.0, 2.0)
    assert _pixels(bytes(w.image.value)).shape == (100, 150, 3)


# --- issue 10: init given as centres ---------------------------------------------------------------
def _assert_same_end(widget, centers):
    """The widget's run ends exactly where kmeans_steps from these centres ends."""
    want = fig_code.kmeans_steps(widget.X, len(centers), init=centers, max_iter=50)
    got = widget.steps
    np.testing.assert_array_equal(got[0].centers, np.asarray(centers, dtype=float))
    assert len(got) == len(want)
    np.testing.assert_array_equal(got[-1].centers, want[-1].centers)
    np.testing.assert_array_equal(got[-1].labels, want[-1].labels)
    assert got[-1].inertia == want[-1].inertia and got[-1].converged == want[-1].converged


def test_init_array_starts_from_those_centres():
    centers = np.array([[0.0, 2.0], [-6.0, -6.0], [1.0, 4.0]])
    w = plot_kmeans_interactive(init=centers)
    assert w.k_slider.value == 3
    assert w.init_dropdown.value == "click"  # as if the three had been placed by clicking
    np.testing.assert_array_equal(w.placed_centers, centers)
    _assert_same_end(w, centers)
    centers[0] = 99.0  # the widget keeps its own copy
    assert w.placed_centers[0, 0] == 0.0
    listed = plot_kmeans_interactive(init=[[0, 2], [-6, -6]], n_clusters=2)
    assert listed.k_slider.value == 2 and not listed.placing


def test_dataset_and_n_samples_still_work_without_X():
    w = plot_kmeans_interactive(dataset="two moons", n_samples=120)
    assert w.dataset_dropdown.value == "two moons" and len(w.X) == 120


# --- issue 13: click to place ----------------------------------------------------------------------
@pytest.fixture
def placing() -> KMeansStepThrough:
    return plot_kmeans_interactive(init="click")


def test_click_mode_shows_the_data_and_asks_for_k_points(placing):
    assert ("click to place", "click") in list(placing.init_dropdown.options)
    assert placing.placing and placing.steps == []
    assert placing.caption.value == "click 4 points to place the starting centres (0 of 4)"
    assert placing.step_display.caption_.get_text() == (
        "Click 4 points to place the starting centres (0 of 4)"
    )
    assert placing.click_row.layout.display is None  # the row with caption and clear button
    assert placing.step_slider.disabled and placing.next.disabled and placing.play.disabled
    assert placing.seed.disabled and placing.clear_button.disabled
    assert _text(placing) == "K-means step-through on blobs: k=4, placing starting centres (0 of 4)"
    png = bytes(placing.image.value)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    placing.place_center(0.0, 2.0)
    assert placing.caption.value.endswith("(1 of 4)")
    assert bytes(placing.image.value) != png  # the placed centre is drawn
    assert not placing.clear_button.disabled


def test_other_modes_hide_the_click_row(widget):
    assert widget.click_row.layout.display == "none"
    assert widget.caption.value == "" and not widget.seed.disabled


def test_k_placed_centres_restart_the_run_from_exactly_them(placing):
    X = placing.X
    centers = X[[0, 1, 2, 3]] + 0.25
    for x, y in centers:
        placing.place_center(x, y)
    assert not placing.placing
    assert placing.step_slider.value == 0 and not placing.next.disabled
    assert placing.step_slider.max == len(placing.steps) - 1 == placing.play.max
    assert placing.caption.value.startswith("4 starting centres placed")
    _assert_same_end(placing, centers)
    before = bytes(placing.image.value)
    placing.next.click()
    assert placing.step_slider.value == 1 and bytes(placing.image.value) != before
    placing.play.value = placing.play.max
    assert _text(placing).endswith("(assign)") and placing.steps[-1].converged


def test_two_centres_in_one_blob_get_stuck():
    """Notebook 02's task: two starting centres in the top blob, none in the left one, end stuck at
    about twice the best inertia (the solution's coordinates, and centres at the blobs' means)."""
    good = plot_kmeans_interactive(n_clusters=4, init="k-means++")
    X, labels = good.X, good.steps[-1].labels
    best = good.steps[-1].inertia
    means = np.array([X[labels == j].mean(axis=0) for j in range(4)])
    low, left, middle, top = means[np.argsort(means[:, 1])]  # the blobs from bottom to top
    solution = [(-1.9, 7.7), (-0.9, 7.7), (0.9, 4.4), (2.0, 0.9)]
    for start in (solution, [top - [0.5, 0], top + [0.5, 0], middle, low]):
        w = plot_kmeans_interactive(init="click")
        for x, y in start:
            w.place_center(x, y)
        assert w.steps[-1].converged
        assert 1.8 < w.steps[-1].inertia / best < 2.2
        assert (w.steps[-1].centers[:, 1] > 6.5).sum() == 2  # two centres stay in the top blob


def test_place_center_switches_to_click_mode(widget):
    assert widget.init_dropdown.value == "random"
    widget.place_center(0.0, 2.0)
    assert widget.init_dropdown.value == "click" and widget.placing
    np.testing.assert_array_equal(widget.placed_centers, [[0.0, 2.0]])
    widget.init_dropdown.value = "random"  # back to a named init: a normal run, seed in use
    assert not widget.placing and widget.steps and not widget.seed.disabled
    widget.init_dropdown.value = "click"  # the placed centre was kept
    assert widget.caption.value.endswith("(1 of 4)")


def test_clear_removes_the_centres(placing):
    for x, y in placing.X[:4]:
        placing.place_center(x, y)
    assert not placing.placing
    placing.clear_button.click()
    assert placing.placing and placing.placed_centers.shape == (0, 2)
    assert placing.caption.value.endswith("(0 of 4)") and placing.clear_button.disabled
    placing.clear_centers()  # clearing nothing is fine
    assert placing.placing


def test_changing_k_keeps_enough_centres_and_asks_for_more(placing):
    X = placing.X
    for x, y in X[:4]:
        placing.place_center(x, y)
    placing.k_slider.value = 3  # enough: the run starts from the first three
    assert not placing.placing
    _assert_same_end(placing, X[:3])
    placing.k_slider.value = 5  # not enough: asks for one more
    assert placing.placing and placing.caption.value.endswith("(4 of 5)")
    placing.place_center(*X[10])
    _assert_same_end(placing, X[[0, 1, 2, 3, 10]])
    placing.k_slider.value = 4  # the fifth is kept for later
    _assert_same_end(placing, X[:4])
    assert placing.placed_centers.shape == (5, 2)


def test_a_new_data_set_removes_the_placed_centres(placing):
    placing.place_center(0.0, 0.0)
    placing.dataset_dropdown.value = "two moons"
    assert placing.placed_centers.shape == (0, 2) and placing.placing


def test_placing_more_than_k_is_refused(placing):
    for x, y in placing.X[:4]:
        placing.place_center(x, y)
    with pytest.raises(ValueError, match="all 4 starting centres are placed already"):
        placing.place_center(0.0, 0.0)


@pytest.mark.parametrize(
    ("x", "y"),
    [
        (np.nan, 0.0),
        (0.0, np.inf),
        (-np.inf, 1.0),
        ("1", 2.0),
        (None, 2.0),
        (True, 2.0),
        (1 + 2j, 0.0),
        ([1.0], 2.0),
        (np.array([1.0, 2.0]), 2.0),
    ],
)
def test_bad_points_are_refused(placing, x, y):
    with pytest.raises(ValueError, match="must be a finite number"):
        placing.place_center(x, y)
    assert placing.placed_centers.shape == (0, 2)


def test_numpy_numbers_and_fractions_are_accepted(placing):
    placing.place_center(np.float32(1.5), np.int64(-2))
    placing.place_center(Fraction(1, 2), 3)
    np.testing.assert_array_equal(placing.placed_centers, [[1.5, -2.0], [0.5, 3.0]])


# --- clicks: from ipyevents' coordinates to data coordinates ----------------------------------------
def _click(widget, column, row, scale=1.0, **extra):
    """The message ipyevents sends for a click at PNG pixel (column, row), the picture being shown
    at ``scale`` CSS pixels per PNG pixel (e.g. narrower than its PNG, or a zoomed page)."""
    width, height = _png_size(widget)
    event = {
        "type": "click",
        "relativeX": round(column * scale),  # ipyevents rounds to whole CSS pixels
        "relativeY": round(row * scale),
        "boundingRectWidth": width * scale,
        "boundingRectHeight": height * scale,
        "arrayX": round(column),
        "arrayY": round(row),
    }
    event.update(extra)
    # as the front end sends it: a custom message to the ipyevents.Event watching the picture
    widget.events._handle_custom_msg(event, [])


def _marker_pixel(png: bytes, rgb) -> tuple[float, float]:
    """The centre (column, row) of the pixels of exactly this colour: a drawn centre's face."""
    img = _pixels(png).astype(int)
    want = np.round(np.asarray(rgb) * 255).astype(int)
    rows, cols = np.nonzero((img == want).all(axis=2))
    assert rows.size > 5, "the marker was not found in the picture"
    return cols.mean() + 0.5, rows.mean() + 0.5


def _pixel_size(widget) -> float:
    """Data units per PNG pixel (x and y are on the same scale)."""
    (x0, _), (x1, _) = widget.pixel_to_data(0, 0), widget.pixel_to_data(1, 0)
    return abs(x1 - x0)


@pytest.mark.parametrize(
    ("figsize", "dpi"),
    [((6.4, 5.6), 100), ((3, 2), 50), ((8, 4), 137), ((4, 7), 72), ((5, 5), 250)],
)
@pytest.mark.parametrize("scale", [1.0, 0.5, 720 / 640, 2.0, 1 / 1.5])
def test_a_click_lands_on_the_data_point_under_it(figsize, dpi, scale):
    """Render a known data point, find its pixel in the PNG, click there: the centre is placed at
    that data point, whatever the figure size, dpi and the size the picture is shown at (CSS
    pixels do not depend on the device pixel ratio, so neither does the mapping)."""
    w = plot_kmeans_interactive(n_clusters=2, init="click", figsize=figsize, dpi=dpi)
    point = w.X.mean(axis=0) + [0.7, -0.4]
    w.place_center(*point)  # drawn in cluster 0's colour
    column, row = _marker_pixel(bytes(w.image.value), fig_code.cluster_colors(2)[0])
    np.testing.assert_allclose(w.data_to_pixel(*point), (column, row), atol=0.6)
    _click(w, column, row, scale=scale)
    assert not w.placing  # the click placed the second centre
    placed = w.placed_centers[1]
    # off by at most the marker's location (0.6 px) and ipyevents' rounding (0.5 CSS px)
    tol = (0.6 + 0.5 / scale) * np.sqrt(2) * _pixel_size(w)
    assert np.hypot(*(placed - point)) <= tol, (placed, point, tol)


@pytest.mark.parametrize(("figsize", "dpi"), [((6.4, 5.6), 100), ((3, 5), 80), ((9, 3), 200)])
def test_pixel_and_data_coordinates_round_trip(figsize, dpi):
    w = plot_kmeans_interactive(figsize=figsize, dpi=dpi)
    for x, y in w.X[:20]:
        np.testing.assert_allclose(w.pixel_to_data(*w.data_to_pixel(x, y)), (x, y), atol=1e-9)
    # the corners of the axes are the corners of the data window
    ax = w.step_display.ax_
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    box = ax.bbox
    _, height = _png_size(w)
    np.testing.assert_allclose(w.pixel_to_data(box.x0, height - box.y0), (x0, y0), atol=1e-9)
    np.testing.assert_allclose(w.pixel_to_data(box.x1, height - box.y1), (x1, y1), atol=1e-9)


def test_array_coordinates_are_the_fallback(placing):
    x, y = placing.X[5]
    column, row = placing.data_to_pixel(x, y)
    _click(placing, column, row, boundingRectWidth=None)
    np.testing.assert_allclose(placing.placed_centers[0], (x, y), atol=_pixel_size(placing))


def test_clicks_outside_the_axes_or_in_other_modes_do_nothing(widget):
    _click(widget, *widget.data_to_pixel(*widget.X[0]))  # init "random": not placing
    assert widget.placed_centers.shape == (0, 2) and widget.init_dropdown.value == "random"
    widget.init_dropdown.value = "click"
    _click(widget, 2, 2)  # the white margin, left of and above the axes
    _click(widget, *widget.data_to_pixel(*widget.X[0]), type="dblclick")
    _click(widget, 0, 0, boundingRectWidth=None, arrayX=None)  # no coordinates at all
    assert widget.placed_centers.shape == (0, 2)
    for x, y in widget.X[:5]:  # the fifth click, with all four placed, is ignored
        _click(widget, *widget.data_to_pixel(x, y))
    assert widget.placed_centers.shape == (4, 2) and not widget.placing


def test_clicks_come_from_ipyevents_on_the_image(widget):
    from ipyevents import Event

    assert isinstance(widget.events, Event)
    assert widget.events.source is widget.image
    assert widget.events.watched_events == ["click"]


def test_without_ipyevents_the_rest_works_and_the_caption_says_so(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipyevents", None)  # import ipyevents -> ImportError
    w = plot_kmeans_interactive(init="click", n_clusters=2)
    assert w.events is None
    assert w.caption.value.startswith("clicking is unavailable here")
    assert w.step_display.caption_.get_text().startswith("Clicking is unavailable")
    w.place_center(*w.X[0])
    w.place_center(*w.X[1])
    _assert_same_end(w, w.X[:2])
    w.next.click()
    assert w.step_slider.value == 1


def test_placing_captions_fit_inside_the_frame(monkeypatch):
    w = plot_kmeans_interactive(n_clusters=10, init="click")
    display = w.step_display
    box = display.caption_.get_window_extent(display.figure_.canvas.get_renderer())
    assert 0 <= box.x0 and box.x1 <= _png_size(w)[0]
    monkeypatch.setitem(sys.modules, "ipyevents", None)
    w = plot_kmeans_interactive(n_clusters=10, init="click")
    display = w.step_display
    box = display.caption_.get_window_extent(display.figure_.canvas.get_renderer())
    assert 0 <= box.x0 and box.x1 <= _png_size(w)[0]
