"""Drawing for notebook 03: rows of pixels (digit images, cluster centres) shown as small images."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ._validation import check_int, check_points
from .figures import new_figure

__all__ = ["plot_digit_images"]


def plot_digit_images(
    images,
    *,
    shape: tuple[int, int] = (8, 8),
    axes=None,
    titles: Sequence[str] | None = None,
    ncols: int = 5,
    cmap: str = "binary",
    fontsize: float = 12,
):
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
    cmap : str, default "binary"
        A sequential colormap: white background, black ink.
    fontsize : float, default 12
        Size of the titles.

    Returns
    -------
    ndarray of Axes
        The axes drawn on, flattened, one per image (then the hidden extras).

    Examples
    --------
    >>> from sklearn.datasets import load_digits
    >>> digits = load_digits()
    >>> axes = plot_digit_images(digits.data[:10], titles=[str(d) for d in digits.target[:10]])
    >>> len(axes), axes[0].get_title()
    (10, '0')
    """
    images = check_points(images, name="images")
    if not (
        isinstance(shape, Sequence)
        and len(shape) == 2
        and all(
            isinstance(s, int | np.integer) and not isinstance(s, bool) and s > 0 for s in shape
        )
    ):
        raise ValueError(
            f"shape must be a pair of positive integers (height, width); got {shape!r}"
        )
    height, width = (int(s) for s in shape)
    if images.shape[1] != height * width:
        raise ValueError(
            f"images must have height * width = {height * width} columns (one flattened "
            f"{height} x {width} image per row); got shape {images.shape}"
        )
    n = images.shape[0]
    if titles is not None:
        titles = list(titles)
        if len(titles) != n:
            raise ValueError(f"titles must give one title per image ({n}); got {len(titles)}")
    if axes is None:
        ncols = check_int(ncols, name="ncols", low=1)
        ncols = min(ncols, n)
        nrows = math.ceil(n / ncols)
        fig = new_figure(figsize=(1.6 * ncols, 1.8 * nrows), layout="constrained")
        axes = fig.subplots(nrows, ncols, squeeze=False)
    axes = np.asarray(axes, dtype=object).ravel()
    if axes.size < n:
        raise ValueError(f"axes must hold at least one Axes per image ({n}); got {axes.size}")

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
    return axes
