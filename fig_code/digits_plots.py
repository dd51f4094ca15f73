"""Drawing for notebook 03: digit images and cluster centres as small pictures, and a 2-D map of the
images coloured by the digit their cluster is matched to."""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ._validation import (
    check_ax,
    check_axes_grid,
    check_cluster_labels,
    check_cmap,
    check_images,
    check_int,
    check_labels,
    check_named_centers,
    check_points,
    check_real,
    check_titles,
)
from .figures import new_figure
from .plotting import cluster_colors

__all__ = ["plot_cluster_map", "plot_digit_images"]


def plot_digit_images(
    images,
    *,
    shape: tuple[int, int] = (8, 8),
    axes=None,
    titles: Sequence[str] | None = None,
    ncols: int = 5,
    cmap: str = "binary",
    fontsize: float = 12,
) -> Figure:
    """Draw every row of ``images`` as a small picture, one per axes, in a grid.

    Made for the 8 x 8 digits of ``sklearn.datasets.load_digits`` and for K-means centres fitted to
    them (``km.cluster_centers_``): a centre is an average image. Dark means ink. All pictures share
    one grey scale (from the smallest to the largest value in ``images``), so they compare fairly.

    Parameters
    ----------
    images : array-like of shape (n_images, height * width)
        One flattened image per row.
    shape : (int, int), default (8, 8)
        Height and width of one image.
    axes : array of matplotlib Axes, optional
        Where to draw, e.g. from ``plt.subplots(2, 5)``: at least ``n_images`` of them; extra axes are
        hidden. When omitted, a new pyplot-free figure with ``ncols`` columns is made.
    titles : sequence of str, optional
        One title per image.
    ncols : int, default 5
        Columns of the grid made when ``axes`` is omitted.
    cmap : str or matplotlib Colormap, default "binary"
        A sequential colormap: white background, black ink.
    fontsize : float, default 12
        Size of the titles.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the axes drawn on (``fig.axes``: one per image, then the hidden extras).

    Raises
    ------
    ValueError
        If ``images`` is not a finite 2-D array with ``height * width`` columns, ``shape`` is not a
        pair of positive integers, ``titles`` does not give one title per image, ``axes`` holds
        fewer Axes than images or something else than Axes, ``ncols < 1``, ``fontsize`` is not
        a number >= 0, or ``cmap`` is not a colormap (or its name).

    Examples
    --------
    >>> from sklearn.datasets import load_digits
    >>> digits = load_digits()
    >>> fig = plot_digit_images(digits.data[:10], titles=[str(d) for d in digits.target[:10]])
    >>> len(fig.axes), fig.axes[0].get_title()
    (10, '0')
    """
    images, (height, width) = check_images(images, shape)
    n = images.shape[0]
    titles = check_titles(titles, n)
    fontsize = check_real(fontsize, name="fontsize", low=0)
    cmap = check_cmap(cmap)
    if axes is None:
        ncols = check_int(ncols, name="ncols", low=1)
        ncols = min(ncols, n)
        nrows = math.ceil(n / ncols)
        fig = new_figure(figsize=(1.6 * ncols, 1.8 * nrows), layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=False)
    axes = check_axes_grid(axes, n)

    low, high = float(images.min()), float(images.max())
    for i, ax in enumerate(axes):
        if i >= n:
            ax.set_axis_off()
            continue
        ax.imshow(
            images[i].reshape(height, width),
            cmap=cmap,
            vmin=low,
            vmax=high,
            interpolation="nearest",
        )
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        if titles is not None:
            ax.set_title(titles[i], fontsize=fontsize)
    return axes[0].figure


def plot_cluster_map(
    points,
    predicted,
    y_true,
    *,
    centers=None,
    center_names: Sequence[str] | None = None,
    ax: Axes | None = None,
    size: float = 12,
    fontsize: float = 16,
    **kwargs,
) -> Axes:
    """Draw a 2-D map of samples coloured by predicted class, with a cross on every wrong one.

    Made for K-means on a t-SNE map of the digits (notebook 03): ``predicted`` is the digit each
    image's cluster is matched to (``fig_code.match_labels``). Dots take the colour of their
    predicted class in ``fig_code.cluster_colors`` (as in :func:`fig_code.plot_clusters`); a small
    black cross marks each sample whose predicted class is not its true class (thin, so the dot's
    colour still shows); each centre gets its name in a white box.

    Parameters
    ----------
    points : array-like of shape (n_samples, 2)
        The map, e.g. the output of ``TSNE(...).fit_transform(X)``.
    predicted, y_true : array-like of int, shape (n_samples,)
        The predicted and the true class of every sample (``predicted`` non-negative: it picks
        the colour).
    centers : array-like of shape (n_clusters, 2), optional
        Where to write the cluster names, e.g. ``km.cluster_centers_``.
    center_names : sequence of str, optional
        One name per centre (required with ``centers``), e.g. the matched digits.
    ax : matplotlib Axes, optional
        Where to draw; a new pyplot-free figure is made when omitted.
    size : float, default 12
        Dot size (matplotlib's ``s``, in points squared; the name ``plot_clusters`` uses too).
        ``s=`` is accepted as well and passed to ``ax.scatter`` like any other keyword.
    fontsize : float, default 16
        Size of the centre names.
    **kwargs
        Passed to ``ax.scatter`` for the dots (e.g. ``alpha``, ``marker``).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; the crosses carry the legend label "wrong digit".

    Raises
    ------
    ValueError
        If ``points`` is not a finite array of shape (n_samples, 2); ``predicted`` or ``y_true`` are
        not integer labels, one per sample (``predicted`` non-negative); ``centers`` is not of shape
        (n_clusters, 2), or ``center_names`` does not give one name per centre (or comes without
        ``centers``); ``size`` or ``fontsize`` is not a number >= 0; ``ax`` is not a matplotlib
        Axes.

    Examples
    --------
    >>> ax = plot_cluster_map([[0, 0], [1, 0], [5, 5]], [0, 0, 1], [0, 1, 1],
    ...                       centers=[[0.5, 0], [5, 5]], center_names=["0", "1"])
    >>> len(ax.collections), [t.get_text() for t in ax.texts]
    (2, ['0', '1'])
    """
    points = check_points(points, name="points", n_features=2)
    n = points.shape[0]
    predicted = check_cluster_labels(predicted, n, name="predicted")
    y_true = check_labels(y_true, name="y_true", n_samples=n)
    centers, center_names = check_named_centers(centers, center_names)
    size = check_real(size, name="size", low=0)
    fontsize = check_real(fontsize, name="fontsize", low=0)
    if ax is None:
        ax = new_figure(figsize=(7, 6), layout="constrained").subplots()
    ax = check_ax(ax)

    colors = cluster_colors(int(predicted.max()) + 1)[predicted]
    ax.scatter(points[:, 0], points[:, 1], **({"c": colors, "s": size, "linewidths": 0} | kwargs))
    wrong = predicted != y_true
    ax.scatter(
        points[wrong, 0],
        points[wrong, 1],
        marker="x",
        s=15,
        linewidths=0.8,
        color="black",
        label="wrong digit",
    )
    if centers is not None:
        box = {"boxstyle": "round", "facecolor": "white", "alpha": 0.8}
        for (cx, cy), name in zip(centers, center_names, strict=True):
            ax.text(
                cx,
                cy,
                str(name),
                fontsize=fontsize,
                weight="bold",
                ha="center",
                va="center",
                bbox=box,
            )
    return ax
