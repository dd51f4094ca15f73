"""Drawing primitives shared by ``plotting`` and ``step_display``: colours, markers, styles, windows
and the Voronoi cells.

Private: the public names defined here (``cluster_colors``, ``data_limits``, ``voronoi_cells``, the
markers and captions) are exported by :mod:`fig_code.plotting`, which is where a reader finds them.

Colours: the seaborn "colorblind" palette (entries 3 and 4 swapped, cycled past 10 clusters), and
each cluster also has its own marker shape so that clusters stay distinguishable without colour.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgb

from ._validation import check_aspect, check_int, check_limits, check_points, check_real

#: The seaborn "colorblind" palette (colour-blind safe), cluster j gets colour j % 10, with its
#: entries 3 (vermillion) and 4 (pink) swapped: vermillion next to orange (cluster 1) is hard to
#: tell apart, above all as light region shading, so the first four clusters get blue, orange,
#: green and pink.
PALETTE = (
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
#: Centres: large crosses with a black edge, above the points.
CENTER_STYLE = {"marker": "X", "s": 260, "edgecolors": "black", "linewidths": 1.5, "zorder": 4}
#: Points not assigned to a cluster yet: hollow grey circles.
UNASSIGNED_STYLE = {"facecolors": "white", "edgecolors": "0.35", "linewidths": 0.8}
#: Voronoi regions: thin grey borders, under everything else.
REGION_STYLE = {"edgecolors": "0.45", "linewidths": 0.8, "zorder": 0}


def cluster_colors(n_clusters: int) -> np.ndarray:
    """RGB colours of clusters 0..n_clusters-1, colour-blind safe (seaborn "colorblind").

    Parameters
    ----------
    n_clusters : int
        How many colours, at least 1; past 10 the palette repeats.

    Returns
    -------
    ndarray of shape (n_clusters, 3)
        One RGB row per cluster, values in [0, 1].

    Raises
    ------
    ValueError
        If n_clusters is not an integer of at least 1.

    Examples
    --------
    >>> cluster_colors(3).shape
    (3, 3)
    """
    n_clusters = check_int(n_clusters, name="n_clusters", low=1)
    return np.array([to_rgb(PALETTE[j % len(PALETTE)]) for j in range(n_clusters)])


def data_limits(
    X, *, margin: float = 0.08, aspect: float | None = None
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Axis limits ``(xlim, ylim)`` that show all of ``X`` (n_samples, 2) with a margin.

    Use them for every frame of a sequence, so the axes do not jump between frames. With
    ``aspect`` (height / width of the axes box), the shorter side is widened around the data so
    that one unit on x equals one unit on y and the box is filled.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        The points to show.
    margin : float, default=0.08
        Extra room on each side, as a fraction of the data's extent.
    aspect : float, optional
        Height / width of the axes box; when given, x and y get the same scale.

    Returns
    -------
    ((float, float), (float, float))
        ``(xlim, ylim)``, ready for ``ax.set_xlim`` and ``ax.set_ylim``.

    Raises
    ------
    ValueError
        If X is not a finite array of shape (n_samples, 2), margin is not a number >= 0 or aspect
        is not a positive number.

    Examples
    --------
    >>> data_limits([[0, 0], [10, 5]], margin=0.1)
    ((-1.0, 11.0), (-0.5, 5.5))
    >>> data_limits([[0, 0], [10, 5]], margin=0.1, aspect=1.0)
    ((-1.0, 11.0), (-3.5, 8.5))
    """
    X = check_points(X, n_features=2)
    margin = check_real(margin, name="margin", low=0)
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)  # one point, or all on a line: still a visible window
    lo, hi = lo - margin * span, hi + margin * span
    if aspect is not None:
        check_aspect(aspect)
        width, height = hi - lo
        mid = (lo + hi) / 2
        if height / width < aspect:  # too flat: make it taller
            lo[1], hi[1] = mid[1] - width * aspect / 2, mid[1] + width * aspect / 2
        else:  # too tall: make it wider
            lo[0], hi[0] = mid[0] - height / aspect / 2, mid[0] + height / aspect / 2
    return (float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1]))


def box_limits(ax: Axes, X: np.ndarray):
    """``data_limits`` of X that fill the box of ``ax`` with x and y on the same scale."""
    box = ax.get_position()
    fig_w, fig_h = ax.figure.get_size_inches()
    return data_limits(X, aspect=(box.height * fig_h) / (box.width * fig_w))


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

    Parameters
    ----------
    centers : array-like of shape (n_clusters, 2)
        The centres.
    xlim, ylim : (float, float)
        The window, as increasing pairs of finite numbers.

    Returns
    -------
    list of ndarray
        One polygon of shape (m_j, 2) per centre (m_j = 0 for a centre that owns no location).

    Raises
    ------
    ValueError
        If centers is not a finite array of shape (k, 2) or a limit is not an increasing pair.

    Examples
    --------
    >>> cells = voronoi_cells([[0, 0], [2, 0]], xlim=(-1, 3), ylim=(-1, 1))
    >>> float(cells[0][:, 0].max()), float(cells[1][:, 0].min())
    (1.0, 1.0)
    """
    centers = check_points(centers, name="centers", n_features=2)
    xlim, ylim = check_limits(xlim, "xlim"), check_limits(ylim, "ylim")
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


def region_collection(centers: np.ndarray, xlim, ylim, alpha: float, **kwargs) -> PolyCollection:
    """The shaded Voronoi regions of ``centers`` in the window, region j in cluster j's colour."""
    rgba = np.ones((len(centers), 4))
    rgba[:, :3] = cluster_colors(len(centers))
    rgba[:, 3] = alpha
    return PolyCollection(
        voronoi_cells(centers, xlim, ylim), facecolors=rgba, **{**REGION_STYLE, **kwargs}
    )
