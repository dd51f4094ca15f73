"""Drawing functions for notebook 05: cost against size on log-log axes, and k-means|| candidates.

Each function takes an optional matplotlib ``ax``, draws on it and returns it (a new pyplot-free
figure when ``ax`` is None). Computing lives in ``fig_code.scale``.
"""

from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.axes import Axes

from ._validation import check_ax, check_parallel_seeds, check_positive_pairs, check_rows
from .figures import new_figure
from .scale import KMeansParallelSeeds, loglog_slope

__all__ = ["plot_kmeans_parallel", "plot_scaling"]


def plot_scaling(
    sizes, seconds, *, xlabel: str = "n (rows)", ax: Axes | None = None, **kwargs
) -> Axes:
    """Plot measured times against sizes on log-log axes, with the fitted line and its slope.

    Parameters
    ----------
    sizes, seconds : 1-D arrays of the same length (at least 2)
        Positive sizes and the times (in seconds) measured for them.
    xlabel : str, default "n (rows)"
        Label of the horizontal axis.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    **kwargs
        Passed to ``ax.plot`` for the measured points (e.g. ``color``, ``marker``).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on: log-log, with the legend "measured" and "fitted line, slope ...".

    Raises
    ------
    ValueError
        If ``sizes`` and ``seconds`` are not 1-D sequences of the same length (at least 2) of finite
        positive numbers, with at least two different sizes; if ``ax`` is not a matplotlib Axes.

    Examples
    --------
    >>> ax = plot_scaling([1e4, 1e5, 1e6], [0.01, 0.1, 1.0])
    >>> ax.get_xscale(), ax.get_legend_handles_labels()[1][1]
    ('log', 'fitted line, slope 1.00')
    """
    x, y = check_positive_pairs(sizes, seconds)
    if ax is None:
        ax = new_figure((6.0, 4.0), layout="constrained").add_subplot()
    ax = check_ax(ax)
    slope = loglog_slope(x, y)
    intercept = np.mean(np.log(y) - slope * np.log(x))
    style = {"marker": "o", "linestyle": "none", "label": "measured"} | kwargs
    ax.plot(x, y, **style)
    line = np.geomspace(x.min(), x.max(), 50)
    ax.plot(
        line, np.exp(intercept) * line**slope, color="0.3", label=f"fitted line, slope {slope:.2f}"
    )
    ax.set(xscale="log", yscale="log", xlabel=xlabel, ylabel="time (s)")
    ax.legend()
    return ax


def plot_kmeans_parallel(
    X, seeds: KMeansParallelSeeds, *, ax: Axes | None = None, **kwargs
) -> Axes:
    """Draw 2-D points, the k-means|| candidates coloured by round, and the final seeds.

    Parameters
    ----------
    X : array of shape (n_samples, 2)
        The points the seeds were drawn from.
    seeds : KMeansParallelSeeds
        What ``fig_code.kmeans_parallel_seeds(X, ...)`` returned.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    **kwargs
        Passed to ``ax.scatter`` for the grey points (e.g. ``s``, ``color``, ``alpha``).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on, with a legend: the points, the candidates of each round (sized by
        weight) and the seeds.

    Raises
    ------
    ValueError
        If ``X`` is not a numeric array of shape (n_samples, 2); if ``seeds`` is not what
        ``kmeans_parallel_seeds`` returned, or was computed on data with more than 2 features; if
        ``ax`` is not a matplotlib Axes.

    Examples
    --------
    >>> from fig_code.scale import kmeans_parallel_seeds
    >>> X = np.random.default_rng(0).normal(size=(200, 2))
    >>> ax = plot_kmeans_parallel(X, kmeans_parallel_seeds(X, 3, n_rounds=2))
    >>> ax.get_legend() is not None
    True
    """
    check_rows(X, n_features=2)
    check_parallel_seeds(seeds, n_features=2)
    if ax is None:
        ax = new_figure((6.0, 4.5), layout="constrained").add_subplot()
    ax = check_ax(ax)
    ax.scatter(X[:, 0], X[:, 1], **({"s": 4, "color": "0.75", "label": "points"} | kwargs))
    n_rounds = int(seeds.rounds.max())
    colors = matplotlib.colormaps["viridis"]
    sizes = 20 + 200 * seeds.weights / seeds.weights.max()
    for r in range(n_rounds + 1):
        mine = seeds.rounds == r
        if mine.any():
            ax.scatter(
                seeds.candidates[mine, 0],
                seeds.candidates[mine, 1],
                s=sizes[mine],
                color=colors(r / max(n_rounds, 1)),
                edgecolor="black",
                linewidth=0.5,
                label="first point" if r == 0 else f"round {r}",
            )
    ax.scatter(
        seeds.centers[:, 0],
        seeds.centers[:, 1],
        marker="X",
        s=160,
        color="white",
        edgecolor="black",
        linewidth=1.5,
        label="seeds (weighted K-means)",
    )
    ax.legend(fontsize=8, loc="best")
    return ax
