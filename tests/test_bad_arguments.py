"""Bad arguments to the public functions raise ValueError naming the argument (issue 14's review).

One row per bad input the docstrings rule out and that once gave another exception (TypeError,
AttributeError, scikit-learn's InvalidParameterError), NumPy's message, or no error at all.
"""

from __future__ import annotations

import numpy as np
import pytest

import fig_code as F
from fig_code import checks

RNG = np.random.default_rng(0)
X = RNG.normal(size=(30, 2))
LABELS = np.arange(30) % 3
IMG = (RNG.random((6, 7, 3)) * 255).astype(np.uint8)
STEPS = F.kmeans_steps(X, 3, random_state=0)


def _display():
    return F.KMeansStepDisplay(X, STEPS[1])


CASES = {
    # 1. random_state, checked on every path
    "quantize_colors few colours rs='abc'": (
        lambda: F.quantize_colors(IMG[:1, :1], 4, random_state="abc"),
        "random_state",
    ),
    "quantize_colors rs=True": (
        lambda: F.quantize_colors(IMG, 4, random_state=True),
        "random_state",
    ),
    "kmeans_quantize rs='abc'": (
        lambda: F.kmeans_quantize(IMG, 4, random_state="abc"),
        "random_state",
    ),
    "kmeans_quantize rs=-1": (lambda: F.kmeans_quantize(IMG, 4, random_state=-1), "random_state"),
    "colour widget rs='abc'": (
        lambda: F.plot_color_compression_interactive(IMG, 4, random_state="abc"),
        "random_state",
    ),
    "colour widget rs=-1": (
        lambda: F.plot_color_compression_interactive(IMG, 4, random_state=-1),
        "random_state",
    ),
    "colour widget rs=True": (
        lambda: F.plot_color_compression_interactive(IMG, 4, random_state=True),
        "random_state",
    ),
    # 2. what once raised TypeError / AttributeError, or passed silently
    "new_figure figsize=3.5": (lambda: F.new_figure(3.5), "figsize"),
    "new_figure figsize=None": (lambda: F.new_figure(None), "figsize"),
    "new_figure dpi='3'": (lambda: F.new_figure((3, 3), "3"), "dpi"),
    "new_figure dpi=0": (lambda: F.new_figure((3, 3), 0), "dpi"),
    "new_figure dpi=-1": (lambda: F.new_figure((3, 3), -1), "dpi"),
    "new_figure dpi=nan": (lambda: F.new_figure((3, 3), float("nan")), "dpi"),
    "new_figure dpi=True": (lambda: F.new_figure((3, 3), True), "dpi"),
    "figure_to_png of a str": (lambda: F.figure_to_png("axes"), "fig"),
    "figure_to_png of an Axes": (lambda: F.figure_to_png(F.new_figure().add_subplot()), "fig"),
    "figure_to_png dpi='3'": (lambda: F.figure_to_png(F.new_figure(), dpi="3"), "dpi"),
    "figure_to_png dpi=0": (lambda: F.figure_to_png(F.new_figure(), dpi=0), "dpi"),
    "data_limits margin='3'": (lambda: F.data_limits(X, margin="3"), "margin"),
    "data_limits margin=None": (lambda: F.data_limits(X, margin=None), "margin"),
    "data_limits margin=nan": (lambda: F.data_limits(X, margin=float("nan")), "margin"),
    "data_limits margin=-1": (lambda: F.data_limits(X, margin=-1), "margin"),
    "plot_kmeans_interactive figsize=None": (
        lambda: F.plot_kmeans_interactive(X, 3, figsize=None),
        "figsize",
    ),
    "plot_digit_images titles=3": (
        lambda: F.plot_digit_images(np.zeros((3, 64)), titles=3),
        "titles",
    ),
    "plot_cluster_map center_names=3": (
        lambda: F.plot_cluster_map(X, LABELS, LABELS, centers=X[:3], center_names=3),
        "center_names",
    ),
    "pillow_quantize method=[3]": (lambda: F.pillow_quantize(IMG, 4, method=[3]), "method"),
    "display.update before plot": (lambda: _display().update(STEPS[2]), r"plot\(\) first"),
    "display.show_data before plot": (lambda: _display().show_data(X[:1]), r"plot\(\) first"),
    "display.data_to_pixel before plot": (
        lambda: _display().data_to_pixel(0, 0),
        r"plot\(\) first",
    ),
    "display.pixel_to_data before plot": (
        lambda: _display().pixel_to_data(0, 0),
        r"plot\(\) first",
    ),
    "display.contains_pixel before plot": (
        lambda: _display().contains_pixel(0, 0),
        r"plot\(\) first",
    ),
    "display.show_data 3 columns": (
        lambda: _display().plot().show_data(np.zeros((2, 3))),
        r"centers must be a 2-D array of shape \(n_clusters, 2\)",
    ),
    "plot_palette ragged": (
        lambda: F.plot_palette([[1, 2, 3], [1, 2]]),
        "palette.*different lengths",
    ),
    "contingency_table ragged": (
        lambda: F.contingency_table([[1], [1, 2]], [1, 2]),
        "clusters.*different lengths",
    ),
    # 3. display arguments
    "plot_clusters alpha='3'": (lambda: F.plot_clusters(X, LABELS, alpha="3"), "alpha"),
    "plot_clusters alpha=3": (lambda: F.plot_clusters(X, LABELS, alpha=3), "alpha"),
    "plot_clusters size=-5": (lambda: F.plot_clusters(X, LABELS, size=-5), "size"),
    "plot_clusters size=nan": (lambda: F.plot_clusters(X, LABELS, size=float("nan")), "size"),
    "plot_cluster_map size=-5": (lambda: F.plot_cluster_map(X, LABELS, LABELS, size=-5), "size"),
    "plot_cluster_map fontsize='big'": (
        lambda: F.plot_cluster_map(X, LABELS, LABELS, fontsize="big"),
        "fontsize",
    ),
    "plot_digit_images cmap=[3]": (
        lambda: F.plot_digit_images(np.zeros((3, 64)), cmap=[3]),
        "cmap",
    ),
    "plot_digit_images fontsize=-5": (
        lambda: F.plot_digit_images(np.zeros((3, 64)), fontsize=-5),
        "fontsize",
    ),
    # 4. checks moved into _validation: the same messages
    "make_dataset name='nope'": (lambda: F.make_dataset("nope"), "name must be one of 'blobs'"),
    "make_dataset name=[3]": (lambda: F.make_dataset([3]), "name must be one of 'blobs'"),
    "plot_kmeans_interactive dataset='nope'": (
        lambda: F.plot_kmeans_interactive(dataset="nope"),
        "dataset must be one of 'blobs'",
    ),
    "plot_color_cloud channels='red'": (
        lambda: F.plot_color_cloud(IMG, channels="red"),
        r"channels must be a pair such as \('red', 'green'\)",
    ),
    "plot_color_cloud channels=('red', 'pink')": (
        lambda: F.plot_color_cloud(IMG, channels=("red", "pink")),
        "channels must name two of 'red', 'green', 'blue'; got 'pink'",
    ),
    "plot_palette ncols and n_columns": (
        lambda: F.plot_palette(IMG[0], ncols=2, n_columns=2),
        "give ncols or its former name n_columns, not both",
    ),
    "psnr shapes differ": (
        lambda: F.psnr(IMG, IMG[:2]),
        "original and approximation must have the same shape",
    ),
    "psnr kinds differ": (
        lambda: F.psnr(IMG, IMG / 255),
        "original and approximation must both be uint8, or both float",
    ),
    "measure of a number": (lambda: F.measure(3), "func must be a function to call"),
    "kmeans_quantize fit_on of another kind": (
        lambda: F.kmeans_quantize(IMG, 4, fit_on=IMG / 255),
        "fit_on must hold pixels of the same kind as image",
    ),
    "pillow_quantize float image": (
        lambda: F.pillow_quantize(IMG / 255, 4),
        r"image must be uint8 for Pillow; got float64 .*\* 255\)\.round\(\)",
    ),
    "png_size float image": (
        lambda: F.png_size(IMG / 255),
        r"image must be uint8 \(or a PIL image\); got float64 .*\* 255\)\.round\(\)",
    ),
    "check_paletted_size shape=(6,)": (
        lambda: checks.check_paletted_size(100, (6,), 4),
        r"shape must be \(height, width\) or \(height, width, 3\)",
    ),
    "check_paletted_size shape=None": (
        lambda: checks.check_paletted_size(100, None, 4),
        r"shape must be \(height, width\) or \(height, width, 3\)",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_argument_raises_value_error_naming_it(case):
    call, match = CASES[case]
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: F.quantize_colors(IMG[:1, :1], 4, random_state=None),
        lambda: F.quantize_colors(IMG, 4, random_state=np.random.RandomState(0)),
        lambda: F.kmeans_quantize(IMG, 4, random_state=np.random.RandomState(0)),
        lambda: F.data_limits(X, margin=0),
        lambda: F.plot_clusters(X, LABELS, size=0, alpha=1),
        lambda: F.figure_to_png(F.new_figure((1, 1)), dpi=50),
    ],
)
def test_good_edge_values_are_still_accepted(call):
    call()


def test_a_random_state_instance_gives_the_same_palette_as_its_seed():
    """quantize_colors checks random_state once, up front; the RandomState it makes is the seed's."""
    by_seed = F.quantize_colors(IMG, 4, random_state=3)[1]
    by_state = F.quantize_colors(IMG, 4, random_state=np.random.RandomState(3))[1]
    np.testing.assert_array_equal(by_seed, by_state)
