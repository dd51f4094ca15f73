"""fig_code.plot_digit_images: one small picture per row, on given axes or a new figure."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from sklearn.datasets import load_digits

from fig_code import (
    cluster_colors,
    figure_to_png,
    new_figure,
    plot_cluster_map,
    plot_digit_images,
)

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def images():
    return load_digits().data[:10]


def test_draws_each_image_on_a_new_figure(images):
    fig = plot_digit_images(images, titles=[f"image {i}" for i in range(10)])
    assert isinstance(fig, Figure)  # a multi-panel function returns its Figure
    axes = fig.axes
    assert len(axes) == 10
    for i, ax in enumerate(axes):
        (im,) = ax.get_images()
        assert np.array_equal(im.get_array(), images[i].reshape(8, 8))
        assert ax.get_title() == f"image {i}"
        assert ax.get_xticks().size == 0 and ax.get_yticks().size == 0
    # one shared grey scale, so the pictures compare fairly
    assert {ax.get_images()[0].get_clim() for ax in axes} == {(images.min(), images.max())}
    assert figure_to_png(fig)[:4] == b"\x89PNG"


def test_draws_on_given_axes_and_hides_the_extras(images):
    fig = new_figure((8, 4))
    given = fig.subplots(2, 4)
    assert plot_digit_images(images[:6], axes=given) is fig
    axes = given.ravel()
    assert [ax.get_images() != [] for ax in axes] == [True] * 6 + [False] * 2
    assert [ax.axison for ax in axes] == [True] * 6 + [False] * 2


def test_other_shapes_and_grid_width():
    flat = np.arange(12.0).reshape(2, 6)
    axes = plot_digit_images(flat, shape=(2, 3), ncols=1).axes
    assert axes[0].get_images()[0].get_array().shape == (2, 3)
    assert axes[0].get_gridspec().ncols == 1 and axes[0].get_gridspec().nrows == 2


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"images": np.zeros((3, 63))}, "64 columns"),
        ({"images": np.zeros(64)}, "2-D"),
        ({"images": np.zeros((2, 64)), "shape": (8, 0)}, "positive integers"),
        ({"images": np.zeros((2, 64)), "shape": 8}, "pair"),
        ({"images": np.zeros((2, 64)), "titles": ["a"]}, "one title per image"),
        ({"images": np.zeros((2, 64)), "ncols": 0}, "ncols"),
        ({"images": np.full((2, 64), np.nan)}, "NaN"),
    ],
)
def test_bad_arguments_raise(kwargs, words):
    with pytest.raises(ValueError, match=words):
        plot_digit_images(**kwargs)


def test_non_axes_raise(images):
    fig = new_figure()
    axes = list(fig.subplots(1, 3))
    with pytest.raises(ValueError, match="axes must hold matplotlib Axes .* got a str"):
        plot_digit_images(images[:3], axes=[axes[0], "axes", axes[2]])


def test_too_few_axes_raise(images):
    fig = new_figure()
    with pytest.raises(ValueError, match="at least one Axes per image"):
        plot_digit_images(images, axes=fig.subplots(1, 3))


# --- plot_cluster_map ----------------------------------------------------------------------------


def test_cluster_map_colours_by_prediction_and_crosses_the_wrong_ones():
    points = np.array([[0.0, 0.0], [1.0, 0.0], [5.0, 5.0], [6.0, 5.0]])
    predicted = np.array([3, 3, 7, 7])
    y_true = np.array([3, 1, 7, 7])
    fig = new_figure()
    given = fig.subplots()
    ax = plot_cluster_map(
        points, predicted, y_true, centers=[[0.5, 0], [5.5, 5]], center_names=["3", "7"], ax=given
    )
    assert ax is given
    dots, crosses = ax.collections
    # the package's cluster colours, as in plot_clusters
    assert np.allclose(dots.get_facecolors()[:, :3], cluster_colors(10)[predicted])
    assert np.array_equal(
        crosses.get_offsets(), points[[1]]
    )  # only the sample whose digit is wrong
    assert crosses.get_label() == "wrong digit"
    assert [(t.get_text(), t.get_position()) for t in ax.texts] == [
        ("3", (0.5, 0)),
        ("7", (5.5, 5)),
    ]
    assert figure_to_png(fig)[:4] == b"\x89PNG"


def test_cluster_map_without_centres_makes_its_own_figure():
    ax = plot_cluster_map([[0, 0], [1, 1]], [0, 1], [0, 1])
    assert isinstance(ax, Axes)
    assert len(ax.texts) == 0 and len(ax.collections[1].get_offsets()) == 0


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"points": np.zeros((3, 3))}, r"shape \(n_samples, 2\)"),
        ({"predicted": [0, 1]}, "one entry per sample"),
        ({"y_true": [0.5, 1, 2]}, "integer labels"),
        ({"centers": np.zeros((2, 2))}, "one name per centre"),
        ({"centers": np.zeros((2, 2)), "center_names": ["a"]}, "one name per centre"),
        ({"center_names": ["a"]}, "needs centers"),
        ({"centers": np.zeros((2, 3)), "center_names": ["a", "b"]}, "centers must be"),
        ({"predicted": [0, -1, 2]}, "predicted must be cluster numbers .* negative label -1"),
        ({"ax": "axes"}, "ax must be a matplotlib Axes"),
    ],
)
def test_cluster_map_bad_arguments_raise(kwargs, words):
    args = {"points": np.zeros((3, 2)), "predicted": [0, 1, 2], "y_true": [0, 1, 2]} | kwargs
    with pytest.raises(ValueError, match=words):
        plot_cluster_map(**args)


def test_cluster_map_passes_keywords_to_the_dots():
    ax = plot_cluster_map([[0, 0], [1, 1], [2, 2]], [0, 1, 1], [0, 1, 0], alpha=0.4, s=30)
    dots, crosses = ax.collections
    assert dots.get_alpha() == 0.4 and dots.get_sizes().tolist() == [30]
    assert crosses.get_alpha() is None  # the crosses keep their own style
    assert np.allclose(dots.get_facecolors()[:, :3], cluster_colors(2)[[0, 1, 1]])


def test_plot_cluster_map_size_is_the_dot_size_and_s_still_works():
    args = ([[0, 0], [1, 1], [2, 2]], [0, 1, 1], [0, 1, 0])
    dots = plot_cluster_map(*args, size=30).collections[0]
    assert np.allclose(dots.get_sizes(), 30)
    assert np.allclose(plot_cluster_map(*args, s=7).collections[0].get_sizes(), 7)
    assert np.allclose(plot_cluster_map(*args).collections[0].get_sizes(), 12)
