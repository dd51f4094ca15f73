"""Drawing clusters, centres, Voronoi regions and K-means steps on matplotlib axes.

Every function takes an optional ``ax`` (or ``axes``), draws on it and returns it; without one it
makes a pyplot-free figure with :func:`fig_code.figures.new_figure`. In a notebook, pass axes made
by ``plt.subplots()`` and end the cell with ``plt.show()``.

Colours: the seaborn "colorblind" palette (entries 3 and 4 swapped, cycled past 10 clusters), and
each cluster also has its own marker shape so that clusters stay distinguishable without colour.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from ._validation import check_int, check_labels, check_points
from .figures import new_figure
from .kmeans import Step, kmeans_steps

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

#: The seaborn "colorblind" palette (colour-blind safe), cluster j gets colour j % 10, with its
#: entries 3 (vermillion) and 4 (pink) swapped: vermillion next to orange (cluster 1) is hard to
#: tell apart, above all as light region shading, so the first four clusters get blue, orange,
#: green and pink.
_PALETTE = (
    "#0173b2",
    "#de8f05",
    "#029e73",
    "#cc78bc",
    "#d55e00",
    "#ca9161",
    "#fbafe4",
    "#949494",
    "#ece133",
    "#56b4e9",
)
#: One marker shape per cluster, so clusters differ by shape as well as colour.
CLUSTER_MARKERS = ("o", "s", "^", "D", "v", "p", "h", "<", ">", "8")
#: What each phase of ``kmeans_steps`` does, as shown above a frame.
PHASE_CAPTIONS = {
    "init": "choose k initial centres",
    "assign": "assign each point to its nearest centre",
    "update": "move each centre to the mean of its points",
}
#: Shorter captions, for the panels of ``plot_kmeans_steps``.
SHORT_CAPTIONS = {
    "init": "initial centres",
    "assign": "assign to nearest centre",
    "update": "move centres to means",
}
_CENTER_STYLE = {"marker": "X", "s": 260, "edgecolors": "black", "linewidths": 1.5, "zorder": 4}
_UNASSIGNED_STYLE = {"facecolors": "white", "edgecolors": "0.35", "linewidths": 0.8}


def cluster_colors(n_clusters: int) -> np.ndarray:
    """RGB colours (shape (n_clusters, 3)) of clusters 0..n_clusters-1, colour-blind safe.

    Examples
    --------
    >>> cluster_colors(3).shape
    (3, 3)
    """
    n_clusters = check_int(n_clusters, name="n_clusters", low=1)
    return np.array([to_rgb(_PALETTE[j % len(_PALETTE)]) for j in range(n_clusters)])


def data_limits(
    X, *, margin: float = 0.08, aspect: float | None = None
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Axis limits ``(xlim, ylim)`` that show all of ``X`` (n_samples, 2) with a margin.

    Use them for every frame of a sequence, so the axes do not jump between frames. With
    ``aspect`` (height / width of the axes box), the shorter side is widened around the data so
    that one unit on x equals one unit on y and the box is filled.

    Examples
    --------
    >>> data_limits([[0, 0], [10, 5]], margin=0.1)
    ((-1.0, 11.0), (-0.5, 5.5))
    >>> data_limits([[0, 0], [10, 5]], margin=0.1, aspect=1.0)
    ((-1.0, 11.0), (-3.5, 8.5))
    """
    X = check_points(X, n_features=2)
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)  # one point, or all on a line: still a visible window
    lo, hi = lo - margin * span, hi + margin * span
    if aspect is not None:
        if not _is_real(aspect) or not 0 < aspect < np.inf:
            raise ValueError(f"aspect must be a positive number (height / width); got {aspect!r}")
        width, height = hi - lo
        mid = (lo + hi) / 2
        if height / width < aspect:  # too flat: make it taller
            lo[1], hi[1] = mid[1] - width * aspect / 2, mid[1] + width * aspect / 2
        else:  # too tall: make it wider
            lo[0], hi[0] = mid[0] - height / aspect / 2, mid[0] + height / aspect / 2
    return (float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1]))


def _new_ax(ax: Axes | None) -> Axes:
    if ax is None:
        return new_figure().add_subplot()
    if not isinstance(ax, Axes):
        raise ValueError(
            f"ax must be a matplotlib Axes (e.g. from plt.subplots()) or None; got {type(ax).__name__}"
        )
    return ax


def _is_real(x) -> bool:
    """A real number (Python or NumPy, e.g. ``np.float32``), not a bool."""
    return isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_))


def _check_cluster_labels(labels, n_samples: int, *, name: str = "labels") -> np.ndarray:
    labels = check_labels(labels, name=name, n_samples=n_samples)
    if labels.size and labels.min() < 0:
        raise ValueError(
            f"{name} must be cluster numbers 0, 1, 2, ...; got a negative label {labels.min()}"
        )
    return labels


def plot_clusters(
    X,
    labels=None,
    centers=None,
    *,
    ax: Axes | None = None,
    markers: bool = True,
    size: float = 30,
    alpha: float = 0.85,
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

    Returns
    -------
    matplotlib Axes

    Raises
    ------
    ValueError
        If X is not a finite array of shape (n_samples, 2), labels are not one non-negative integer
        per point, centers is not a finite array of shape (k, 2), or ax is not an Axes.

    Examples
    --------
    >>> import matplotlib.pyplot as plt  # doctest: +SKIP
    >>> fig, ax = plt.subplots()  # doctest: +SKIP
    >>> plot_clusters(X, km.labels_, km.cluster_centers_, ax=ax)  # doctest: +SKIP
    >>> plt.show()  # doctest: +SKIP
    """
    X = check_points(X, n_features=2)
    ax = _new_ax(ax)
    k = 0
    if labels is not None:
        labels = _check_cluster_labels(labels, X.shape[0])
        k = int(labels.max()) + 1 if labels.size else 0
    if centers is not None:
        centers = check_points(centers, name="centers", n_features=2)
        k = max(k, centers.shape[0])
    colors = cluster_colors(max(k, 1))

    if labels is None:
        ax.scatter(X[:, 0], X[:, 1], s=size, alpha=alpha, **_UNASSIGNED_STYLE)
    else:
        for j in range(k):
            mine = labels == j
            if mine.any():
                ax.scatter(
                    X[mine, 0],
                    X[mine, 1],
                    s=size,
                    color=colors[j],
                    marker=CLUSTER_MARKERS[j % len(CLUSTER_MARKERS)] if markers else "o",
                    alpha=alpha,
                    edgecolors="white",
                    linewidths=0.4,
                    label=f"cluster {j}",
                )
    if centers is not None:
        ax.scatter(centers[:, 0], centers[:, 1], c=colors[: len(centers)], **_CENTER_STYLE)
    return ax


def _clip(polygon: np.ndarray, normal: np.ndarray, offset: float) -> np.ndarray:
    """The part of a convex polygon (m, 2) where ``point @ normal <= offset`` (one half-plane)."""
    inside = polygon @ normal <= offset
    kept = []
    for i in range(len(polygon)):  # walk the edges (a handful of vertices, not data points)
        p, q = polygon[i], polygon[(i + 1) % len(polygon)]
        if inside[i]:
            kept.append(p)
        if inside[i] != inside[(i + 1) % len(polygon)]:  # the edge crosses the boundary
            t = (offset - p @ normal) / ((q - p) @ normal)
            kept.append(p + t * (q - p))
    return np.array(kept, dtype=float).reshape(-1, 2)


def voronoi_cells(centers, xlim, ylim) -> list[np.ndarray]:
    """The Voronoi cell of each centre inside the window, as a polygon (m_j, 2) (maybe empty).

    Cell j holds the locations nearer to centre j than to any other (ties: the lower index, as in
    the assignment step). It is the window rectangle cut by one half-plane per other centre, so it
    is exact (no pixels) and cheap for the handful of centres K-means uses.

    Examples
    --------
    >>> cells = voronoi_cells([[0, 0], [2, 0]], xlim=(-1, 3), ylim=(-1, 1))
    >>> float(cells[0][:, 0].max()), float(cells[1][:, 0].min())
    (1.0, 1.0)
    """
    centers = check_points(centers, name="centers", n_features=2)
    xlim, ylim = _check_limits(xlim, "xlim"), _check_limits(ylim, "ylim")
    window = np.array(
        [[xlim[0], ylim[0]], [xlim[1], ylim[0]], [xlim[1], ylim[1]], [xlim[0], ylim[1]]]
    )
    sq_norms = (centers**2).sum(axis=1)
    cells = []
    for j, cj in enumerate(centers):
        cell = window
        for i, ci in enumerate(centers):
            if i == j or not len(cell):
                continue
            if np.array_equal(ci, cj):  # the same place twice: the lower index gets it all
                cell = cell[:0] if i < j else cell
                continue
            # nearer to cj than to ci  <=>  2 x.(ci - cj) <= |ci|^2 - |cj|^2
            cell = _clip(cell, 2 * (ci - cj), sq_norms[i] - sq_norms[j])
        cells.append(cell)
    return cells


def _region_colors(n_clusters: int, alpha: float) -> np.ndarray:
    rgba = np.ones((n_clusters, 4))
    rgba[:, :3] = cluster_colors(n_clusters)
    rgba[:, 3] = alpha
    return rgba


def _region_collection(centers: np.ndarray, xlim, ylim, alpha: float) -> PolyCollection:
    return PolyCollection(
        voronoi_cells(centers, xlim, ylim),
        facecolors=_region_colors(len(centers), alpha),
        edgecolors="0.45",
        linewidths=0.8,
        zorder=0,
    )


def plot_voronoi(
    centers,
    *,
    ax: Axes | None = None,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    alpha: float = 0.22,
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

    Returns
    -------
    matplotlib Axes

    Raises
    ------
    ValueError
        If centers is not a finite array of shape (k, 2), a limit is not an increasing pair of
        numbers, alpha is not in [0, 1] or ax is not an Axes.

    Examples
    --------
    >>> ax = plot_clusters(X, labels, centers)  # doctest: +SKIP
    >>> plot_voronoi(centers, ax=ax)  # doctest: +SKIP
    """
    centers = check_points(centers, name="centers", n_features=2)
    if not _is_real(alpha) or not 0 <= alpha <= 1:
        raise ValueError(f"alpha must be a number between 0 and 1; got {alpha!r}")
    ax = _new_ax(ax)
    xlim = _check_limits(xlim if xlim is not None else ax.get_xlim(), "xlim")
    ylim = _check_limits(ylim if ylim is not None else ax.get_ylim(), "ylim")
    ax.add_collection(_region_collection(centers, xlim, ylim, alpha), autolim=False)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    return ax


def _check_limits(lim, name: str) -> tuple[float, float]:
    try:
        lo, hi = (float(v) for v in lim)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a pair (low, high) of numbers; got {lim!r}") from None
    if not (np.isfinite([lo, hi]).all() and lo < hi):
        raise ValueError(
            f"{name} must be a pair (low, high) of finite numbers with low < high; got {lim!r}"
        )
    return lo, hi


def _box_limits(ax: Axes, X: np.ndarray):
    """``data_limits`` of X that fill the box of ``ax`` with x and y on the same scale."""
    box = ax.get_position()
    fig_w, fig_h = ax.figure.get_size_inches()
    return data_limits(X, aspect=(box.height * fig_h) / (box.width * fig_w))


class _KMeansFrame:
    """The artists of one K-means frame on an ``ax``, updated in place by ``show(step, previous)``.

    Shared by ``plot_kmeans_steps`` (one per panel, drawn once) and the step-through widget (one,
    redrawn for every frame: only data of existing artists change, nothing is created).
    """

    def __init__(
        self,
        ax: Axes,
        X: np.ndarray,
        n_clusters: int,
        *,
        alpha: float = 0.22,
        size: float = 28,
        fontsize: float = 12,
        info: bool = True,
        limits=None,
    ):
        self.ax, self.X, self.k = ax, X, n_clusters
        self.xlim, self.ylim = limits if limits is not None else _box_limits(ax, X)
        self.alpha = alpha
        self.colors = cluster_colors(n_clusters)
        ax.set_xlim(self.xlim)
        ax.set_ylim(self.ylim)
        ax.set_autoscale_on(False)
        ax.set_aspect("equal", adjustable="box")
        ax.set_xticks([])
        ax.set_yticks([])
        empty = np.empty((0, 2))
        self.regions = _region_collection(X[:n_clusters], self.xlim, self.ylim, alpha)
        ax.add_collection(self.regions, autolim=False)
        self.unassigned = ax.scatter(X[:, 0], X[:, 1], s=size, zorder=2, **_UNASSIGNED_STYLE)
        self.points = [
            ax.scatter(
                empty[:, 0],
                empty[:, 1],
                s=size,
                color=self.colors[j],
                marker=CLUSTER_MARKERS[j % len(CLUSTER_MARKERS)],
                edgecolors="white",
                linewidths=0.4,
                zorder=2,
            )
            for j in range(n_clusters)
        ]
        self.arrows = [
            FancyArrowPatch(
                (0, 0),
                (0, 0),
                arrowstyle="-|>",
                mutation_scale=16,
                lw=2,
                color="black",
                shrinkA=0,
                shrinkB=7,
                zorder=3,
                visible=False,
            )
            for _ in range(n_clusters)
        ]
        for arrow in self.arrows:
            ax.add_patch(arrow)
        self.ghosts = ax.scatter(
            empty[:, 0],
            empty[:, 1],
            marker="X",
            s=_CENTER_STYLE["s"],
            facecolors="none",
            edgecolors="0.25",
            linewidths=1.2,
            linestyle="--",
            zorder=3,
        )
        self.centers = ax.scatter(
            X[:n_clusters, 0], X[:n_clusters, 1], c=self.colors, **_CENTER_STYLE
        )
        # plain texts, not ax.set_title: titles are re-positioned on every draw, which costs time
        self.caption = ax.text(
            0, 1.015, "", transform=ax.transAxes, ha="left", va="bottom", fontsize=fontsize
        )
        self.info = (
            ax.text(
                0.5,
                -0.02,
                "",
                transform=ax.transAxes,
                ha="center",
                va="top",
                fontsize=fontsize - 1,
            )
            if info
            else None
        )

    def show(self, step: Step, previous: Step | None = None, *, title: str = "", info: str = ""):
        """Update every artist to show ``step``; arrows go from ``previous``'s centres."""
        centers = step.centers
        self.regions.set_verts(voronoi_cells(centers, self.xlim, self.ylim))
        if step.labels is None:
            self.unassigned.set_visible(True)
            for coll in self.points:
                coll.set_offsets(np.empty((0, 2)))
        else:
            self.unassigned.set_visible(False)
            for j, coll in enumerate(self.points):
                coll.set_offsets(self.X[step.labels == j])
        self.centers.set_offsets(centers)
        moving = step.phase == "update" and previous is not None
        self.ghosts.set_offsets(previous.centers if moving else np.empty((0, 2)))
        for j, arrow in enumerate(self.arrows):
            if moving and not np.allclose(previous.centers[j], centers[j]):
                arrow.set_positions(tuple(previous.centers[j]), tuple(centers[j]))
                arrow.set_visible(True)
            else:
                arrow.set_visible(False)
        self.caption.set_text(title or PHASE_CAPTIONS[step.phase])
        if self.info is not None:
            self.info.set_text(info)

    def show_data(self, centers: np.ndarray, *, title: str = "", info: str = ""):
        """Show the data alone (hollow points, no regions) and ``centers``, the first
        ``len(centers)`` (0..k) centres in their clusters' colours: the picture while the learner
        places starting centres."""
        empty = np.empty((0, 2))
        self.regions.set_verts([])
        self.unassigned.set_visible(True)
        for coll in self.points:
            coll.set_offsets(empty)
        self.centers.set_offsets(np.asarray(centers, dtype=float).reshape(-1, 2))
        self.ghosts.set_offsets(empty)
        for arrow in self.arrows:
            arrow.set_visible(False)
        self.caption.set_text(title)
        if self.info is not None:
            self.info.set_text(info)


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

    Each panel shows the Voronoi regions of the current centres (shaded), the points coloured by
    cluster (hollow before the first assignment), the centres (crosses) and, after an update,
    arrows from the old centres (dashed) to the new ones. For print and slides; notebook 02 also
    has the interactive version, :func:`fig_code.plot_kmeans_interactive`.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        The points.
    n_clusters : int, default=4
        Number of clusters k (ignored when ``steps`` is given).
    steps : list of Step, optional
        Steps from :func:`fig_code.kmeans_steps` on this X; computed with ``init`` and
        ``random_state`` if None.
    init, random_state
        Passed to ``kmeans_steps`` (default: k random data points, seed 0).
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
    >>> import matplotlib.pyplot as plt  # doctest: +SKIP
    >>> fig, axes = plt.subplots(2, 3, figsize=(12, 8))  # doctest: +SKIP
    >>> plot_kmeans_steps(X, 4, axes=axes.ravel())  # doctest: +SKIP
    >>> plt.show()  # doctest: +SKIP
    """
    X = check_points(X, n_features=2)
    n_panels = check_int(n_panels, name="n_panels", low=1, high=24)
    ncols = check_int(ncols, name="ncols", low=1, high=24)
    if steps is None:
        steps = kmeans_steps(X, n_clusters, init=init, random_state=random_state)
    elif (
        not len(steps)
        or not all(isinstance(s, Step) for s in steps)
        or steps[0].centers.shape[1] != 2
        or any(s.labels is not None and len(s.labels) != len(X) for s in steps)
    ):
        raise ValueError(
            "steps must be the list returned by kmeans_steps(X, ...) for this X (2 columns, "
            f"{len(X)} points)"
        )
    shown = list(steps[:n_panels])
    if axes is None:
        nrows = -(-len(shown) // ncols)
        cols = min(ncols, len(shown))
        fig = new_figure((3.6 * cols, 3.5 * nrows), layout="constrained")
        axes = fig.subplots(nrows, cols, squeeze=False).ravel()
    else:
        axes = list(np.ravel(axes))
        if len(axes) < len(shown) or not all(isinstance(a, Axes) for a in axes):
            raise ValueError(
                f"axes must be a sequence of at least {len(shown)} matplotlib Axes (one per panel); "
                f"got {len(axes)} item(s)"
            )
    k = len(shown[0].centers)
    limits = _box_limits(axes[0], X)  # one window for all panels
    for i, (ax, step) in enumerate(zip(axes, shown, strict=False)):
        frame = _KMeansFrame(ax, X, k, size=14, fontsize=11, limits=limits)
        caption = "converged: no change" if step.converged else SHORT_CAPTIONS[step.phase]
        frame.show(
            step,
            shown[i - 1] if i else None,
            title=f"{i} · {caption}",
            info="" if step.inertia is None else f"inertia {step.inertia:.1f}",
        )
    for ax in axes[len(shown) :]:
        ax.set_visible(False)
    return axes[0].figure
