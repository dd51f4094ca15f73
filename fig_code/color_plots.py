"""Drawing functions for notebook 04: an image's pixels as a cloud in colour space, and a palette.

Each function takes an optional matplotlib ``ax``, draws on it and returns it (a new pyplot-free
figure when ``ax`` is None); further keyword arguments go to the main matplotlib call. Computing
lives in ``fig_code.quantize``.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from ._validation import (
    check_ax,
    check_channels,
    check_image,
    check_int,
    check_palette,
    check_palette_columns,
    check_random_state,
)

__all__ = ["plot_color_cloud", "plot_palette", "sample_pixels"]

CHANNELS = ("red", "green", "blue")


def sample_pixels(image, n_pixels: int = 5000, *, random_state=0) -> np.ndarray:
    """A random sample of an image's pixels as an (n, 3) array of the image's dtype.

    Parameters
    ----------
    image : array of shape (height, width, 3)
        RGB image, ``uint8`` or float in [0, 1].
    n_pixels : int, default 5000
        How many pixels (at most the number in the image), drawn without replacement.
    random_state : int, numpy RandomState or None, default 0
        Seed of the draw, as in scikit-learn (``sklearn.utils.check_random_state``): an int gives
        the same sample every time, a ``RandomState`` is used (and advanced) as is, None uses
        NumPy's global random state.

    Returns
    -------
    array of shape (n_pixels, 3)
        The sampled pixels, of the image's dtype.

    Raises
    ------
    ValueError
        If ``image`` is not an RGB image, ``n_pixels`` is not an integer from 1 to the number of
        pixels, or ``random_state`` is not None, an integer or a ``RandomState``.

    Examples
    --------
    >>> img = np.zeros((10, 10, 3), dtype=np.uint8)
    >>> sample_pixels(img, 7).shape
    (7, 3)
    """
    image = check_image(image)
    pixels = image.reshape(-1, 3)
    n_pixels = check_int(n_pixels, name="n_pixels", low=1, high=len(pixels))
    rng = check_random_state(random_state)
    return pixels[rng.choice(len(pixels), size=n_pixels, replace=False)]


def plot_color_cloud(
    image,
    *,
    channels: tuple[str, str] = ("red", "green"),
    n_pixels: int = 5000,
    random_state=0,
    palette=None,
    ax: Axes | None = None,
    **kwargs,
) -> Axes:
    """Scatter a sample of an image's pixels in a 2-D view of RGB space, each in its own colour.

    Drawn on a white background (whatever the style), so that pale pixels such as a bright sky
    remain visible.

    Parameters
    ----------
    image : array of shape (height, width, 3)
        RGB image, ``uint8`` or float in [0, 1].
    channels : pair of "red", "green", "blue", default ("red", "green")
        The channel on the x axis, then on the y axis.
    n_pixels : int, default 5000
        Size of the random pixel sample drawn (``sample_pixels``); all the pixels if the image has
        fewer.
    random_state : int, numpy RandomState or None, default 0
        Seed of the sample (see ``sample_pixels``).
    palette : array of shape (n_colors, 3), optional
        Colours (e.g. K-means centres) to mark on top as large black-edged discs.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    **kwargs
        Passed on to ``ax.scatter`` for the pixel cloud (e.g. ``s=10``, ``alpha=0.5``); they
        override its defaults ``s=4, linewidths=0, rasterized=True``.

    Returns
    -------
    matplotlib Axes
        The Axes drawn on.

    Raises
    ------
    ValueError
        If ``image`` is not an RGB image, ``channels`` is not a pair of "red", "green", "blue",
        ``n_pixels`` is not an integer >= 1, ``palette`` is not an RGB
        array of shape (n_colors, 3), or ``ax`` is neither None nor a matplotlib Axes.

    Examples
    --------
    >>> img = np.zeros((4, 4, 3), dtype=np.uint8)
    >>> img[:2, :, 0] = 255  # the top half red, the bottom half black
    >>> ax = plot_color_cloud(img, channels=("red", "blue"), n_pixels=10)
    >>> ax.get_xlabel(), ax.get_ylabel(), len(ax.collections[0].get_offsets())
    ('red', 'blue', 10)
    """
    x, y = check_channels(channels, CHANNELS)
    n_pixels = check_int(n_pixels, name="n_pixels", low=1)
    image = check_image(image)
    if palette is not None:
        palette = check_palette(palette)
    ax = check_ax(ax, figsize=(5, 5))
    scale = 255.0 if image.dtype == np.uint8 else 1.0
    sample = sample_pixels(
        image, min(n_pixels, image.shape[0] * image.shape[1]), random_state=random_state
    )
    colors = sample / scale
    style = {"c": colors, "s": 4, "linewidths": 0, "rasterized": True, **kwargs}
    ax.scatter(sample[:, x], sample[:, y], **style)
    if palette is not None:
        ax.scatter(
            palette[:, x],
            palette[:, y],
            c=palette / scale,
            s=70,
            edgecolors="black",
            linewidths=1.0,
            label="palette",
        )
    # A white background, so that pale colours (a bright sky) stand out; a light grid and frame.
    ax.set_facecolor("white")
    ax.grid(True, color="0.88", linewidth=0.8)
    ax.set_axisbelow(True)
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_edgecolor("0.6")
    ax.set_xlim(0, scale)
    ax.set_ylim(0, scale)
    ax.set_aspect("equal")
    ax.set_xlabel(CHANNELS[x])
    ax.set_ylabel(CHANNELS[y])
    return ax


def plot_palette(
    palette,
    *,
    ncols: int | None = None,
    ax: Axes | None = None,
    n_columns: int | None = None,
    **kwargs,
) -> Axes:
    """Draw a palette as a grid of colour swatches, in the palette's order (row by row).

    Parameters
    ----------
    palette : array of shape (n_colors, 3)
        RGB colours, ``uint8`` or float in [0, 1] (e.g. from ``quantize_colors``).
    ncols : int, optional
        Swatches per row; by default all in one row up to 32 colours, then rows of 32. (The same
        name as ``plot_kmeans_steps`` and ``plot_digit_images`` use for their panels per row.)
    ax : matplotlib Axes, optional
        Where to draw; a new figure when None.
    n_columns : int, optional
        The former name of ``ncols``, still accepted; give one of the two.
    **kwargs
        Passed on to ``ax.imshow``, which draws the swatches; they override its defaults
        ``interpolation="nearest", aspect="auto"``.

    Returns
    -------
    matplotlib Axes
        The Axes drawn on.

    Raises
    ------
    ValueError
        If ``palette`` is not an RGB array of shape (n_colors, 3) (uint8, or float in [0, 1]),
        ``ncols`` is not an integer >= 1 (or both ``ncols`` and ``n_columns`` are given), or
        ``ax`` is neither None nor a matplotlib Axes.

    Examples
    --------
    >>> ax = plot_palette(np.array([[255, 0, 0], [0, 0, 255]], dtype=np.uint8))
    >>> ax.images[0].get_array().shape
    (1, 2, 3)
    >>> plot_palette(np.zeros((5, 3)), ncols=2).images[0].get_array().shape
    (3, 2, 3)
    """
    palette = check_palette(palette)
    n = len(palette)
    n_columns = check_palette_columns(ncols, n_columns, n)
    n_rows = -(-n // n_columns)
    ax = check_ax(ax, figsize=(6, 0.4 + 0.3 * n_rows))
    grid = np.ones((n_rows * n_columns, 3))  # unused cells stay white
    grid[:n] = palette / (255.0 if palette.dtype == np.uint8 else 1.0)
    style = {"interpolation": "nearest", "aspect": "auto", **kwargs}
    ax.imshow(grid.reshape(n_rows, n_columns, 3), **style)
    # thin white lines between swatches
    ax.set_xticks(np.arange(-0.5, n_columns, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, n_rows, 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.0)
    ax.grid(which="major", visible=False)
    ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return ax
