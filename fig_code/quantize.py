"""Colour quantization with K-means: a photo reduced to a small palette, at full resolution.

K-means minimises a sum, over points, of the squared distance to the nearest centre. A photo has many
pixels but far fewer distinct colours, and a colour shared by ``c`` pixels contributes exactly like one
point of weight ``c``. So instead of fitting on every pixel, :func:`quantize_colors` works on weighted
colour histograms:

1. nearly identical colours (those inside the same small cube of colour space) are merged into their
   weighted mean, weighted by their number of pixels, in histograms with cubes of side 16, 8 and 4:
   this changes the objective little and leaves far fewer points than pixels (for scikit-learn's
   china.jpg, 273,280 pixels: about a thousand cubes of side 16, five thousand of side 8 and
   twenty-five thousand of side 4);
2. K-means (k-means++ seeding and Lloyd iterations) runs on the coarsest histogram with at least
   ``FIT_POINTS_PER_COLOR`` points per palette colour, then
   ``KMeans(...).fit(points, sample_weight=counts)`` polishes the centres on the finer ones;
3. every pixel is assigned exactly to its nearest palette colour, computed once per distinct colour
   (the exact histogram, built meanwhile on a second thread).

No pixel is dropped and the image is never downsampled. ``benchmarks/quantize_colors.py`` compares
speed and quality with ``KMeans`` on every pixel and with other quantizers.

For those comparisons this module also offers :func:`kmeans_quantize` (plain ``KMeans`` fitted on all
or some of the pixels), :func:`pillow_quantize` (Pillow's own quantizers), :func:`png_size`,
:func:`png_bit_depth` and :func:`jpeg_roundtrip`.
"""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext

import numpy as np
from PIL import Image

from ._validation import check_int

__all__ = [
    "color_histogram",
    "jpeg_roundtrip",
    "kmeans_quantize",
    "pillow_quantize",
    "png_bit_depth",
    "png_size",
    "psnr",
    "quantize_colors",
]

#: Sides (in 0-255 units, each twice the next) of the cubes in which nearly identical colours are
#: merged. The fit uses the coarsest of these histograms with at least ``FIT_POINTS_PER_COLOR``
#: points per palette colour (the exact distinct colours if none has); the finer ones then polish
#: the centres, with ``POLISH_ITER`` Lloyd iterations each (the last number for the finest).
MERGE_CELLS = (16, 8, 4)
FIT_POINTS_PER_COLOR = 8
N_INIT = 1
POLISH_ITER = (15, 8)
#: In the histograms used for polishing, cubes with fewer pixels than this are merged further.
SPARSE_PIXELS = 5
#: Below this many points a plain NumPy Lloyd loop is quicker than scikit-learn's KMeans.
_NUMPY_LLOYD_MAX = 8000
#: Rows per block in the nearest-colour search (keeps the distance block in cache).
_BLOCK = 8192
#: Run the fits on one thread: they take milliseconds, and on a busy machine OpenMP threads waiting
#: for each other cost far more than they save. Results are the same either way.
SINGLE_THREAD = True
_controller = None
_worker = None


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


def _background() -> ThreadPoolExecutor:
    """One worker thread for independent NumPy work (sorting, distances: NumPy releases the GIL)."""
    global _worker
    if _worker is None:
        _worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fig_code-quantize")
    return _worker


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

    The same result, two to three times faster: a two-pass radix sort (12 bits per pass; NumPy's
    stable argsort of 16-bit keys is a linear-time radix sort) instead of a comparison sort.
    """
    order = np.argsort((codes & 0xFFF).astype(np.uint16), kind="stable")
    high = (codes >> 12).astype(np.uint16)[order]
    order = order[np.argsort(high, kind="stable")]
    ordered = codes[order]
    starts = np.empty(ordered.size, dtype=bool)
    starts[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    group = np.cumsum(starts, dtype=np.intp)
    group -= 1
    inverse = np.empty(codes.size, dtype=np.intp)
    inverse[order] = group
    first = np.flatnonzero(starts)
    return ordered[first], inverse, np.diff(first, append=ordered.size)


def _unique_colors(pixels: np.ndarray):
    """Distinct rows of an (n, 3) pixel array (sorted), each pixel's row index among them, counts."""
    if pixels.dtype == np.uint8:
        packed = pixels[:, 0].astype(np.int32)  # R << 16 | G << 8 | B
        packed <<= 8
        packed |= pixels[:, 1]
        packed <<= 8
        packed |= pixels[:, 2]
        codes, inverse, counts = _unique_codes(packed)
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


def _cube_histogram(pixels: np.ndarray, cell: int):
    """Weighted mean colour (0-255 units) and pixel count of each occupied cube of side ``cell``.

    Straight from the pixels, as ``_merge_nearby`` on the exact histogram would give it.
    """
    levels = 255 // cell + 1
    if pixels.dtype == np.uint8 and cell & (cell - 1) == 0:  # a power of two: bit shifts
        shift = cell.bit_length() - 1
        codes = (pixels[:, 0] >> shift).astype(np.intp)
        for c in (1, 2):
            codes *= levels
            codes += pixels[:, c] >> shift
        scale = 1.0
    else:
        scale = 1.0 if pixels.dtype == np.uint8 else 255.0
        bins = (pixels * (scale / cell)).astype(np.intp)
        codes = (bins[:, 0] * levels + bins[:, 1]) * levels + bins[:, 2]
    total = np.bincount(codes, minlength=levels**3)
    occupied = np.flatnonzero(total)
    means = np.empty((occupied.size, 3))
    for c in range(3):  # three channels, not a loop over samples
        means[:, c] = np.bincount(codes, weights=pixels[:, c], minlength=levels**3)[occupied]
    counts = total[occupied].astype(np.float64)
    means *= scale / counts[:, None]
    return means, counts


def _merge_nearby(points: np.ndarray, weights: np.ndarray, cell: int):
    """Merge the weighted points inside each cube of side ``cell`` into their weighted mean.

    ``points`` are colours in 0-255 units (non-negative), so truncating ``points / cell`` to an
    integer gives each point's cube.
    """
    levels = 255 // cell + 1
    bins = (points * (1.0 / cell)).astype(np.intp)
    codes = (bins[:, 0] * levels + bins[:, 1]) * levels + bins[:, 2]
    total = np.bincount(codes, weights=weights, minlength=levels**3)
    occupied = np.flatnonzero(total)
    means = np.empty((occupied.size, 3))
    for c in range(3):  # three channels, not a loop over samples
        sums = np.bincount(codes, weights=weights * points[:, c], minlength=levels**3)
        means[:, c] = sums[occupied]
    means /= total[occupied, None]
    return means, total[occupied]


def _thin(points, weights, cell: int, min_weight: float):
    """Keep the points of weight >= ``min_weight``; merge the others in cubes of side ``cell``."""
    sparse = weights < min_weight
    if not sparse.any():
        return points, weights
    merged, merged_weights = _merge_nearby(points[sparse], weights[sparse], cell)
    return (
        np.concatenate([points[~sparse], merged]),
        np.concatenate([weights[~sparse], merged_weights]),
    )


# --- K-means on the histograms ---------------------------------------------------------------------
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


def _nearest_two_threads(points: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """``_nearest``, the second half of the points on the background thread."""
    half = len(points) // 2
    if half < _BLOCK:
        return _nearest(points, centers)
    second = _background().submit(_nearest, points[half:], centers)
    return np.concatenate([_nearest(points[:half], centers), second.result()])


def _kmeans_plusplus(points, weights, n_clusters: int, rng) -> np.ndarray:
    """Weighted k-means++ seeding (with scikit-learn's 2 + log(k) candidates per step).

    Each new centre is drawn among a few candidates picked with probability proportional to weight
    times squared distance to the nearest centre so far; the candidate that lowers the weighted
    potential most is kept. The same algorithm as ``sklearn.cluster.kmeans_plusplus``, with less
    overhead per step, which matters here: the data are small and the steps many.
    """
    n = len(points)
    trials = 2 + int(np.log(n_clusters))
    x2 = (points * points).sum(axis=1)
    centers = np.empty((n_clusters, points.shape[1]))
    first = rng.choice(n, p=weights / weights.sum())
    centers[0] = points[first]
    closest = np.maximum(x2 - 2.0 * (points @ points[first]) + x2[first], 0.0)
    for c in range(1, n_clusters):  # sequential by nature: one step per centre
        cumulative = np.cumsum(weights * closest)
        ids = np.searchsorted(cumulative, rng.uniform(size=trials) * cumulative[-1])
        ids = np.minimum(ids, n - 1)
        d2 = x2[ids, None] - 2.0 * (points[ids] @ points.T) + x2
        np.maximum(d2, 0.0, out=d2)
        np.minimum(d2, closest, out=d2)
        best = int(np.argmin(d2 @ weights))
        closest = d2[best]
        centers[c] = points[ids[best]]
    return centers


def _lloyd(points, weights, centers, max_iter: int = 300):
    """Weighted Lloyd iterations until the centres stop moving; returns (centres, inertia).

    For small data (the coarse histogram), where a plain NumPy loop beats any call overhead. A
    centre that loses all its points stays where it is.
    """
    k = len(centers)
    for _ in range(max_iter):
        labels = _nearest(points, centers)
        total = np.bincount(labels, weights=weights, minlength=k)
        new = centers.copy()
        keep = total > 0
        for c in range(points.shape[1]):  # three channels, not a loop over samples
            sums = np.bincount(labels, weights=weights * points[:, c], minlength=k)
            new[keep, c] = sums[keep] / total[keep]
        if np.array_equal(new, centers):
            break
        centers = new
    labels = _nearest(points, centers)
    inertia = float(((points - centers[labels]) ** 2).sum(axis=1) @ weights)
    return centers, inertia


def _fit_centers(finest, exact, n_colors: int, random_state) -> np.ndarray:
    """K-means centres: fitted on a coarse histogram, polished on finer ones.

    ``finest`` is the histogram with the smallest cubes, ``exact()`` returns the exact one (the
    distinct colours), used only when no merged histogram has enough points.
    """
    cells = sorted(MERGE_CELLS, reverse=True)  # coarse to fine
    levels = [finest]
    for cell in cells[-2::-1]:  # each merged from the next finer one: the cubes nest
        levels.insert(0, _merge_nearby(*levels[0], cell))
    # The histograms used for polishing are thinned: their sparse cubes (few pixels, so little
    # weight in the sum K-means minimises) go back into the cubes of the next coarser level.
    for i in range(1, len(levels)):
        levels[i] = _thin(*levels[i], cells[i - 1], SPARSE_PIXELS)
    # Fit on the coarsest histogram with enough points per colour (else on the exact one): the
    # best of N_INIT runs of k-means++ seeding and Lloyd iterations, in NumPy (small data).
    big = [len(p) >= FIT_POINTS_PER_COLOR * n_colors for p, _ in levels]
    fit_level = levels[big.index(True)] if any(big) else exact()
    finer = levels[big.index(True) + 1 :] if any(big) else []
    # scikit-learn is imported here, not at module level: it is most of `import fig_code`'s time.
    from sklearn.cluster import KMeans
    from sklearn.utils import check_random_state

    rng = check_random_state(random_state)
    runs = [_lloyd(*fit_level, _kmeans_plusplus(*fit_level, n_colors, rng)) for _ in range(N_INIT)]
    centers = min(runs, key=lambda run: run[1])[0]
    # Polish: a few Lloyd iterations on each finer histogram in turn (the finest gets the last
    # count of POLISH_ITER, and so on): scikit-learn's KMeans with the pixel counts as sample_weight,
    # or for small histograms the NumPy loop above (no call overhead).
    last = len(POLISH_ITER) - 1
    iters = [POLISH_ITER[max(0, last - (len(finer) - 1 - i))] for i in range(len(finer))]
    for (points, weights), n_iter in zip(finer, iters, strict=True):
        if len(points) < _NUMPY_LLOYD_MAX:
            centers = _lloyd(points, weights, centers, n_iter)[0]
            continue
        polish = KMeans(
            n_clusters=n_colors,
            init=centers.astype(np.float32),
            n_init=1,
            max_iter=n_iter,
            random_state=0,
        )
        polish.fit(points.astype(np.float32), sample_weight=weights.astype(np.float32))
        centers = polish.cluster_centers_.astype(np.float64)
    return centers


def _palette_order(palette: np.ndarray) -> np.ndarray:
    """Indices sorting palette rows from dark to light (Rec. 601 luma), ties by R, G, B."""
    luma = palette @ np.array([0.299, 0.587, 0.114])
    return np.lexsort((palette[:, 2], palette[:, 1], palette[:, 0], luma))


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
    pixels = image.reshape(-1, 3)
    scale = 1.0 if image.dtype == np.uint8 else 255.0  # work in 0-255 units whatever the input
    # The exact histogram (the distinct colours, and each pixel's index among them) is needed only
    # at the end, for the exact assignment: it is built on the background thread meanwhile.
    exact = _background().submit(_unique_colors, pixels)
    with _one_thread():
        finest = _cube_histogram(pixels, min(MERGE_CELLS))
        if len(finest[0]) <= n_colors:  # perhaps no more distinct colours than n_colors
            colors, _, _ = exact.result()
            if len(colors) <= n_colors:
                return image.copy(), colors[_palette_order(colors.astype(np.float64))]

        def exact_points():
            colors, _, counts = exact.result()
            return colors.astype(np.float64) * scale, counts.astype(np.float64)

        centers = _fit_centers(finest, exact_points, n_colors, random_state)
        if image.dtype == np.uint8:
            palette = np.clip(np.rint(centers), 0, 255).astype(np.uint8)
        else:
            palette = np.clip(centers / scale, 0.0, 1.0).astype(image.dtype)
        palette = np.unique(palette, axis=0)
        palette = palette[_palette_order(palette.astype(np.float64))]
        # Exact assignment: one nearest-colour search per distinct colour, copied to its pixels.
        colors, inverse, _ = exact.result()
        if image.dtype == np.uint8:  # whole numbers below 2**24: float32 arithmetic is exact
            nearest = _nearest_two_threads(colors.astype(np.float32), palette.astype(np.float32))
        else:
            nearest = _nearest_two_threads(colors * scale, palette.astype(np.float64) * scale)
    return _lookup(palette, nearest[inverse]).reshape(image.shape), palette


def _lookup(palette: np.ndarray, index: np.ndarray) -> np.ndarray:
    """``palette[index]``, for uint8 palettes as one 4-byte word per pixel (several times faster)."""
    if palette.dtype != np.uint8:
        return np.take(palette, index, axis=0)
    words = np.zeros((len(palette), 4), dtype=np.uint8)
    words[:, :3] = palette
    picked = words.view(np.uint32).ravel()[index]
    return np.ascontiguousarray(picked.view(np.uint8).reshape(-1, 4)[:, :3])


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


# --- other quantizers, for comparison ---------------------------------------------------------------
def kmeans_quantize(
    image, n_colors: int = 64, *, fit_on=None, random_state=0
) -> tuple[np.ndarray, np.ndarray]:
    """Plain scikit-learn ``KMeans`` on pixels: fit on some (or all) pixels, then map every pixel.

    The straightforward way, without colour histograms: ``KMeans(n_colors, n_init=1)`` is fitted
    on ``fit_on`` (every pixel of ``image`` by default), and every pixel of ``image`` is then given
    its nearest centre, rounded to the image's dtype. Slower than :func:`quantize_colors` when
    fitted on every pixel; fitting on a sample (a downsampled image, random pixels) is quicker.

    Parameters
    ----------
    image : array of shape (height, width, 3)
        RGB image, ``uint8`` or float in [0, 1].
    n_colors : int, default 64
        Number of clusters (palette colours), at least 1 and at most the number of fitted pixels.
    fit_on : array of shape (n_pixels, 3) or (h, w, 3), optional
        The pixels to fit on, of the same kind as ``image`` (e.g. ``image[::3, ::3]``).
    random_state : int, numpy RandomState or None, default 0
        Seed of K-means' initialisation.

    Returns
    -------
    quantized : array of the same shape and dtype as ``image``
    palette : array of shape (n_colors, 3), same dtype as ``image``
        The rounded centres, in KMeans' order.

    Examples
    --------
    >>> from sklearn.datasets import load_sample_image
    >>> china = load_sample_image("china.jpg")
    >>> quantized, palette = kmeans_quantize(china, 8, fit_on=china[::8, ::8])
    >>> quantized.shape, palette.shape
    ((427, 640, 3), (8, 3))
    """
    image = _check_image(image)
    pixels = image.reshape(-1, 3)
    if fit_on is None:
        sample = pixels
    else:
        arr = np.asarray(fit_on)
        if arr.ndim == 2:
            arr = arr[None]
        sample = _check_image(arr, name="fit_on", shape="(n_pixels, 3) or (h, w, 3)").reshape(-1, 3)
        if (sample.dtype == np.uint8) != (image.dtype == np.uint8):
            raise ValueError(
                "fit_on must hold pixels of the same kind as image (both uint8, or both float "
                f"in [0, 1]); got {sample.dtype} and {image.dtype}"
            )
    n_colors = check_int(n_colors, name="n_colors", low=1, high=len(sample))
    scale = 1.0 if image.dtype == np.uint8 else 255.0
    from sklearn.cluster import KMeans

    km = KMeans(n_clusters=n_colors, n_init=1, random_state=random_state)
    km.fit(sample.astype(np.float64) * scale)
    labels = km.predict(pixels.astype(np.float64) * scale)
    if image.dtype == np.uint8:
        palette = np.clip(np.rint(km.cluster_centers_), 0, 255).astype(np.uint8)
    else:
        palette = np.clip(km.cluster_centers_ / scale, 0.0, 1.0).astype(image.dtype)
    return palette[labels].reshape(image.shape), palette


#: Pillow's quantizers by name (``PIL.Image.Quantize``); libimagequant needs a Pillow built with it.
PILLOW_METHODS = {
    "median cut": Image.Quantize.MEDIANCUT,
    "maximum coverage": Image.Quantize.MAXCOVERAGE,
    "fast octree": Image.Quantize.FASTOCTREE,
    "libimagequant": Image.Quantize.LIBIMAGEQUANT,
}


def pillow_quantize(
    image, n_colors: int = 64, *, method: str = "median cut"
) -> tuple[np.ndarray, np.ndarray]:
    """Pillow's ``Image.quantize`` without dithering, back as an RGB array and its palette.

    Parameters
    ----------
    image : array of shape (height, width, 3), uint8
        RGB image.
    n_colors : int, default 64
        Palette size, 1 to 256.
    method : {"median cut", "maximum coverage", "fast octree", "libimagequant"}
        Pillow's algorithm. "libimagequant" works only if Pillow was built with that library
        (``PIL.features.check_feature("libimagequant")``).

    Returns
    -------
    quantized : uint8 array of the same shape as ``image``
    palette : uint8 array of shape (n_used, 3)
        The palette colours the image uses, in Pillow's order.

    Examples
    --------
    >>> from sklearn.datasets import load_sample_image
    >>> quantized, palette = pillow_quantize(load_sample_image("china.jpg"), 16)
    >>> quantized.dtype, len(palette) <= 16
    (dtype('uint8'), True)
    """
    image = _check_image(image)
    if image.dtype != np.uint8:
        raise ValueError(
            f"image must be uint8 for Pillow; got {image.dtype} (convert a float image in [0, 1] "
            "with (image * 255).round().astype(np.uint8))"
        )
    n_colors = check_int(n_colors, name="n_colors", low=1, high=256)
    if method not in PILLOW_METHODS:
        raise ValueError(f"method must be one of {sorted(PILLOW_METHODS)}; got {method!r}")
    if method == "libimagequant":
        from PIL import features

        if not features.check_feature("libimagequant"):
            raise ValueError(
                "method 'libimagequant' needs a Pillow built with libimagequant, and this one "
                "was not; use 'median cut', 'maximum coverage' or 'fast octree'"
            )
    paletted = Image.fromarray(image).quantize(
        n_colors, method=PILLOW_METHODS[method], dither=Image.Dither.NONE
    )
    used = sorted(index for _, index in paletted.getcolors(256))
    table = np.asarray(paletted.getpalette("RGB"), dtype=np.uint8).reshape(-1, 3)
    return np.asarray(paletted.convert("RGB")), table[used]


def _as_pillow_image(image) -> Image.Image:
    """A Pillow image as is, or a uint8 RGB array as a Pillow image; else ValueError."""
    if isinstance(image, Image.Image):
        return image
    array = _check_image(image)
    if array.dtype != np.uint8:
        raise ValueError(
            f"image must be uint8 (or a PIL image); got {array.dtype} (convert a float image in "
            "[0, 1] with (image * 255).round().astype(np.uint8))"
        )
    return Image.fromarray(array)


def _png_bytes(image) -> bytes:
    buffer = io.BytesIO()
    _as_pillow_image(image).save(buffer, format="PNG")
    return buffer.getvalue()


def png_size(image) -> int:
    """Size in bytes of ``image`` written as a PNG file (in memory), with Pillow's defaults.

    Parameters
    ----------
    image : PIL.Image.Image or uint8 array of shape (height, width, 3)
        A Pillow image (a paletted one, mode "P", gives a paletted PNG) or an RGB array.

    Examples
    --------
    >>> png_size(np.zeros((8, 8, 3), dtype=np.uint8)) < 8 * 8 * 3
    True
    """
    return len(_png_bytes(image))


def png_bit_depth(image) -> int:
    """Bits per sample that Pillow writes in the PNG header of ``image`` (its IHDR bit depth).

    For a paletted image (mode "P") that is the size of each stored palette index, before the PNG's
    DEFLATE compression: PNG allows only 1, 2, 4 or 8 bits per index, and Pillow picks the smallest
    that holds the palette (8 for a palette of 17 to 256 colours). For an RGB image it is the bits
    per channel, 8.

    Parameters
    ----------
    image : PIL.Image.Image or uint8 array of shape (height, width, 3)

    Examples
    --------
    >>> from PIL import Image
    >>> paletted = Image.new("P", (4, 4))
    >>> paletted.putpalette([0, 0, 0, 255, 255, 255])  # two colours
    >>> png_bit_depth(paletted), png_bit_depth(np.zeros((4, 4, 3), dtype=np.uint8))
    (1, 8)
    """
    data = _png_bytes(image)
    # 8-byte signature, then the IHDR chunk: length (4), type (4), width (4), height (4), bit depth
    return data[24]


def jpeg_roundtrip(image, quality: int = 75) -> tuple[np.ndarray, int]:
    """Write ``image`` as a JPEG file (in memory) at ``quality``, read it back: (decoded, bytes).

    Pillow's JPEG encoder with its defaults apart from ``quality`` (so 4:2:0 chroma subsampling).

    Parameters
    ----------
    image : uint8 array of shape (height, width, 3)
        RGB image.
    quality : int, default 75
        JPEG quality, 1 (smallest file, worst image) to 95 (Pillow advises against higher values).

    Returns
    -------
    decoded : uint8 array of the same shape as ``image``
        The image as a JPEG decoder shows it.
    n_bytes : int
        The size of the JPEG file.

    Examples
    --------
    >>> img = np.full((16, 16, 3), 128, dtype=np.uint8)
    >>> decoded, n_bytes = jpeg_roundtrip(img, quality=50)
    >>> decoded.shape, decoded.dtype, n_bytes < 16 * 16 * 3
    ((16, 16, 3), dtype('uint8'), True)
    """
    pillow_image = _as_pillow_image(_check_image(image))
    quality = check_int(quality, name="quality", low=1, high=95)
    buffer = io.BytesIO()
    pillow_image.save(buffer, format="JPEG", quality=quality)
    n_bytes = buffer.tell()
    buffer.seek(0)
    with Image.open(buffer) as decoded:
        return np.asarray(decoded.convert("RGB")), n_bytes
