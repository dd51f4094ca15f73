"""fig_code.plotting: clusters, Voronoi regions and K-means small multiples."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.path import Path

from fig_code import KMeansStepDisplay, kmeans_steps, make_dataset
from fig_code.figures import figure_to_png, new_figure
from fig_code.kmeans import _assign
from fig_code.plotting import (
    CLUSTER_MARKERS,
    cluster_colors,
    data_limits,
    plot_clusters,
    plot_kmeans_steps,
    plot_voronoi,
    voronoi_cells,
)


@pytest.fixture(scope="module")
def blobs():
    return make_dataset("blobs", n_samples=120, random_state=0)


@pytest.fixture(autouse=True)
def _no_pyplot_figures():
    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before, "fig_code must not create pyplot figures"


def _ax() -> Axes:
    return new_figure().add_subplot()


# --- colours and limits ---------------------------------------------------------------------------
def test_cluster_colors_are_seaborn_colorblind_and_cycle():
    expected = np.array(sns.color_palette("colorblind", 10))[[0, 1, 2, 4, 3, 5, 6, 7, 8, 9]]
    np.testing.assert_allclose(cluster_colors(10), expected, atol=1e-3)
    np.testing.assert_array_equal(cluster_colors(12)[10:], cluster_colors(2))
    assert len(set(CLUSTER_MARKERS)) == len(CLUSTER_MARKERS) == 10
    with pytest.raises(ValueError, match="n_clusters must be at least 1"):
        cluster_colors(0)


def test_data_limits_cover_the_data_and_fill_the_box(blobs):
    X, _ = blobs
    (x0, x1), (y0, y1) = data_limits(X)
    assert x0 < X[:, 0].min() and x1 > X[:, 0].max()
    assert y0 < X[:, 1].min() and y1 > X[:, 1].max()
    for aspect in (0.5, 1.0, 2.0):
        (a0, a1), (b0, b1) = data_limits(X, aspect=aspect)
        assert (b1 - b0) / (a1 - a0) == pytest.approx(aspect)
        assert a0 <= x0 and a1 >= x1 and b0 <= y0 and b1 >= y1
    (lo, hi), _ = data_limits([[1.0, 1.0]])  # a single point still gets a window
    assert lo < 1.0 < hi


@pytest.mark.parametrize(
    ("X", "kwargs", "match"),
    [
        (np.zeros((5, 3)), {}, r"shape \(n_samples, 2\)"),
        (np.zeros(5), {}, "2-D"),
        (np.zeros((5, 2)), {"aspect": 0}, "aspect must be a positive number"),
    ],
)
def test_data_limits_bad_input(X, kwargs, match):
    with pytest.raises(ValueError, match=match):
        data_limits(X, **kwargs)


# --- plot_clusters --------------------------------------------------------------------------------
def test_plot_clusters_colours_markers_and_centres(blobs):
    X, y = blobs
    centers = np.array([X[y == j].mean(axis=0) for j in range(4)])
    ax = _ax()
    assert plot_clusters(X, y, centers, ax=ax) is ax
    points, centre_coll = ax.collections[:4], ax.collections[4]
    for j, coll in enumerate(points):
        np.testing.assert_allclose(coll.get_offsets(), X[y == j])
        np.testing.assert_allclose(coll.get_facecolor()[0, :3], cluster_colors(4)[j])
    assert len({id(c.get_paths()[0]) for c in points}) == 4  # four different marker shapes
    np.testing.assert_allclose(centre_coll.get_offsets(), centers)
    np.testing.assert_allclose(centre_coll.get_facecolor()[:, :3], cluster_colors(4))
    assert figure_to_png(ax.figure)[:4] == b"\x89PNG"


def test_plot_clusters_and_voronoi_pass_kwargs_on(blobs):
    X, y = blobs
    ax = plot_clusters(X, y, ax=_ax(), edgecolors="black", zorder=7, size=5)
    for coll in ax.collections:
        np.testing.assert_allclose(coll.get_edgecolor()[0, :3], 0.0)
        assert coll.get_zorder() == 7
        np.testing.assert_allclose(coll.get_sizes(), 5)
    hollow = plot_clusters(X, linewidths=3)
    assert hollow.collections[0].get_linewidths()[0] == 3
    regions = plot_voronoi([[0, 0], [2, 0]], xlim=(-1, 3), ylim=(-1, 1), linewidths=2.5)
    assert regions.collections[0].get_linewidths()[0] == 2.5


def test_plot_clusters_without_labels_is_hollow(blobs):
    X, _ = blobs
    ax = plot_clusters(X)
    assert isinstance(ax, Axes) and isinstance(ax.figure, Figure)
    (coll,) = ax.collections
    assert len(coll.get_offsets()) == len(X)
    np.testing.assert_allclose(coll.get_facecolor()[0, :3], to_rgb("white"))


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((np.zeros((5, 3)),), {}, r"X must be a 2-D array of shape \(n_samples, 2\)"),
        ((np.array([[0.0, np.nan]]),), {}, "NaN or infinite"),
        ((np.zeros((5, 2)), [0, 1]), {}, "one entry per sample"),
        ((np.zeros((3, 2)), [0, -1, 1]), {}, "negative label"),
        ((np.zeros((3, 2)), [0.5, 1, 1]), {}, "integer labels"),
        ((np.zeros((3, 2)), None, np.zeros((2, 3))), {}, r"centers must be a 2-D array"),
        ((np.zeros((3, 2)),), {"ax": "axes"}, "ax must be a matplotlib Axes"),
    ],
)
def test_plot_clusters_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        plot_clusters(*args, **kwargs)


# --- Voronoi regions ------------------------------------------------------------------------------
def test_voronoi_cells_agree_with_the_assignment_step():
    rng = np.random.RandomState(0)
    centers = rng.uniform(-3, 3, size=(7, 2))
    xlim, ylim = (-4.0, 5.0), (-3.5, 4.0)
    cells = voronoi_cells(centers, xlim, ylim)
    probe = np.column_stack([rng.uniform(*xlim, 2000), rng.uniform(*ylim, 2000)])
    nearest = _assign(probe, centers)
    for j, cell in enumerate(cells):
        inside = Path(cell).contains_points(probe)
        np.testing.assert_array_equal(inside, nearest == j)

    # the cells tile the window: their areas add up to its area
    def area(p):
        return 0.5 * abs(
            np.dot(p[:, 0], np.roll(p[:, 1], 1)) - np.dot(p[:, 1], np.roll(p[:, 0], 1))
        )

    total = sum(area(c) for c in cells if len(c))
    assert total == pytest.approx((xlim[1] - xlim[0]) * (ylim[1] - ylim[0]))


def test_voronoi_cells_duplicate_centre_and_single_centre():
    cells = voronoi_cells([[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]], (-2, 2), (-2, 2))
    assert len(cells[2]) == 0 and len(cells[0]) >= 3  # the lower index wins the tie
    (whole,) = voronoi_cells([[0.0, 0.0]], (-2, 2), (-1, 1))
    assert len(whole) == 4


def test_plot_voronoi_draws_one_region_per_centre(blobs):
    X, y = blobs
    centers = np.array([X[y == j].mean(axis=0) for j in range(4)])
    ax = plot_clusters(X, y, centers)
    xlim = ax.get_xlim()
    assert plot_voronoi(centers, ax=ax) is ax
    regions = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(regions) == 1 and len(regions[0].get_paths()) == 4
    np.testing.assert_allclose(regions[0].get_facecolor()[:, :3], cluster_colors(4))
    assert ax.get_xlim() == pytest.approx(xlim)  # shading does not move the axes
    ax2 = plot_voronoi(centers, xlim=(-20, 20), ylim=(-10, 10))
    assert ax2.get_xlim() == (-20, 20) and ax2.get_ylim() == (-10, 10)


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((np.zeros((3, 3)),), {}, r"centers must be a 2-D array of shape \(n_clusters, 2\)"),
        ((np.zeros((2, 2)),), {"xlim": (1, 0)}, "xlim must be a pair"),
        ((np.zeros((2, 2)),), {"ylim": "low"}, "ylim must be a pair"),
        ((np.zeros((2, 2)),), {"alpha": 2}, "alpha must be a number between 0 and 1"),
        ((np.zeros((2, 2)),), {"alpha": True}, "alpha must be a number between 0 and 1"),
        ((np.zeros((2, 2)),), {"ax": 3}, "ax must be a matplotlib Axes"),
    ],
)
def test_plot_voronoi_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        plot_voronoi(*args, **kwargs)


# --- small multiples ------------------------------------------------------------------------------
def test_plot_kmeans_steps_new_figure(blobs):
    X, _ = blobs
    fig = plot_kmeans_steps(X, 3, random_state=1, n_panels=5, ncols=3)
    assert isinstance(fig, Figure)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == 5 and len(fig.axes) == 6
    titles = [ax.texts[0].get_text() for ax in visible]
    assert titles[0].startswith("0 · initial") and "assign" in titles[1] and "move" in titles[2]
    # all panels share the same fixed window
    assert len({ax.get_xlim() for ax in visible}) == 1
    assert figure_to_png(fig)[:4] == b"\x89PNG"


def test_plot_kmeans_steps_on_given_axes_and_steps(blobs):
    X, _ = blobs
    steps = kmeans_steps(X, 4, init="k-means++", random_state=0)
    n = len(steps)  # whatever the run's length: one panel per step, then one spare
    fig = new_figure((12, 8))
    axes = fig.subplots(2, -(-(n + 1) // 2)).ravel()
    assert plot_kmeans_steps(X, steps=steps, n_panels=min(n, 24), axes=axes) is fig
    assert [ax.get_visible() for ax in axes] == [True] * n + [False] * (len(axes) - n)
    assert [ax.texts[0].get_text().split(" · ")[0] for ax in axes[:n]] == [str(i) for i in range(n)]
    # an update panel has arrows from the old centres to the new ones, an assign panel none
    for ax, step in zip(axes, steps, strict=False):
        arrows = any(p.get_visible() for p in ax.patches)
        assert arrows == (step.phase == "update" and not step.converged), step.phase
    # n_panels larger than the run: the run's steps only
    fig = plot_kmeans_steps(X, steps=steps, n_panels=min(n + 3, 24), ncols=n + 3)
    assert sum(ax.get_visible() for ax in fig.axes) == n


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n_panels": 0}, "n_panels must be between 1 and 24"),
        ({"ncols": 0}, "ncols must be between 1 and 24"),
        ({"init": "first"}, "init must be 'k-means"),
        ({"axes": [None, None]}, "axes must be a sequence of at least"),
        ({"steps": ["not a step"]}, "steps must be the list returned by kmeans_steps"),
    ],
)
def test_plot_kmeans_steps_bad_input(blobs, kwargs, match):
    X, _ = blobs
    with pytest.raises(ValueError, match=match):
        plot_kmeans_steps(X, 3, **kwargs)


def test_plot_kmeans_steps_bad_data_and_mismatched_steps(blobs):
    X, _ = blobs
    with pytest.raises(ValueError, match=r"shape \(n_samples, 2\)"):
        plot_kmeans_steps(np.zeros((10, 3)), 2)
    with pytest.raises(ValueError, match="between 1 and the number of samples"):
        plot_kmeans_steps(X[:3], 4)
    with pytest.raises(ValueError, match="for this X"):
        plot_kmeans_steps(X[:50], steps=kmeans_steps(X, 3, random_state=0))


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (
            (np.zeros((2, 3)), (0, 1), (0, 1)),
            r"centers must be a 2-D array of shape \(n_clusters, 2\)",
        ),
        ((np.zeros((2, 2)), (0, 0), (0, 1)), "xlim must be a pair"),
        ((np.zeros((2, 2)), (0, 1), (0, np.inf)), "ylim must be a pair"),
    ],
)
def test_voronoi_cells_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        voronoi_cells(*args)


def test_numpy_scalars_accepted_for_aspect_and_alpha():
    X = [[0, 0], [10, 5]]
    assert data_limits(X, margin=0.1, aspect=np.float32(1)) == data_limits(
        X, margin=0.1, aspect=1.0
    )
    ax = plot_voronoi([[0, 0], [2, 0]], xlim=(-1, 3), ylim=(-1, 1), alpha=np.float32(0.2))
    assert ax.collections[0].get_facecolor()[0, 3] == pytest.approx(0.2)
    with pytest.raises(ValueError, match="aspect must be a positive number"):
        data_limits(X, aspect=True)


# --- KMeansStepDisplay ------------------------------------------------------------------------------
def test_step_display_plots_a_step_and_updates_in_place(blobs):
    X, _ = blobs
    steps = kmeans_steps(X, 3, init="random", random_state=0)
    ax = _ax()
    display = KMeansStepDisplay(X, steps[0], info="start").plot(ax=ax)
    assert display.ax_ is ax and display.figure_ is ax.figure
    assert display.caption_.get_text() == "choose k initial centres"
    assert display.info_.get_text() == "start"
    assert display.unassigned_.get_visible()  # nothing assigned yet: hollow points
    np.testing.assert_allclose(display.centers_.get_offsets(), steps[0].centers)
    assert len(display.regions_.get_paths()) == 3 and len(display.points_) == 3
    n_artists = len(ax.get_children())
    assert display.update(steps[2], steps[1], title="moved") is display
    assert len(ax.get_children()) == n_artists  # nothing created: the same artists changed
    assert display.caption_.get_text() == "moved" and display.info_.get_text() == ""
    assert not display.unassigned_.get_visible()
    for j, coll in enumerate(display.points_):
        np.testing.assert_allclose(coll.get_offsets(), X[steps[2].labels == j])
    np.testing.assert_allclose(display.ghosts_.get_offsets(), steps[1].centers)
    assert any(a.get_visible() for a in display.arrows_)
    # the window stays put, with x and y on one scale
    assert (display.xlim_, display.ylim_) == (ax.get_xlim(), ax.get_ylim())
    assert ax.get_aspect() == 1.0


def test_step_display_options_and_data_alone(blobs):
    X, _ = blobs
    steps = kmeans_steps(X, 2, init="random", random_state=0)
    display = KMeansStepDisplay(X, steps[1]).plot(
        limits=((-20, 20), (-15, 15)), size=5, fontsize=9, show_info=False
    )
    assert isinstance(display.ax_, Axes) and display.info_ is None
    assert display.ax_.get_xlim() == (-20, 20)
    np.testing.assert_allclose(display.points_[0].get_sizes(), 5)
    display.show_data(X[:1], title="place centres")
    assert display.unassigned_.get_visible() and len(display.regions_.get_paths()) == 0
    np.testing.assert_allclose(display.centers_.get_offsets(), X[:1])
    assert display.caption_.get_text() == "place centres"
    assert figure_to_png(display.figure_)[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda X, s: KMeansStepDisplay(X[:, :1], s[0]), r"X must be a 2-D array of shape"),
        (lambda X, s: KMeansStepDisplay(X, "step"), "step must be one Step of kmeans_steps"),
        (lambda X, s: KMeansStepDisplay(X[:50], s[1]), "for this X"),
        (lambda X, s: KMeansStepDisplay(X, s[0]).plot(ax=3), "ax must be a matplotlib Axes"),
        (lambda X, s: KMeansStepDisplay(X, s[0]).plot(limits=(0, 1)), "xlim must be a pair"),
        (lambda X, s: KMeansStepDisplay(X, s[0]).plot(alpha=3), "alpha must be a number"),
        (lambda X, s: KMeansStepDisplay(X, s[0]).plot(size=-1), "size must be at least 0"),
        (
            lambda X, s: KMeansStepDisplay(X, s[0]).plot().update(kmeans_steps(X, 4)[0]),
            "step must have 3 centres",
        ),
    ],
)
def test_step_display_bad_input(blobs, make, match):
    X, _ = blobs
    steps = kmeans_steps(X, 3, init="random", random_state=0)
    with pytest.raises(ValueError, match=match):
        make(X, steps)
