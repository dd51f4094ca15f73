"""fig_code.color_plots: the plotting contract (ax=None, **kwargs, returns the Axes, ValueError for a bad ax)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.axes import Axes

import fig_code
from fig_code import plot_color_cloud, plot_palette


@pytest.fixture
def tiny() -> np.ndarray:
    """A 4 x 4 image: the top half red, the bottom half blue."""
    image = np.zeros((4, 4, 3), dtype=np.uint8)
    image[:2, :, 0] = 255
    image[2:, :, 2] = 255
    return image


PALETTE = np.array([[255, 0, 0], [0, 0, 255]], dtype=np.uint8)


@pytest.mark.parametrize("ax", ["axes", 3, object(), [None]])
def test_plot_palette_bad_ax_is_a_value_error(ax):
    with pytest.raises(ValueError, match="ax must be a matplotlib Axes"):
        plot_palette(PALETTE, ax=ax)


@pytest.mark.parametrize("ax", ["axes", 3, object()])
def test_plot_color_cloud_bad_ax_is_a_value_error(tiny, ax):
    with pytest.raises(ValueError, match="ax must be a matplotlib Axes"):
        plot_color_cloud(tiny, ax=ax)


def test_plot_palette_draws_on_the_given_ax_and_returns_it():
    ax = fig_code.new_figure().add_subplot()
    assert plot_palette(PALETTE, ax=ax) is ax
    assert len(ax.images) == 1
    new = plot_palette(PALETTE)
    assert isinstance(new, Axes) and new is not ax and new.figure is not ax.figure


def test_plot_palette_passes_kwargs_to_imshow():
    default = plot_palette(PALETTE).images[0]
    assert default.get_interpolation() == "nearest"
    image = plot_palette(PALETTE, interpolation="bilinear", alpha=0.5).images[0]
    assert image.get_interpolation() == "bilinear" and image.get_alpha() == 0.5


def test_plot_color_cloud_passes_kwargs_to_the_cloud_scatter(tiny):
    ax = plot_color_cloud(tiny, n_pixels=16, palette=PALETTE, s=25, alpha=0.3)
    cloud, centres = ax.collections
    assert cloud.get_sizes().tolist() == [25] and cloud.get_alpha() == 0.3
    assert centres.get_sizes().tolist() == [70] and centres.get_alpha() is None  # untouched
    default = plot_color_cloud(tiny, n_pixels=16).collections[0]
    assert default.get_sizes().tolist() == [4] and default.get_rasterized()


def test_plot_color_cloud_of_a_tiny_image(tiny):
    ax = plot_color_cloud(tiny, channels=("red", "blue"), n_pixels=100)  # more than there are
    offsets = ax.collections[0].get_offsets()
    assert sorted(map(tuple, offsets.tolist())) == [(0, 255)] * 8 + [(255, 0)] * 8


@pytest.mark.parametrize(
    ("palette", "match"),
    [
        (np.zeros((3, 4), np.uint8), r"palette must be an RGB array of shape \(n_colors, 3\)"),
        (np.full((2, 3), -1.0), "float values from -1"),
    ],
)
def test_plot_color_cloud_bad_palette(tiny, palette, match):
    with pytest.raises(ValueError, match=match):
        plot_color_cloud(tiny, palette=palette)


@pytest.mark.parametrize("n_columns", [0, 2.5, "4"])
def test_plot_palette_bad_n_columns(n_columns):
    with pytest.raises(ValueError, match="n_columns must be"):
        plot_palette(PALETTE, n_columns=n_columns)


@pytest.mark.parametrize("ncols", [0, 2.5, "4"])
def test_plot_palette_bad_ncols(ncols):
    with pytest.raises(ValueError, match="ncols must be"):
        plot_palette(PALETTE, ncols=ncols)


def test_plot_palette_ncols_and_its_former_name_agree():
    new = plot_palette(np.zeros((5, 3)), ncols=2).images[0].get_array()
    old = plot_palette(np.zeros((5, 3)), n_columns=2).images[0].get_array()
    assert new.shape == old.shape == (3, 2, 3)
    with pytest.raises(ValueError, match="not both"):
        plot_palette(PALETTE, ncols=2, n_columns=2)
