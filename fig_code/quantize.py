"""Colour quantization with K-means: a photo reduced to a small palette, at full resolution.

K-means minimises a sum, over points, of the squared distance to the nearest centre. A photo has many
pixels but far fewer distinct colours, and a colour shared by ``c`` pixels contributes exactly like one
point of weight ``c``. So instead of fitting on every pixel, :func:`quantize_colors` fits on a weighted
colour histogram:

1. the distinct colours and how many pixels have each: an exact merge that changes nothing;
2. nearly identical colours (those inside the same small cube of colour space) merged once more into
   their weighted mean, which changes the objective very little and leaves a few thousand points;
3. ``KMeans(...).fit(points, sample_weight=counts)`` on those, then a few Lloyd iterations on a finer
   histogram to polish the centres;
4. every pixel assigned exactly to its nearest palette colour, computed once per distinct colour.

No pixel is dropped and the image is never downsampled.
"""

from __future__ import annotations

from contextlib import nullcontext

import numpy as np
from sklearn.cluster import KMeans

from ._validation import check_int

__all__ = ["color_histogram", "psnr", "quantize_colors"]

#: Sides (in 0-255 units) of the cubes in which nearly identical colours are merged, coarse to fine.
#: The fit uses the coarsest histogram with at least ``MIN_POINTS_PER_COLOR`` points per palette
#: colour (the exact distinct colours if none has), and the next finer one polishes the centres.
MERGE_CELLS = (8, 4)
MIN_POINTS_PER_COLOR = 16
#: Restarts of the K-means fit, and Lloyd iterations of the polish on the finer histogram.
N_INIT = 1
POLISH_ITER = 5
#: Rows per block in the nearest-colour search (keeps the distance block in cache).
_BLOCK = 8192
#: Run the (small) fits on one thread: they take milliseconds, and on a busy machine OpenMP threads
#: waiting for each other cost far more than they save. Results are the same either way.
SINGLE_THREAD = True
_controller = None


def _one_thread():
    """A context that limits OpenMP and BLAS to one thread (nothing if threadpoolctl is too old)."""
    global _controller
    if not SINGLE_THREAD:
        return nullcontext()
    if _controller is None:
        try:  # threadpoolctl >= 3.0; scikit-learn depends on it
            from threadpoolctl import ThreadpoolController

            _controller = ThreadpoolController()
        except ImportError:  # pragma: no cover
            _controller = False
    return _controller.limit(limits=1) if _controller else nullcontext()


# --- validation ------------------------------------------------------------------------------------
def _check_image(image, *, name: str = "image", shape: str = "(height, width, 3)") -> np.ndarray:
    """Return ``image`` as an (H, W, 3) uint8 or float array in [0, 1], or raise ValueError."""
    expected = f"{name} must be an RGB array of shape {shape}, uint8 or float in [0, 1]"
    if not isinstance(image, np.ndarray):
        try:
            image = np.asarray(image)
        except (TypeError, ValueError):
            raise ValueError(f"{expected}; got {type(image).__name__}") from None
    if image.ndim != 3:
        hint = " (a grey image has no colour channels)" if image.ndim == 2 else ""
        raise ValueError(f"{expected}; got a {image.ndim}-D array of shape {image.shape}{hint}")
    if image.shape[2] != 3:
        hint = " (RGBA? drop the alpha channel with image[..., :3])" if image.shape[2] == 4 else ""
        raise ValueError(f"{expected}; got {image.shape[2]} channel(s), shape {image.shape}{hint}")
    if image.shape[0] == 0 or image.shape[1] == 0:
        raise ValueError(f"{expected}; got an empty image of shape {image.shape}")
    if image.dtype == np.uint8:
        return image
    if not np.issubdtype(image.dtype, np.floating):
        raise ValueError(
            f"{expected}; got dtype {image.dtype} (if the values are integers from 0 to 255, "
            "convert with image.astype(np.uint8))"
        )
    n_nan = int(np.isnan(image).sum())
    if n_nan:
        raise ValueError(f"{expected}; it contains {n_nan} NaN value(s)")
    lo, hi = float(image.min()), float(image.max())
    if lo < 0 or hi > 1:
        hint = " (values from 0 to 255? divide by 255)" if 0 <= lo and hi <= 255 else ""
        raise ValueError(f"{expected}; got float values from {lo:g} to {hi:g}{hint}")
    return image


def _check_palette(palette, *, name: str = "palette") -> np.ndarray:
    """Return ``palette`` as an (n_colors, 3) uint8 or float array in [0, 1], or raise ValueError."""
    arr = np.asarray(palette)
    if arr.ndim != 2 or arr.shape[1] != 3 or arr.shape[0] == 0:
        raise ValueError(
            f"{name} must be an RGB array of shape (n_colors, 3), uint8 or float in [0, 1]; "
            f"got shape {arr.shape}"
        )
    return _check_image(arr[None], name=name, shape="(n_colors, 3)")[0]


# --- the colour histogram --------------------------------------------------------------------------
def _unique_codes(codes: np.ndarray):
    """``np.unique(codes, return_inverse=True, return_counts=True)`` for 24-bit packed RGB codes.

    The same result, about three times faster: a two-pass radix sort (12 bits per pass, where NumPy's
    stable argsort of 16-bit keys is a linear-time radix sort) instead of a comparison sort.
    """
    order = np.argsort((codes & 0xFFF).astype(np.uint16), kind="stable")
    order = order[np.argsort((codes[order] >> 12).astype(np.uint16), kind="stable")]
    ordered = codes[order]
    starts = np.empty(ordered.size, dtype=bool)
    starts[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    inverse = np.empty(codes.size, dtype=np.intp)
    inverse[order] = np.cumsum(starts) - 1
    counts = np.diff(np.append(np.flatnonzero(starts), ordered.size))
    return ordered[starts], inverse, counts


def _unique_colors(pixels: np.ndarray):
    """Distinct rows of an (n, 3) pixel array (sorted), each pixel's row index among them, counts."""
    if pixels.dtype == np.uint8:
        p = pixels.astype(np.int32)
        codes, inverse, counts = _unique_codes((p[:, 0] << 16) | (p[:, 1] << 8) | p[:, 2])
        colors = np.empty((codes.size, 3), dtype=np.uint8)
        colors[:, 0] = codes >> 16
        colors[:, 1] = (codes >> 8) & 255
        colors[:, 2] = codes & 255
        return colors, inverse, counts
    colors, inverse, counts = np.unique(pixels, axis=0, return_inverse=True, return_counts=True)
    return colors, inverse.ravel(), counts


def color_histogram(image) -> tuple[np.ndarray, np.ndarray]:
    """The distinct colours of an RGB image, and how many pixels have each.

    Parameters
    ----------
    image : array of shape (height, width, 3)
        RGB image, ``uint8`` or float in [0, 1].

    Returns
    -------
    colors : array of shape (n_distinct, 3)
        Each distinct colour once (same dtype as ``image``), in lexicographic (R, G, B) order.
    counts : int array of shape (n_distinct,)
        How many pixels have that colour; ``counts.sum()`` is the number of pixels.

    Examples
    --------
    >>> img = np.array([[[255, 0, 0], [255, 0, 0], [0, 0, 255]]], dtype=np.uint8)
    >>> colors, counts = color_histogram(img)
    >>> colors.tolist(), counts.tolist()
    ([[0, 0, 255], [255, 0, 0]], [1, 2])
    """
    image = _check_image(image)
    colors, _, counts = _unique_colors(image.reshape(-1, 3))
    return colors, counts


def _merge_nearby(points: np.ndarray, weights: np.ndarray, cell: float):
    """Merge the weighted points inside each cube of side ``cell`` into their weighted mean."""
    levels = int(255 // cell) + 1
    bins = np.minimum((points // cell).astype(np.int64), levels - 1)
    codes = (bins[:, 0] * levels + bins[:, 1]) * levels + bins[:, 2]
    total = np.bincount(codes, weights=weights, minlength=levels**3)
    occupied = np.flatnonzero(total)
    sums = [
        np.bincount(codes, weights=weights * points[:, c], minlength=levels**3) for c in range(3)
    ]
    means = np.stack([s[occupied] for s in sums], axis=1) / total[occupied, None]
    return means, total[occupied]


# --- K-means on the histogram ----------------------------------------------------------------------
def _nearest(points: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Index of the nearest centre (squared Euclidean distance) for each point, computed exactly."""
    # |x - c|^2 = |x|^2 - 2 x.c + |c|^2, and |x|^2 is the same for every centre: leave it out.
    minus_2ct = -2.0 * centers.T
    c2 = (centers * centers).sum(axis=1)
    out = np.empty(points.shape[0], dtype=np.intp)
    for start in range(0, points.shape[0], _BLOCK):  # blocks of rows, not a loop over samples
        scores = points[start : start + _BLOCK] @ minus_2ct
        scores += c2
        out[start : start + _BLOCK] = scores.argmin(axis=1)
    return out


def _palette_order(palette: np.ndarray) -> np.ndarray:
    """Indices sorting palette rows from dark to light (Rec. 601 luma), ties by R, G, B."""
    luma = palette @ np.array([0.299, 0.587, 0.114])
    return np.lexsort((palette[:, 2], palette[:, 1], palette[:, 0], luma))


def _fit_centers(points, weights, n_colors: int, random_state) -> np.ndarray:
    """K-means centres of weighted points: fit on a merged histogram, polish on a finer one."""
    # Histograms from coarse to fine, ending with the exact one (the distinct colours themselves).
    levels = [_merge_nearby(points, weights, cell) for cell in MERGE_CELLS] + [(points, weights)]
    enough = [len(p) >= MIN_POINTS_PER_COLOR * n_colors for p, _ in levels]
    fit = enough.index(True) if any(enough) else len(levels) - 1
    fit_points, fit_weights = levels[fit]
    km = KMeans(n_clusters=n_colors, n_init=N_INIT, random_state=random_state)
    centers = km.fit(fit_points, sample_weight=fit_weights).cluster_centers_
    if fit + 1 < len(levels) and POLISH_ITER > 0:
        finer_points, finer_weights = levels[fit + 1]
        polish = KMeans(
            n_clusters=n_colors, init=centers, n_init=1, max_iter=POLISH_ITER, random_state=0
        )
        centers = polish.fit(finer_points, sample_weight=finer_weights).cluster_centers_
    return centers


def quantize_colors(image, n_colors: int = 64, *, random_state=0) -> tuple[np.ndarray, np.ndarray]:
    """Reduce an RGB image to ``n_colors`` colours chosen by K-means, at full resolution.

    K-means is fitted on the image's colour histogram, each (merged) colour weighted by its number
    of pixels, and every pixel is then replaced by the palette colour nearest to it.

    Parameters
    ----------
    image : array of shape (height, width, 3)
        RGB image, ``uint8`` (0-255) or float with values in [0, 1].
    n_colors : int, default 64
        Size of the palette, at least 1.
    random_state : int, numpy RandomState or None, default 0
        Seed of K-means' initialisation (k-means++): the same seed gives the same result.

    Returns
    -------
    quantized : array of the same shape and dtype as ``image``
        Each pixel replaced by its nearest palette colour.
    palette : array of shape (n_colors, 3), same dtype as ``image``
        The colours, sorted from dark to light. It has fewer rows only when the image itself has
        fewer distinct colours than ``n_colors`` (the image then comes back unchanged and the
        palette lists its colours), or in the rare case that two centres round to the same uint8
        colour (the duplicate is dropped).

    Raises
    ------
    ValueError
        If ``n_colors`` is not an integer >= 1, or ``image`` is not an RGB array of shape
        (height, width, 3) (a grey or RGBA image, say), or is float with NaN or values outside
        [0, 1], or has a dtype other than uint8 and float.

    Examples
    --------
    >>> from sklearn.datasets import load_sample_image
    >>> china = load_sample_image("china.jpg")
    >>> quantized, palette = quantize_colors(china, 16)
    >>> quantized.shape, quantized.dtype, palette.shape
    ((427, 640, 3), dtype('uint8'), (16, 3))
    >>> len(np.unique(quantized.reshape(-1, 3), axis=0)) <= 16
    True
    """
    n_colors = check_int(n_colors, name="n_colors", low=1)
    image = _check_image(image)
    colors, inverse, counts = _unique_colors(image.reshape(-1, 3))
    if colors.shape[0] <= n_colors:
        return image.copy(), colors[_palette_order(colors.astype(np.float64))]

    scale = 1.0 if image.dtype == np.uint8 else 255.0  # work in 0-255 units whatever the input
    points = colors.astype(np.float64) * scale
    weights = counts.astype(np.float64)
    with _one_thread():
        centers = _fit_centers(points, weights, n_colors, random_state)
        if image.dtype == np.uint8:
            palette = np.clip(np.rint(centers), 0, 255).astype(np.uint8)
        else:
            palette = np.clip(centers / scale, 0.0, 1.0).astype(image.dtype)
        palette = np.unique(palette, axis=0)
        palette = palette[_palette_order(palette.astype(np.float64))]
        # Exact assignment: one nearest-colour search per distinct colour, copied to its pixels.
        nearest = _nearest(points, palette.astype(np.float64) * scale)
    return palette[nearest[inverse]].reshape(image.shape), palette


def psnr(original, approximation) -> float:
    """Peak signal-to-noise ratio, in decibels, of an approximation of an image.

    ``PSNR = 10 log10(MAX**2 / MSE)``, where ``MAX`` is 255 for uint8 images and 1 for float images
    in [0, 1], and ``MSE`` is the mean squared difference over every pixel and channel. Higher is
    better; identical images give ``inf``.

    Parameters
    ----------
    original, approximation : arrays of shape (height, width, 3)
        Both uint8, or both float in [0, 1], of the same shape.

    Examples
    --------
    >>> a = np.zeros((2, 2, 3), dtype=np.uint8)
    >>> b = a.copy()
    >>> b[0, 0, 0] = 255
    >>> round(psnr(a, b), 2)
    10.79
    """
    a = _check_image(original, name="original")
    b = _check_image(approximation, name="approximation")
    if a.shape != b.shape:
        raise ValueError(
            f"original and approximation must have the same shape; got {a.shape} and {b.shape}"
        )
    if (a.dtype == np.uint8) != (b.dtype == np.uint8):
        raise ValueError(
            "original and approximation must both be uint8, or both float in [0, 1]; "
            f"got {a.dtype} and {b.dtype}"
        )
    peak = 255.0 if a.dtype == np.uint8 else 1.0
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    if mse == 0:
        return float("inf")
    return float(10 * np.log10(peak**2 / mse))
