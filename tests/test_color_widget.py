"""fig_code.color_widget and fig_code.color_plots: the n_colors slider, driven programmatically."""

from __future__ import annotations

import io

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.axes import Axes
from PIL import Image
from sklearn.datasets import load_sample_image

import fig_code
from fig_code import (
    plot_color_cloud,
    plot_color_compression_interactive,
    plot_palette,
    sample_pixels,
)
from fig_code._frames import FrameWidget
from fig_code.color_widget import ColorCompressionWidget
from fig_code.metrics import psnr
from fig_code.quantize import quantize_colors


@pytest.fixture(scope="module")
def china() -> np.ndarray:
    return load_sample_image("china.jpg")


@pytest.fixture
def widget(china) -> ColorCompressionWidget:
    """A fresh widget for every test (tests move its slider)."""
    return plot_color_compression_interactive(china, name="china.jpg")


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def test_starts_at_64_colours_with_a_png(widget, china):
    assert isinstance(widget, FrameWidget) and isinstance(widget, widgets.VBox)
    s = widget.slider
    assert isinstance(s, widgets.IntSlider)
    assert (s.value, s.min, s.max, s.description) == (64, 2, 256, "n_colors")
    png = bytes(widget.image.value)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    frame = _pixels(png)
    assert frame.shape[1] == 640 + 2 * 16  # the image at its own size, plus margins
    assert frame.shape[0] > 427
    quantized, palette = quantize_colors(china, 64)
    np.testing.assert_array_equal(widget.quantized, quantized)
    np.testing.assert_array_equal(widget.palette, palette)
    assert widget.psnr == pytest.approx(psnr(china, quantized))


def test_the_frame_shows_the_quantized_image_pixel_for_pixel(widget):
    """At its own size and with nearest interpolation, the frame holds the quantized pixels."""
    frame = _pixels(bytes(widget.image.value))
    height, width = widget.quantized.shape[:2]
    # locate the image: the first row/column where the frame equals the quantized image's corner
    found = False
    for top in range(0, 80):
        if np.array_equal(frame[top, 16 : 16 + width], widget.quantized[0]):
            found = np.array_equal(frame[top : top + height, 16 : 16 + width], widget.quantized)
            break
    assert found


def test_moving_the_slider_changes_image_and_psnr(widget, china):
    widget.slider.value = 64
    before, psnr_64 = bytes(widget.image.value), widget.psnr
    widget.slider.value = 8
    after = bytes(widget.image.value)
    assert after != before
    assert widget.psnr < psnr_64
    assert len(np.unique(widget.quantized.reshape(-1, 3), axis=0)) <= 8
    assert widget.palette.shape == (8, 3)
    widget.slider.value = 256
    assert widget.psnr > psnr_64
    widget.slider.value = 64
    assert bytes(widget.image.value) == before  # from the cache, identical


def test_frames_are_deterministic(widget, china):
    other = plot_color_compression_interactive(china, name="china.jpg")
    assert bytes(other.image.value) == bytes(widget.image.value)


def test_text_plain_is_stable_and_says_what_is_shown(widget):
    bundle = widget._repr_mimebundle_()
    assert bundle["text/plain"] == (
        f"Colour compression of china.jpg (427 x 640): 64 colours, PSNR {widget.psnr:.1f} dB "
        "(slider n_colors from 2 to 256)"
    )
    assert "image/png" in bundle
    widget.slider.value = 16
    assert "16 colours" in widget._repr_mimebundle_()["text/plain"]


def test_the_cache_is_bounded(china, monkeypatch):
    """Frames are computed once while among the most recent ``cache_size``, then again."""
    import fig_code.color_widget as cw

    computed = []

    def counting(image, n_colors, **kwargs):
        computed.append(n_colors)
        return quantize_colors(image, n_colors, **kwargs)

    monkeypatch.setattr(cw, "quantize_colors", counting)
    monkeypatch.setattr(ColorCompressionWidget, "cache_size", 2)
    small = china[::4, ::4].copy()
    w = plot_color_compression_interactive(small, n_colors=4)
    pictures = {}
    for n in (5, 6, 7, 6, 7):  # 6 and 7 are the two most recent: shown from the cache
        w.slider.value = n
        pictures.setdefault(n, bytes(w.image.value))
        assert bytes(w.image.value) == pictures[n]
    assert computed == [4, 5, 6, 7]
    w.slider.value = 5  # dropped from the cache: computed again, the same picture
    assert computed == [4, 5, 6, 7, 5] and bytes(w.image.value) == pictures[5]


def test_a_wide_image_is_scaled_down(china):
    wide = np.concatenate([china, china], axis=1)  # 1280 pixels wide
    w = plot_color_compression_interactive(wide, n_colors=4)
    assert _pixels(bytes(w.image.value)).shape[1] == 720 + 2 * 16


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n_colors": 1}, "n_colors must be between 2 and 256; got 1"),
        ({"n_colors": 257}, "n_colors must be between 2 and 256"),
        ({"n_colors": 3.0}, "n_colors must be an integer"),
        ({"dpi": 5}, "dpi must be between 20 and 300"),
    ],
)
def test_bad_arguments(china, kwargs, match):
    with pytest.raises(ValueError, match=match):
        plot_color_compression_interactive(china, **kwargs)


@pytest.mark.parametrize(
    "image",
    [np.zeros((10, 10), np.uint8), np.zeros((10, 10, 4), np.uint8), np.full((4, 4, 3), 2.0)],
)
def test_bad_image(image):
    with pytest.raises(
        ValueError, match=r"image must be an RGB array of shape \(height, width, 3\)"
    ):
        plot_color_compression_interactive(image)


# --- the drawing functions --------------------------------------------------------------------------
def test_sample_pixels_is_seeded_and_without_replacement(china):
    a = sample_pixels(china, 500, random_state=0)
    b = sample_pixels(china, 500, random_state=0)
    assert a.shape == (500, 3) and a.dtype == np.uint8
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, sample_pixels(china, 500, random_state=1))
    tiny = np.arange(12, dtype=np.uint8).reshape(2, 2, 3)
    assert sorted(map(tuple, sample_pixels(tiny, 4))) == sorted(map(tuple, tiny.reshape(-1, 3)))
    with pytest.raises(ValueError, match="n_pixels must be between 1 and 4"):
        sample_pixels(tiny, 5)


def test_plot_color_cloud_draws_each_pixel_in_its_own_colour(china):
    _, palette = quantize_colors(china, 8)
    ax = plot_color_cloud(china, channels=("green", "blue"), n_pixels=300, palette=palette)
    assert isinstance(ax, Axes)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("green", "blue")
    cloud, centres = ax.collections
    sample = sample_pixels(china, 300, random_state=0)
    np.testing.assert_array_equal(cloud.get_offsets(), sample[:, [1, 2]])
    np.testing.assert_allclose(cloud.get_facecolors()[:, :3], sample / 255)
    np.testing.assert_array_equal(centres.get_offsets(), palette[:, [1, 2]])
    assert ax.get_xlim() == (0, 255)


def test_plot_color_cloud_float_image_and_given_ax(china):
    ax = fig_code.new_figure().add_subplot()
    assert plot_color_cloud(china / 255, n_pixels=50, ax=ax) is ax
    assert ax.get_xlim() == (0, 1)


@pytest.mark.parametrize(
    ("channels", "match"),
    [
        (("red", "purple"), "two of 'red', 'green', 'blue'"),
        (("red",), "a pair"),
        (None, "a pair"),
        ("rg", "a pair"),
        (3, "a pair"),
    ],
)
def test_plot_color_cloud_bad_channels(china, channels, match):
    with pytest.raises(ValueError, match=match):
        plot_color_cloud(china, channels=channels)


@pytest.mark.parametrize("n_pixels", ["a", 0, 2.5, None])
def test_plot_color_cloud_bad_n_pixels(china, n_pixels):
    with pytest.raises(ValueError, match="n_pixels"):
        plot_color_cloud(china, n_pixels=n_pixels)


def test_sample_pixels_takes_a_random_state_like_scikit_learn(china):
    a = sample_pixels(china, 200, random_state=np.random.RandomState(3))
    np.testing.assert_array_equal(a, sample_pixels(china, 200, random_state=3))
    pixels = china.reshape(-1, 3)
    expected = pixels[np.random.RandomState(3).choice(len(pixels), size=200, replace=False)]
    np.testing.assert_array_equal(a, expected)


def test_plot_palette_grid():
    palette = np.random.default_rng(0).integers(0, 256, size=(40, 3)).astype(np.uint8)
    ax = plot_palette(palette)
    grid = ax.images[0].get_array()
    assert grid.shape == (2, 32, 3)
    np.testing.assert_allclose(grid.reshape(-1, 3)[:40], palette / 255)
    np.testing.assert_allclose(grid.reshape(-1, 3)[40:], 1.0)  # unused cells white
    assert plot_palette(palette, n_columns=10).images[0].get_array().shape == (4, 10, 3)


@pytest.mark.parametrize(
    ("palette", "match"),
    [
        (np.zeros((4, 4), np.uint8), r"palette must be an RGB array of shape \(n_colors, 3\)"),
        (np.zeros((0, 3), np.uint8), r"\(n_colors, 3\).*got shape \(0, 3\)"),
        (np.full((4, 3), 300.0), "float values from 300"),
    ],
)
def test_plot_palette_bad_input(palette, match):
    with pytest.raises(ValueError, match=match):
        plot_palette(palette)


def test_title_says_bit_or_bits(china):
    widget = plot_color_compression_interactive(china[::4, ::4].copy(), n_colors=2)
    assert "(1 bit per pixel)" in widget.caption
    widget.slider.value = 3
    assert "(2 bits per pixel)" in widget.caption
    widget.slider.value = 2  # a cached frame brings its own caption back
    assert "(1 bit per pixel)" in widget.caption


def test_color_cloud_has_a_white_background(china):
    ax = plot_color_cloud(china, n_pixels=100)
    assert ax.get_facecolor()[:3] == (1.0, 1.0, 1.0)
