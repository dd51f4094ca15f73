"""fig_code.step_widget: the K-means step-through, driven programmatically."""

from __future__ import annotations

import io

import ipywidgets as widgets
import numpy as np
import pytest
from PIL import Image

import fig_code
from fig_code import DATASETS, make_dataset
from fig_code.step_widget import KMeansStepThrough, _png_bytes, plot_kmeans_interactive


@pytest.fixture
def widget() -> KMeansStepThrough:
    return plot_kmeans_interactive()


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


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
    assert widget._summary() == f"K-means step-through on blobs: k=4, step 0 of {last} (init)"


def test_moving_the_step_slider_changes_the_image(widget):
    seen = {bytes(widget.image.value)}
    for i in range(1, widget.step_slider.max + 1):
        widget.step_slider.value = i
        seen.add(bytes(widget.image.value))
    assert len(seen) == widget.step_slider.max + 1  # every frame is a different picture
    assert widget._summary().endswith(
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
    frame = widget._frame
    assert any(a.get_visible() for a in frame.arrows)
    assert frame.caption.get_text().lower() == "move each centre to the mean of its points"
    widget.step_slider.value = 1
    assert not any(a.get_visible() for a in frame.arrows)
    assert frame.caption.get_text().lower() == "assign each point to its nearest centre"
    assert "inertia" in frame.info.get_text() and "step 1 of" in frame.info.get_text()
    widget.step_slider.value = widget.step_slider.max
    assert "converged" in frame.info.get_text()
    assert frame.caption.get_text() == "Converged: no point changed cluster"


def test_every_caption_fits_inside_the_frame(widget):
    """No caption or info line may be cut off at the right edge of the picture."""
    fig = widget._fig
    renderer = fig.canvas.get_renderer()
    width = fig.bbox.width
    for i in range(widget.step_slider.max + 1):
        widget.step_slider.value = i
        for text in (widget._frame.caption, widget._frame.info):
            box = text.get_window_extent(renderer)
            assert 0 <= box.x0 and box.x1 <= width, (i, text.get_text())


def test_changing_k_recomputes_and_caches(widget):
    steps4 = widget.steps
    widget.step_slider.value = 2
    widget.k_slider.value = 6
    assert widget.step_slider.value == 0
    assert widget.steps[0].centers.shape == (6, 2)
    assert widget.step_slider.max == len(widget.steps) - 1 == widget.play.max
    assert "k=6, step 0 of" in widget._summary()
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
    assert widget._summary().startswith("K-means step-through on two moons: k=4, step 0 of")
    # the axes are fixed from the data: the window does not move between frames
    lims = widget._ax.get_xlim(), widget._ax.get_ylim()
    widget.step_slider.value = widget.step_slider.max
    assert (widget._ax.get_xlim(), widget._ax.get_ylim()) == lims


def test_own_data():
    X, _ = make_dataset("uneven sizes", n_samples=60, random_state=1)
    w = plot_kmeans_interactive(X, n_clusters=3, init="k-means++", random_state=5)
    assert w.dataset_dropdown is None
    assert w.k_slider.value == 3 and w.init_dropdown.value == "k-means++" and w.seed.value == 5
    np.testing.assert_array_equal(w.X, X)
    assert w._summary().startswith("K-means step-through: k=3, step 0 of")
    tiny = plot_kmeans_interactive(X[:6], n_clusters=2)
    assert tiny.k_slider.max == 6


def test_display_bundle_has_text_and_png(widget):
    widget.step_slider.value = 1
    bundle = widget._repr_mimebundle_()
    assert bundle["text/plain"] == widget._summary()
    assert "image/png" in bundle


def test_nothing_is_printed(capsys):
    w = plot_kmeans_interactive(n_clusters=5)
    w.next.click()
    w.k_slider.value = 2
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


def test_png_writer_round_trips():
    rng = np.random.RandomState(0)
    rgba = rng.randint(0, 256, size=(7, 5, 4)).astype(np.uint8)
    np.testing.assert_array_equal(_pixels(_png_bytes(rgba)), rgba[..., :3])


def test_exported():
    assert fig_code.plot_kmeans_interactive is plot_kmeans_interactive
    assert "plot_kmeans_interactive" in fig_code.__all__


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
        ((), {"init": "kmeans"}, "init must be 'random' or 'k-means\\+\\+'"),
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
    assert tuple(w._fig.get_size_inches()) == (3.0, 2.0)
