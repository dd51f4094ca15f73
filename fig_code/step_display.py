"""``KMeansStepDisplay``: one step of K-means drawn on matplotlib axes, redrawable in place.

A Display object in scikit-learn's sense (``ConfusionMatrixDisplay``, ``DecisionBoundaryDisplay``):
the constructor takes what was computed (the points and a step of ``fig_code.kmeans_steps``),
``plot(ax=...)`` draws it and keeps every matplotlib artist as a public attribute (ending in ``_``),
and returns the display. ``update(step)`` then shows another step by changing the data of those
artists only (``set_offsets``, ``set_verts``, ``set_positions``, ``set_text``): nothing is created,
which is what makes the step-through widget fast.

Used by ``fig_code.plot_kmeans_steps`` (one display per panel) and by the step-through widget
``fig_code.plot_kmeans_interactive`` (one display, updated for every frame).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch

from ._drawing import (
    CENTER_STYLE,
    CLUSTER_MARKERS,
    PHASE_CAPTIONS,
    UNASSIGNED_STYLE,
    box_limits,
    cluster_colors,
    region_collection,
    voronoi_cells,
)
from ._validation import (
    check_alpha,
    check_ax,
    check_limits,
    check_plotted,
    check_points,
    check_real,
    check_step,
)
from .kmeans import Step

__all__ = ["KMeansStepDisplay"]


class KMeansStepDisplay:
    """One step of K-means on 2-D data: regions, points, centres and arrows on one Axes.

    The picture shows the Voronoi regions of the step's centres (shaded: where the next
    assignment sends a point), the points coloured and shaped by cluster (hollow grey before the
    first assignment), the centres as large crosses and, after an "update" step, arrows from the
    previous centres (dashed crosses) to the new ones. A caption goes above the axes and an
    optional info line under them. The axes are fixed to the data with x and y on one scale.

    Create it with the computed values, draw it with :meth:`plot`, then show other steps of the
    same run with :meth:`update` (fast: the artists are changed in place, none is created).

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        The points.
    step : Step
        One step of :func:`fig_code.kmeans_steps` on this X.
    previous : Step, optional
        The step before ``step``; after an "update" step, arrows go from its centres.
    title : str, optional
        The caption above the axes; default: what the step's phase does, e.g. "assign each point
        to its nearest centre".
    info : str, default=""
        The line under the axes, e.g. ``f"inertia {step.inertia:.1f}"``.

    Attributes
    ----------
    ax_ : matplotlib Axes
        The axes drawn on (set by :meth:`plot`, as are all the attributes below).
    figure_ : matplotlib Figure
        The figure holding ``ax_``.
    xlim_, ylim_ : (float, float)
        The fixed window.
    regions_ : matplotlib PolyCollection
        The shaded Voronoi regions, region j in cluster j's colour.
    unassigned_ : matplotlib PathCollection
        The points as hollow grey circles (visible before the first assignment).
    points_ : list of matplotlib PathCollection
        The points of cluster j, in its colour and marker, for j = 0 .. n_clusters - 1.
    centers_ : matplotlib PathCollection
        The centres (crosses).
    ghosts_ : matplotlib PathCollection
        The previous centres (dashed crosses) of an "update" step; empty otherwise.
    arrows_ : list of matplotlib FancyArrowPatch
        One arrow per centre, visible when the centre moved in an "update" step.
    caption_ : matplotlib Text
        The caption above the axes.
    info_ : matplotlib Text or None
        The line under the axes (None when plotted with ``show_info=False``).

    Raises
    ------
    ValueError
        If X is not a finite array of shape (n_samples, 2), or step / previous is not a Step of
        ``kmeans_steps`` for this X.

    See Also
    --------
    fig_code.plot_kmeans_steps : small multiples of the first steps, one display per panel.
    fig_code.plot_kmeans_interactive : the widget that updates one display per frame.

    Examples
    --------
    >>> from fig_code import kmeans_steps, make_dataset
    >>> X, _ = make_dataset("blobs", n_samples=60)
    >>> steps = kmeans_steps(X, 3, init="random", random_state=0)
    >>> display = KMeansStepDisplay(X, steps[2], previous=steps[1]).plot()
    >>> display.caption_.get_text()
    'move each centre to the mean of its points'
    >>> sum(arrow.get_visible() for arrow in display.arrows_) > 0
    True
    >>> display.update(steps[1]).caption_.get_text()
    'assign each point to its nearest centre'
    """

    def __init__(self, X, step: Step, *, previous: Step | None = None, title=None, info: str = ""):
        self.X = check_points(X, n_features=2)
        self.step = check_step(step, len(self.X))
        self.previous = None if previous is None else check_step(previous, len(self.X))
        self.title, self.info = title, info

    def plot(
        self,
        ax: Axes | None = None,
        *,
        limits=None,
        size: float = 28,
        alpha: float = 0.22,
        fontsize: float = 12,
        show_info: bool = True,
    ) -> KMeansStepDisplay:
        """Draw the step on ``ax`` (a new pyplot-free figure if None) and return the display.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Where to draw; its limits, aspect and ticks are set (fixed window, no ticks).
        limits : ((float, float), (float, float)), optional
            The window ``(xlim, ylim)``; by default :func:`fig_code.data_limits` of X filling the
            axes' box with x and y on one scale. Give the same limits to several displays to
            share one window.
        size : float, default=28
            Marker area of the points (points squared).
        alpha : float, default=0.22
            Opacity of the region shading, between 0 and 1.
        fontsize : float, default=12
            Size of the caption (the info line is one point smaller).
        show_info : bool, default=True
            Draw the info line under the axes.

        Returns
        -------
        KMeansStepDisplay
            This display, with its artists set as attributes.

        Raises
        ------
        ValueError
            If ax is not an Axes, limits is not two increasing pairs, size or fontsize is not a
            positive number or alpha is not in [0, 1].
        """
        ax = check_ax(ax)
        if limits is None:
            xlim, ylim = box_limits(ax, self.X)
        else:
            try:
                xlim, ylim = limits
            except (TypeError, ValueError):
                xlim = ylim = None
            xlim, ylim = check_limits(xlim, "xlim"), check_limits(ylim, "ylim")
        check_real(size, name="size", low=0)
        check_real(fontsize, name="fontsize", low=1)
        check_alpha(alpha)
        X, k = self.X, len(self.step.centers)
        self.ax_, self.figure_ = ax, ax.figure
        self.xlim_, self.ylim_ = xlim, ylim
        colors = cluster_colors(k)
        ax.set_xlim(xlim)
        ax.set_ylim(ylim)
        ax.set_autoscale_on(False)
        ax.set_aspect("equal", adjustable="box")
        ax.set_xticks([])
        ax.set_yticks([])
        empty = np.empty((0, 2))
        self.regions_ = region_collection(X[:k], xlim, ylim, alpha)
        ax.add_collection(self.regions_, autolim=False)
        self.unassigned_ = ax.scatter(X[:, 0], X[:, 1], s=size, zorder=2, **UNASSIGNED_STYLE)
        self.points_ = [
            ax.scatter(
                empty[:, 0],
                empty[:, 1],
                s=size,
                color=colors[j],
                marker=CLUSTER_MARKERS[j % len(CLUSTER_MARKERS)],
                edgecolors="white",
                linewidths=0.4,
                zorder=2,
            )
            for j in range(k)
        ]
        self.arrows_ = [
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
            for _ in range(k)
        ]
        for arrow in self.arrows_:
            ax.add_patch(arrow)
        self.ghosts_ = ax.scatter(
            empty[:, 0],
            empty[:, 1],
            marker="X",
            s=CENTER_STYLE["s"],
            facecolors="none",
            edgecolors="0.25",
            linewidths=1.2,
            linestyle="--",
            zorder=3,
        )
        self.centers_ = ax.scatter(X[:k, 0], X[:k, 1], c=colors, **CENTER_STYLE)
        # plain texts, not ax.set_title: titles are re-positioned on every draw, which costs time
        self.caption_ = ax.text(
            0, 1.015, "", transform=ax.transAxes, ha="left", va="bottom", fontsize=fontsize
        )
        self.info_ = (
            ax.text(
                0.5,
                -0.02,
                "",
                transform=ax.transAxes,
                ha="center",
                va="top",
                fontsize=fontsize - 1,
            )
            if show_info
            else None
        )
        return self._show_step()

    def update(
        self, step: Step, previous: Step | None = None, *, title=None, info: str = ""
    ) -> KMeansStepDisplay:
        """Show another step of the same run (same X and number of clusters), in place.

        Parameters
        ----------
        step : Step
            The step to show.
        previous : Step, optional
            The step before it (arrows after an "update" step).
        title : str, optional
            The caption; default: what the step's phase does.
        info : str, default=""
            The line under the axes.

        Returns
        -------
        KMeansStepDisplay
            This display.

        Raises
        ------
        ValueError
            If step or previous is not a Step of ``kmeans_steps`` for this X with as many centres as
            the step plotted first, or :meth:`plot` has not been called yet.
        """
        check_plotted(self, "update")
        k = len(self.points_)
        self.step = check_step(step, len(self.X), n_clusters=k)
        self.previous = (
            None
            if previous is None
            else check_step(previous, len(self.X), name="previous", n_clusters=k)
        )
        self.title, self.info = title, info
        return self._show_step()

    def _show_step(self) -> KMeansStepDisplay:
        step, previous = self.step, self.previous
        centers = step.centers
        self.regions_.set_verts(voronoi_cells(centers, self.xlim_, self.ylim_))
        if step.labels is None:
            self.unassigned_.set_visible(True)
            for coll in self.points_:
                coll.set_offsets(np.empty((0, 2)))
        else:
            self.unassigned_.set_visible(False)
            for j, coll in enumerate(self.points_):
                coll.set_offsets(self.X[step.labels == j])
        self.centers_.set_offsets(centers)
        moving = step.phase == "update" and previous is not None
        self.ghosts_.set_offsets(previous.centers if moving else np.empty((0, 2)))
        for j, arrow in enumerate(self.arrows_):
            if moving and not np.allclose(previous.centers[j], centers[j]):
                arrow.set_positions(tuple(previous.centers[j]), tuple(centers[j]))
                arrow.set_visible(True)
            else:
                arrow.set_visible(False)
        self.caption_.set_text(self.title or PHASE_CAPTIONS[step.phase])
        if self.info_ is not None:
            self.info_.set_text(self.info)
        return self

    def show_data(self, centers, *, title: str = "", info: str = "") -> KMeansStepDisplay:
        """Show the data alone (hollow points, no regions) and the first ``len(centers)`` centres.

        The picture while a learner places starting centres (0 to n_clusters of them, each in its
        cluster's colour). :meth:`update` shows a step again.

        Parameters
        ----------
        centers : array-like of shape (n_placed, 2)
            The centres placed so far (may be empty).
        title : str, default=""
            The caption.
        info : str, default=""
            The line under the axes.

        Returns
        -------
        KMeansStepDisplay
            This display.

        Raises
        ------
        ValueError
            If centers is not a finite array of shape (n_placed, 2), or :meth:`plot` has not been
            called yet.
        """
        check_plotted(self, "show_data")
        centers = check_points(centers, name="centers", n_features=2, min_samples=0)
        empty = np.empty((0, 2))
        self.regions_.set_verts([])
        self.unassigned_.set_visible(True)
        for coll in self.points_:
            coll.set_offsets(empty)
        self.centers_.set_offsets(centers)
        self.ghosts_.set_offsets(empty)
        for arrow in self.arrows_:
            arrow.set_visible(False)
        self.caption_.set_text(title)
        if self.info_ is not None:
            self.info_.set_text(info)
        return self

    # --- where a data point is in the figure's PNG ------------------------------------------------
    def data_to_pixel(self, x: float, y: float) -> tuple[float, float]:
        """Where data point (x, y) is in the figure's PNG: (column, row) in pixels from its top-left.

        Positions are continuous: pixel (i, j) covers columns i..i+1 and rows j..j+1.

        Parameters
        ----------
        x, y : float
            A point in data coordinates.

        Returns
        -------
        (float, float)
            ``(column, row)`` in pixels of the figure's PNG, from its top-left corner.

        Raises
        ------
        ValueError
            If :meth:`plot` has not been called yet.
        """
        check_plotted(self, "data_to_pixel")
        self.ax_.apply_aspect()
        px, py = self.ax_.transData.transform((float(x), float(y)))
        return float(px), float(self.figure_.bbox.height - py)

    def pixel_to_data(self, column: float, row: float) -> tuple[float, float]:
        """The data coordinates at (column, row) of the figure's PNG (pixels from its top-left).

        Parameters
        ----------
        column, row : float
            A position in pixels of the figure's PNG, from its top-left corner.

        Returns
        -------
        (float, float)
            ``(x, y)`` in data coordinates.

        Raises
        ------
        ValueError
            If :meth:`plot` has not been called yet.
        """
        check_plotted(self, "pixel_to_data")
        self.ax_.apply_aspect()
        x, y = self.ax_.transData.inverted().transform(
            (float(column), float(self.figure_.bbox.height - row))
        )
        return float(x), float(y)

    def contains_pixel(self, column: float, row: float) -> bool:
        """Whether (column, row) of the figure's PNG lies inside the axes (not in the margin).

        Parameters
        ----------
        column, row : float
            A position in pixels of the figure's PNG, from its top-left corner.

        Returns
        -------
        bool
            True inside the axes box, False in the figure's margin or outside the picture.

        Raises
        ------
        ValueError
            If :meth:`plot` has not been called yet.
        """
        check_plotted(self, "contains_pixel")
        self.ax_.apply_aspect()
        box = self.ax_.bbox  # the axes in display pixels (origin bottom-left)
        return bool(
            box.x0 <= column <= box.x1 and box.y0 <= self.figure_.bbox.height - row <= box.y1
        )
