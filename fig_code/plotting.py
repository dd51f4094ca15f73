"""Drawing clusters, centres, Voronoi regions and K-means steps on matplotlib axes.

The single-axes functions (:func:`plot_clusters`, :func:`plot_voronoi`) take an optional ``ax``,
draw on it, pass extra keyword arguments on to their main matplotlib call and return the Axes;
without an ``ax`` they make a pyplot-free figure with :func:`fig_code.figures.new_figure`. The
multi-panel :func:`plot_kmeans_steps` returns the Figure. In a notebook, pass axes made by
``plt.subplots()`` and end the cell with ``plt.show()``. One step of K-means as a reusable picture is
:class:`fig_code.KMeansStepDisplay`.

Colours: the seaborn "colorblind" palette (entries 3 and 4 swapped, cycled past 10 clusters), and
each cluster also has its own marker shape so that clusters stay distinguishable without colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ._drawing import (
    CENTER_STYLE,
    CLUSTER_MARKERS,
    PHASE_CAPTIONS,
    SHORT_CAPTIONS,
    UNASSIGNED_STYLE,
    cluster_colors,
    data_limits,
    region_collection,
    voronoi_cells,
)
from ._validation import (
    check_alpha,
    check_ax,
    check_axes,
    check_cluster_labels,
    check_int,
    check_limits,
    check_points,
    check_real,
    check_steps,
)
from .figures import new_figure
from .kmeans import Step, kmeans_steps
from .step_display import KMeansStepDisplay

__all__ = [
    "CLUSTER_MARKERS",
    "PHASE_CAPTIONS",
    "SHORT_CAPTIONS",
    "cluster_colors",
    "data_limits",
    "plot_clusters",
    "plot_kmeans_steps",
    "plot_voronoi",
    "voronoi_cells",
]


def plot_clusters(
    X,
    labels=None,
    centers=None,
    *,
    ax: Axes | None = None,
    markers: bool = True,
    size: float = 30,
    alpha: float = 0.85,
    **kwargs,
) -> Axes:
    """Scatter 2-D points, coloured by cluster, with the cluster centres as large crosses.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        The points.
    labels : array-like of shape (n_samples,), optional
        Cluster number (0, 1, ...) of each point. Without labels the points are drawn as hollow
        grey circles ("not assigned yet").
    centers : array-like of shape (n_clusters, 2), optional
        Centres, drawn as large crosses; centre j has the colour of cluster j.
    ax : matplotlib Axes, optional
        Where to draw; a new pyplot-free figure if None.
    markers : bool, default=True
        Give every cluster its own marker shape too (helps without colour, and in print).
    size, alpha : float
        Marker area (points squared) and opacity of the data points.
    **kwargs
        Passed on to ``ax.scatter`` of the data points (one call per cluster), overriding the
        defaults, e.g. ``edgecolors="black"`` or ``zorder=3``.

    Returns
    -------
    matplotlib Axes
        The axes drawn on; each cluster's points carry the legend label "cluster j".

    Raises
    ------
    ValueError
        If X is not a finite array of shape (n_samples, 2), labels are not one non-negative integer
        per point, centers is not a finite array of shape (k, 2), size is not a number >= 0, alpha
        is not a number between 0 and 1, or ax is not an Axes.

    Examples
    --------
    >>> X = [[0, 0], [0, 1], [5, 5], [5, 6]]
    >>> ax = plot_clusters(X, [0, 0, 1, 1], [[0, 0.5], [5, 5.5]])
    >>> len(ax.collections)  # one scatter per cluster, one for the centres
    3
    >>> ax.get_legend_handles_labels()[1]
    ['cluster 0', 'cluster 1']
    """
    X = check_points(X, n_features=2)
    size = check_real(size, name="size", low=0)
    alpha = check_alpha(alpha)
    ax = check_ax(ax)
    k = 0
    if labels is not None:
        labels = check_cluster_labels(labels, X.shape[0])
        k = int(labels.max()) + 1 if labels.size else 0
    if centers is not None:
        centers = check_points(centers, name="centers", n_features=2)
        k = max(k, centers.shape[0])
    colors = cluster_colors(max(k, 1))

    if labels is None:
        ax.scatter(X[:, 0], X[:, 1], **{"s": size, "alpha": alpha, **UNASSIGNED_STYLE, **kwargs})
    else:
        for j in range(k):
            mine = labels == j
            if mine.any():
                style = {
                    "s": size,
                    "color": colors[j],
                    "marker": CLUSTER_MARKERS[j % len(CLUSTER_MARKERS)] if markers else "o",
                    "alpha": alpha,
                    "edgecolors": "white",
                    "linewidths": 0.4,
                    "label": f"cluster {j}",
                }
                ax.scatter(X[mine, 0], X[mine, 1], **{**style, **kwargs})
    if centers is not None:
        ax.scatter(centers[:, 0], centers[:, 1], c=colors[: len(centers)], **CENTER_STYLE)
    return ax


def plot_voronoi(
    centers,
    *,
    ax: Axes | None = None,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    alpha: float = 0.22,
    **kwargs,
) -> Axes:
    """Shade the Voronoi regions of 2-D centres: every location takes the colour of its nearest centre.

    These regions are exactly what the assignment step does: a point lying in region j joins
    cluster j. The regions are exact polygons (see :func:`voronoi_cells`) with thin grey borders,
    drawn under everything else.

    Parameters
    ----------
    centers : array-like of shape (n_clusters, 2)
        The centres; region j has the colour of cluster j in :func:`plot_clusters`.
    ax : matplotlib Axes, optional
        Where to draw; a new pyplot-free figure if None.
    xlim, ylim : (float, float), optional
        The window to shade (and to fix on the axes); default the axes' current limits, so draw the
        points first or pass ``data_limits(X)``.
    alpha : float, default=0.22
        Opacity of the shading, between 0 and 1.
    **kwargs
        Passed on to the regions' ``PolyCollection``, overriding the defaults, e.g.
        ``edgecolors="none"`` or ``linewidths=2``.

    Returns
    -------
    matplotlib Axes
        The axes drawn on; the regions are its newest collection.

    Raises
    ------
    ValueError
        If centers is not a finite array of shape (k, 2), a limit is not an increasing pair of
        numbers, alpha is not in [0, 1] or ax is not an Axes.

    Examples
    --------
    >>> X = [[0, 0], [0, 1], [5, 5], [5, 6]]
    >>> centers = [[0, 0.5], [5, 5.5]]
    >>> ax = plot_clusters(X, [0, 0, 1, 1], centers)
    >>> ax = plot_voronoi(centers, ax=ax, xlim=(-1, 6), ylim=(-1, 7))
    >>> len(ax.collections[-1].get_paths()), ax.get_xlim() == (-1, 6)
    (2, True)
    """
    centers = check_points(centers, name="centers", n_features=2)
    alpha = check_alpha(alpha)
    ax = check_ax(ax)
    xlim = check_limits(xlim if xlim is not None else ax.get_xlim(), "xlim")
    ylim = check_limits(ylim if ylim is not None else ax.get_ylim(), "ylim")
    ax.add_collection(region_collection(centers, xlim, ylim, alpha, **kwargs), autolim=False)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    return ax


def plot_kmeans_steps(
    X,
    n_clusters: int = 4,
    *,
    steps: Sequence[Step] | None = None,
    init="random",
    random_state: int | None = 0,
    n_panels: int = 6,
    ncols: int = 3,
    axes=None,
) -> Figure:
    """Small multiples of the first K-means steps: init, assign, update, assign, ...

    Each panel is a :class:`fig_code.KMeansStepDisplay`: the Voronoi regions of the current centres
    (shaded), the points coloured by cluster (hollow before the first assignment), the centres
    (crosses) and, after an update, arrows from the old centres (dashed) to the new ones. All
    panels share one window. For print and slides; notebook 02 also has the interactive version,
    :func:`fig_code.plot_kmeans_interactive`.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        The points.
    n_clusters : int, default=4
        Number of clusters k (ignored when ``steps`` is given).
    steps : list of Step, optional
        Steps from :func:`fig_code.kmeans_steps` on this X; computed with ``init`` and
        ``random_state`` if None.
    init : {"random", "k-means++"} or array-like of shape (n_clusters, 2), default="random"
        Passed to ``kmeans_steps``: k random data points by default, as the step-through widget.
    random_state : int or None, default=0
        Seed of the init, passed to ``kmeans_steps``.
    n_panels : int, default=6
        How many steps to draw (fewer if K-means converges sooner), 1 to 24.
    ncols : int, default=3
        Panels per row.
    axes : sequence of matplotlib Axes, optional
        At least as many axes as panels drawn (e.g. ``plt.subplots(2, 3)[1].ravel()``); spare
        axes are hidden. Without it a new pyplot-free figure is made.

    Returns
    -------
    matplotlib Figure
        The figure holding the panels.

    Raises
    ------
    ValueError
        For X not of shape (n_samples, 2), a bad n_clusters, init or seed (see ``kmeans_steps``),
        n_panels or ncols out of range, too few axes, or steps that do not match X.

    Examples
    --------
    >>> from fig_code import make_dataset
    >>> X, _ = make_dataset("blobs", n_samples=60)
    >>> fig = plot_kmeans_steps(X, 3, n_panels=4, ncols=2)
    >>> [ax.texts[0].get_text() for ax in fig.axes[:2]]
    ['0 · initial centres', '1 · assign to nearest centre']
    """
    X = check_points(X, n_features=2)
    n_panels = check_int(n_panels, name="n_panels", low=1, high=24)
    ncols = check_int(ncols, name="ncols", low=1, high=24)
    if steps is None:
        steps = kmeans_steps(X, n_clusters, init=init, random_state=random_state)
    else:
        steps = check_steps(steps, len(X))
    shown = list(steps[:n_panels])
    if axes is None:
        nrows = -(-len(shown) // ncols)
        cols = min(ncols, len(shown))
        fig = new_figure((3.6 * cols, 3.5 * nrows), layout="constrained")
        axes = fig.subplots(nrows, cols, squeeze=False).ravel()
    else:
        axes = check_axes(axes, len(shown))
    limits = None  # the first panel's window, then the same for all
    for i, (ax, step) in enumerate(zip(axes, shown, strict=False)):
        caption = "converged: no change" if step.converged else SHORT_CAPTIONS[step.phase]
        display = KMeansStepDisplay(
            X,
            step,
            previous=shown[i - 1] if i else None,
            title=f"{i} · {caption}",
            info="" if step.inertia is None else f"inertia {step.inertia:.1f}",
        ).plot(ax, limits=limits, size=14, fontsize=11)
        limits = display.xlim_, display.ylim_
    for ax in axes[len(shown) :]:
        ax.set_visible(False)
    return axes[0].figure
